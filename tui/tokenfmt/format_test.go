package tokenfmt

import (
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/internal/tokentest"
)

var testNow = tokentest.Now

func TestRelativeExpiry(t *testing.T) {
	cases := []struct {
		name    string
		expires time.Time
		want    string
		tone    ExpiryTone
	}{
		{"never", time.Time{}, "never", ToneNever},
		{"expired two days ago", testNow.Add(-2*day - time.Hour), "expired 2d ago", ToneExpired},
		{"expired exactly now", testNow, "expired just now", ToneExpired},
		{"expired seconds ago", testNow.Add(-42 * time.Second), "expired 42s ago", ToneExpired},
		{"expired months ago", testNow.Add(-95 * day), "expired 3mo ago", ToneExpired},
		{"in three days, soon", testNow.Add(3*day + 5*time.Hour), "⚠ in 3d", ToneSoon},
		{"in 45 seconds", testNow.Add(45 * time.Second), "⚠ in 45s", ToneSoon},
		{"in 5 hours", testNow.Add(5*time.Hour + 59*time.Minute), "⚠ in 5h", ToneSoon},
		{"exactly seven days is soon", testNow.Add(7 * day), "⚠ in 7d", ToneSoon},
		{"eight days is not soon", testNow.Add(8 * day), "in 8d", ToneNormal},
		{"in five months", testNow.Add(151 * day), "in 5mo", ToneNormal},
		{"in two years", testNow.Add(800 * day), "in 2y", ToneNormal},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, tone := RelativeExpiry(client.Token{ExpiresAt: c.expires}, testNow)
			if got != c.want || tone != c.tone {
				t.Errorf("relativeExpiry = %q (tone %d), want %q (tone %d)", got, tone, c.want, c.tone)
			}
		})
	}
}

func TestRelativePast(t *testing.T) {
	for _, c := range []struct {
		at   time.Time
		want string
	}{
		{time.Time{}, "never"},
		{testNow, "just now"},
		{testNow.Add(-12 * time.Minute), "12m ago"},
		{testNow.Add(-26 * time.Hour), "1d ago"},
		{testNow.Add(2 * time.Hour), "in 2h"},
	} {
		if got := RelativePast(c.at, testNow); got != c.want {
			t.Errorf("RelativePast(%v) = %q, want %q", c.at, got, c.want)
		}
	}
}

func TestScopeSummary(t *testing.T) {
	cat := NewCatalog(tokentest.GoodAccessCatalog(t))
	logs := []string{"gateway-log.read", "system-logs.read", "threat-blocker-logs.read", "device-posture-check-logs.read", "admin-logs.read"}
	all := cat.Source().AllScopes()
	for _, c := range []struct {
		name   string
		scopes []string
		cat    *Catalog
		want   string
	}{
		{"one group", logs, cat, "5 · logs"},
		{"every scope", all, cat, "52 · all"},
		{"every scope but one", all[1:], cat, "51 · members +9"},
		{"a duplicate is not all", append(append([]string{}, all[1:]...), all[1]), cat, "52 · members +9"},
		{"read only across groups", []string{"members.read-all", "groups.read", "gateway.read-all"}, cat, "3 · read-only"},
		{"mixed groups", []string{"members.create", "groups.read-all", "member-group-relation.add"}, cat, "3 · members +2"},
		{"unknown scope", []string{"future.scope"}, cat, "1 · other"},
		{"no catalog yet", logs, nil, "5 scopes"},
		{"no catalog, one scope", logs[:1], nil, "1 · gateway-log.read"},
		{"none", nil, cat, "none"},
	} {
		if got := ScopeSummary(c.scopes, c.cat); got != c.want {
			t.Errorf("%s: scopeSummary = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestGroupScopesFollowsCatalogOrder(t *testing.T) {
	cat := NewCatalog(tokentest.GoodAccessCatalog(t))
	got := GroupScopes([]string{"admin-logs.read", "zz.unknown", "members.read", "members.create"}, cat)
	if len(got) != 3 {
		t.Fatalf("groups = %+v", got)
	}
	if got[0].Name != "Members" || len(got[0].Scopes) != 2 || got[0].Total != 6 {
		t.Errorf("first group = %+v", got[0])
	}
	if got[1].Name != "Logs" || got[2].Name != "Other" || got[2].Scopes[0] != "zz.unknown" {
		t.Errorf("groups = %+v", got)
	}
}
