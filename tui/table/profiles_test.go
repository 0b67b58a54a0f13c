package table

import (
	"slices"
	"strings"
	"testing"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/internal/tokentest"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// twoProfiles is the fixture on profile "ga" (GoodAccess: scopes, IPs,
// last use) and the same tokens, ids and all, on "un" (a provider without
// IPs or last use): two profiles of one server look like this.
func twoProfiles(t *testing.T) Model {
	t.Helper()
	var tokens []client.Token
	for _, p := range []string{"ga", "un"} {
		for _, tok := range tokentest.Fixture() {
			tok.Profile = p
			if p == "ga" {
				tok.Reported = client.FactLastUse
			}
			tokens = append(tokens, tok)
		}
	}
	tb := loaded(tokens)
	tb.SetProfiles(map[string]ProfileInfo{
		"ga": {Label: "ga · GoodAccess", Catalog: tokenfmt.NewCatalog(tokentest.GoodAccessCatalog(t)), Caps: client.Capabilities{Scopes: true, AllowedIPs: true, Reports: client.FactLastUse}},
		"un": {Label: "un · Unleash"},
	})
	return tb
}

func TestRowsOfTwoProfilesWithOneIDStayApart(t *testing.T) {
	tb := twoProfiles(t)
	if tb.Len() != 8 || tb.Profiles() != 2 || !tb.Fields().Profile {
		t.Fatalf("%d tokens on %d profiles", tb.Len(), tb.Profiles())
	}
	ga, un := RowKeyOf("ga", "bbbbbbbb-2222"), RowKeyOf("un", "bbbbbbbb-2222")
	if !tb.Has(ga) || !tb.Has(un) || tb.Has("bbbbbbbb-2222") {
		t.Fatal("a row is known by its profile and id")
	}
	tb = press(tb, "space") // the first row: alpha-logs on one profile
	first := RowKey(tb.Row(0))
	if tb.MarkCount() != 1 || !tb.IsMarked(first) || tb.IsMarked(RowKeyOf(map[string]string{"ga": "un", "un": "ga"}[tb.Row(0).Profile], tb.Row(0).ID)) {
		t.Fatal("marking one profile's token marked the other's")
	}
	if first != ga {
		t.Fatalf("the first row is %q, want alpha-logs on ga", first)
	}
	tb.Remove([]string{un})
	if tb.Has(un) || !tb.Has(ga) || tb.Len() != 7 {
		t.Fatal("removing one profile's token removed the other's")
	}
	if m := tb.Marked(); len(m) != 1 || RowKey(&m[0]) != ga {
		t.Fatalf("marked %v", m)
	}
}

func TestProfileColumnCellsAndFilter(t *testing.T) {
	tb := twoProfiles(t)
	tb.SetSize(140, 15)
	view := tb.View(tokentest.Now, true)
	header := strings.Split(view, "\n")[0]
	if !strings.Contains(header, "Profile") {
		t.Fatalf("no Profile column:\n%s", view)
	}
	if !strings.Contains(view, "ga · GoodAccess") || !strings.Contains(view, "un · Unleash") {
		t.Errorf("profile labels missing:\n%s", view)
	}
	// Each row with its own provider: a scope summary from GoodAccess's
	// catalog, "never" used only where last use is reported.
	for _, line := range strings.Split(view, "\n")[1:] {
		if strings.Contains(line, "alpha-logs") && strings.Contains(line, "ga · ") && !strings.Contains(line, "1 · logs") {
			t.Errorf("ga row without its catalog's summary: %s", line)
		}
		if strings.Contains(line, "un · ") && strings.Contains(line, "never ") && strings.Contains(line, "delta") {
			t.Errorf("un reports no last use, yet: %s", line)
		}
	}
	for q, want := range map[string]int{
		"profile:un":     4,
		"unleash":        4, // the label's provider
		"goodaccess":     4,
		"profile:ga ci":  2,
		"used:never":     4, // only ga reports last use
		"any":            3, // ga's unrestricted: un cannot restrict
		"scope:tokens":   1, // a group of ga's catalog (token.read)
		"bravo-ci":       2,
		"profile:nosuch": 0,
	} {
		tb.SetQuery(q)
		if got := tb.RowCount(); got != want {
			t.Errorf("%q: %d rows, want %d (%v)", q, got, want, names(&tb))
		}
	}
}

func TestSortByProfile(t *testing.T) {
	tb := twoProfiles(t)
	tb.SetQuery("")
	if !slices.Contains(tb.sortKeys(), SortByProfile) {
		t.Fatal("s does not offer the profile")
	}
	tb.SetSort(Sort{Key: SortByProfile})
	tb.SettleSort()
	var got []string
	for pos := range tb.RowCount() {
		got = append(got, tb.Row(pos).Profile+"/"+tb.Row(pos).Name)
	}
	want := "ga/alpha-logs ga/bravo-ci ga/charlie-ci ga/delta un/alpha-logs un/bravo-ci un/charlie-ci un/delta"
	if strings.Join(got, " ") != want {
		t.Fatalf("sorted by profile: %v", got)
	}
	if tb.SortLabel() != "profile ↑" {
		t.Errorf("label %q", tb.SortLabel())
	}
	// One profile: no Profile column, no profile order.
	one := loaded(tokentest.Fixture())
	if one.Fields().Profile || slices.Contains(one.sortKeys(), SortByProfile) {
		t.Error("a table of one profile has a profile column")
	}
}

func TestShownYieldsTheRowsOfItsMoment(t *testing.T) {
	tb := twoProfiles(t)
	tb.SetQuery("profile:un")
	shown := tb.Shown()
	tb.SetQuery("")
	var n int
	for tok := range shown {
		if tok.Profile != "un" {
			t.Fatalf("yielded %s of %s", tok.Name, tok.Profile)
		}
		n++
	}
	if n != 4 {
		t.Fatalf("%d rows yielded, want 4", n)
	}
}
