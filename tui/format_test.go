package tui

import (
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
)

func TestRelativeExpiry(t *testing.T) {
	cases := []struct {
		name    string
		expires time.Time
		want    string
		tone    expiryTone
	}{
		{"never", time.Time{}, "never", toneNever},
		{"expired two days ago", testNow.Add(-2*day - time.Hour), "expired 2d ago", toneExpired},
		{"expired exactly now", testNow, "expired just now", toneExpired},
		{"expired seconds ago", testNow.Add(-42 * time.Second), "expired 42s ago", toneExpired},
		{"expired months ago", testNow.Add(-95 * day), "expired 3mo ago", toneExpired},
		{"in three days, soon", testNow.Add(3*day + 5*time.Hour), "in 3d", toneSoon},
		{"in 45 seconds", testNow.Add(45 * time.Second), "in 45s", toneSoon},
		{"in 5 hours", testNow.Add(5*time.Hour + 59*time.Minute), "in 5h", toneSoon},
		{"exactly seven days is soon", testNow.Add(7 * day), "in 7d", toneSoon},
		{"eight days is not soon", testNow.Add(8 * day), "in 8d", toneNormal},
		{"in five months", testNow.Add(151 * day), "in 5mo", toneNormal},
		{"in two years", testNow.Add(800 * day), "in 2y", toneNormal},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, tone := relativeExpiry(client.Token{ExpiresAt: c.expires}, testNow)
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
		if got := relativePast(c.at, testNow); got != c.want {
			t.Errorf("relativePast(%v) = %q, want %q", c.at, got, c.want)
		}
	}
}

func TestScopeSummary(t *testing.T) {
	cat := newCatalogInfo(goodAccessCatalog(t))
	logs := []string{"gateway-log.read", "system-logs.read", "threat-blocker-logs.read", "device-posture-check-logs.read", "admin-logs.read"}
	all := cat.catalog.AllScopes()
	for _, c := range []struct {
		name   string
		scopes []string
		cat    *catalogInfo
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
		if got := scopeSummary(c.scopes, c.cat); got != c.want {
			t.Errorf("%s: scopeSummary = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestIPAndListSummaries(t *testing.T) {
	if s, anyIP := ipSummary(nil); s != "any" || !anyIP {
		t.Errorf("ipSummary(nil) = %q, %v", s, anyIP)
	}
	if s, _ := ipSummary([]string{"10.0.0.0/8"}); s != "10.0.0.0/8" {
		t.Errorf("one IP: %q", s)
	}
	if s, anyIP := ipSummary([]string{"10.0.0.1", "10.0.0.2", "2001:db8::/32"}); s != "10.0.0.1 +2" || anyIP {
		t.Errorf("three IPs: %q", s)
	}
	if s := listSummary([]string{"*"}); s != "all" {
		t.Errorf("projects *: %q", s)
	}
	if s := listSummary([]string{"web", "api"}); s != "web +1" {
		t.Errorf("two projects: %q", s)
	}
}

func TestGroupScopesFollowsCatalogOrder(t *testing.T) {
	cat := newCatalogInfo(goodAccessCatalog(t))
	got := groupScopes([]string{"admin-logs.read", "zz.unknown", "members.read", "members.create"}, cat)
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

func TestNaturalCompare(t *testing.T) {
	ordered := []string{"", "a", "ci-runner-2", "ci-runner-10", "ci-runner-010", "ci-runner-10a", "ci-runner-11", "ci-runnerx", "z1", "z01", "z2"}
	for i := range ordered {
		for j := range ordered {
			want := cmpInt(i, j)
			if got := naturalCompare(ordered[i], ordered[j]); got != want {
				t.Errorf("naturalCompare(%q, %q) = %d, want %d", ordered[i], ordered[j], got, want)
			}
		}
	}
}
