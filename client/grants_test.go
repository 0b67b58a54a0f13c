package client

import (
	"strings"
	"testing"
	"time"
)

func TestCompareGrants(t *testing.T) {
	exp := time.Date(2027, 1, 1, 10, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		req  NewToken
		got  Token
		want []string // substrings, one per difference, in order
	}{
		{"same", NewToken{Scopes: []string{"a.read", "b.read"}, AllowedIPs: []string{"203.0.113.7", "10.0.0.0/8"}, ExpiresAt: exp},
			Token{Scopes: []string{"b.read", "a.read"}, AllowedIPs: []string{"203.0.113.7/32", "10.0.0.0/8"}, ExpiresAt: exp.Add(500 * time.Millisecond)}, nil},
		{"scopes ignored", NewToken{Scopes: []string{"a.read", "b.read", "c.read"}}, Token{},
			[]string{"requested 3 scopes, the server granted none"}},
		{"some scopes", NewToken{Scopes: []string{"a.read", "b.read", "c.read"}}, Token{Scopes: []string{"a.read", "z.delete"}},
			[]string{"granted only 1 of the 3 scopes requested; missing: b.read, c.read", "granted 1 scope that was not requested: z.delete"}},
		{"IPs dropped", NewToken{AllowedIPs: []string{"203.0.113.7", "198.51.100.0/24"}}, Token{},
			[]string{"requested 2 allowed IPs, the server keeps none: any address may use the token"}},
		{"IP added", NewToken{}, Token{AllowedIPs: []string{"192.0.2.1"}},
			[]string{"added 1 allowed IP that was not requested: 192.0.2.1/32"}},
		{"expiry dropped", NewToken{ExpiresAt: exp}, Token{},
			[]string{"requested an expiry of 2027-01-01 10:00:00 UTC, the server reports none: the token never expires"}},
		{"expiry added", NewToken{}, Token{ExpiresAt: exp},
			[]string{"requested no expiry, the server set one: 2027-01-01 10:00:00 UTC"}},
		{"expiry in another zone", NewToken{ExpiresAt: exp}, Token{ExpiresAt: exp.Add(-time.Hour)},
			[]string{"(1h0m0s earlier): a whole number of half-hours, so the server probably reads the time in another time zone"}},
		{"expiry off", NewToken{ExpiresAt: exp}, Token{ExpiresAt: exp.Add(7 * time.Minute)},
			[]string{"the server reports 2027-01-01 10:07:00 UTC (7m0s later)"}},
		{"role", NewToken{Role: "admin"}, Token{Role: "member"}, []string{`requested role "admin", the server reports role "member"`}},
		{"role same case", NewToken{Role: "Admin"}, Token{Role: "admin"}, nil},
		{"all projects collapsed", NewToken{Projects: []string{"*", "default"}}, Token{Projects: []string{"*"}}, nil},
		{"project missing", NewToken{Projects: []string{"a", "b"}}, Token{Projects: []string{"a"}},
			[]string{"the server gave the token only 1 of the 2 projects requested; missing: b"}},
		{"environment", NewToken{Environment: "production"}, Token{Environment: "development"},
			[]string{"requested environment production, the server reports development"}},
		{"hostile text", NewToken{Scopes: []string{"a"}}, Token{Scopes: []string{"a", "x\x1b[31m"}}, []string{"not requested: x"}},
	}
	for _, c := range cases {
		got := CompareGrants(c.req, c.got)
		if len(got) != len(c.want) {
			t.Errorf("%s: %q, want %d differences", c.name, got, len(c.want))
			continue
		}
		for i, w := range c.want {
			if !strings.Contains(got[i], w) || strings.ContainsRune(got[i], '\x1b') {
				t.Errorf("%s: %q lacks %q", c.name, got[i], w)
			}
		}
	}
}
