package goodaccess

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
)

func TestValidateRefusesBeforeSending(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	ok := client.NewToken{Name: "ok", Scopes: []string{"token.read"}}
	with := func(f func(*client.NewToken)) client.NewToken { r := ok; f(&r); return r }
	cases := map[string]struct {
		req   client.NewToken
		field string
		says  string
	}{
		"no name":         {with(func(r *client.NewToken) { r.Name = "   " }), client.FieldName, "required"},
		"long name":       {with(func(r *client.NewToken) { r.Name = strings.Repeat("é", 256) }), client.FieldName, "at most 255"},
		"control in name": {with(func(r *client.NewToken) { r.Name = "a\x1b[2Jb" }), client.FieldName, "control"},
		"no scopes":       {with(func(r *client.NewToken) { r.Scopes = nil }), client.FieldScopes, "at least one"},
		"unknown scope":   {with(func(r *client.NewToken) { r.Scopes = []string{"token.read", "gateways.read-all"} }), client.FieldScopes, `"gateways.read-all"`},
		"bad IP":          {with(func(r *client.NewToken) { r.AllowedIPs = []string{"300.1.1.1"} }), client.FieldAllowedIPs, "not an IP address"},
		"bad CIDR":        {with(func(r *client.NewToken) { r.AllowedIPs = []string{"10.0.0.0/33"} }), client.FieldAllowedIPs, "not a CIDR"},
		"hostname":        {with(func(r *client.NewToken) { r.AllowedIPs = []string{"vpn.example.com"} }), client.FieldAllowedIPs, "not an IP"},
		"zone":            {with(func(r *client.NewToken) { r.AllowedIPs = []string{"fe80::1%eth0"} }), client.FieldAllowedIPs, "not an IP"},
		"duplicate IP":    {with(func(r *client.NewToken) { r.AllowedIPs = []string{"10.0.0.0/8", "10.1.0.0/8"} }), client.FieldAllowedIPs, "10.0.0.0/8 is listed twice"},
		"duplicate v6":    {with(func(r *client.NewToken) { r.AllowedIPs = []string{"2001:db8::1", "2001:DB8:0::1"} }), client.FieldAllowedIPs, "twice"},
		"past expiry":     {with(func(r *client.NewToken) { r.ExpiresAt = now.Add(-time.Minute) }), client.FieldExpiresAt, "future"},
		"expiry is now":   {with(func(r *client.NewToken) { r.ExpiresAt = now.Add(500 * time.Millisecond) }), client.FieldExpiresAt, "future"},
		"role":            {with(func(r *client.NewToken) { r.Role = "admin" }), client.FieldRole, "no role"},
		"projects":        {with(func(r *client.NewToken) { r.Projects = []string{"*"} }), client.FieldProjects, "no projects"},
		"environment":     {with(func(r *client.NewToken) { r.Environment = "production" }), client.FieldEnvironment, "no environment"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := validate(c.req, now, time.UTC)
			var ve *client.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("validate = %v, want ValidationError", err)
			}
			msgs := ve.Fields[c.field]
			if len(msgs) == 0 || !strings.Contains(strings.Join(msgs, "|"), c.says) {
				t.Fatalf("Fields = %v, want %s to say %q", ve.Fields, c.field, c.says)
			}
			if len(ve.Fields) != 1 {
				t.Errorf("other fields flagged too: %v", ve.Fields)
			}
		})
	}
}

func TestValidateReportsEveryProblemAtOnce(t *testing.T) {
	_, err := validate(client.NewToken{AllowedIPs: []string{"x"}, ExpiresAt: time.Unix(1, 0)}, time.Now(), time.UTC)
	var ve *client.ValidationError
	if !errors.As(err, &ve) || len(ve.Fields) != 4 {
		t.Fatalf("validate = %v", err)
	}
}

func TestValidateNormalises(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	body, err := validate(client.NewToken{
		Name:       " " + strings.Repeat("ж", 255) + " ",
		Scopes:     []string{"token.read", " token.read ", "access-card.read-all"},
		AllowedIPs: []string{" 10.1.2.3/16", "10.1.2.3", "2001:DB8:0:0::1", "2001:db8::ffff/32", "::ffff:192.0.2.1", " "},
		ExpiresAt:  now.Add(time.Second + 300*time.Millisecond),
	}, now, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if body.Name != strings.Repeat("ж", 255) {
		t.Errorf("name = %q", body.Name)
	}
	if !slices.Equal(body.Scopes, []string{"token.read", "access-card.read-all"}) {
		t.Errorf("scopes = %v", body.Scopes)
	}
	if want := []string{"10.1.0.0/16", "10.1.2.3", "2001:db8::1", "2001:db8::/32", "::ffff:192.0.2.1"}; !slices.Equal(body.AllowedIPs, want) {
		t.Errorf("ips = %v, want %v", body.AllowedIPs, want)
	}
	if body.ExpiresAt != "2026-05-01 12:00:01" {
		t.Errorf("expires_at = %q", body.ExpiresAt)
	}
	// With a profile's timezone the expiry is written in it.
	prague, _ := time.LoadLocation("Europe/Prague")
	if body, _ := validate(client.NewToken{Name: "x", Scopes: []string{"token.read"}, ExpiresAt: now.Add(time.Hour)}, now, prague); body.ExpiresAt != "2026-05-01 15:00:00" {
		t.Errorf("expires_at in Europe/Prague = %q", body.ExpiresAt)
	}
}
