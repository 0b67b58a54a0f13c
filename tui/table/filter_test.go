package table

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/internal/tokentest"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

func filterFixture() []client.Token {
	return []client.Token{
		tokentest.Tok("11111111-aaaa", "Splunk-Export", tokentest.WithScopes("gateway-log.read", "system-logs.read"), tokentest.WithIPs("203.0.113.10")),
		tokentest.Tok("22222222-bbbb", "terraform-prod", tokentest.WithScopes("systems.create", "systems.read")),
		tokentest.Tok("33333333-cccc", "okta-sync", tokentest.WithScopes("members.read"), tokentest.WithIPs("198.51.100.0/24", "2001:db8::1")),
		tokentest.Tok("44444444-dddd", "unleash-frontend", func(t *client.Token) {
			t.Role, t.Projects, t.Environment = "frontend", []string{"web-shop"}, "production"
		}),
		tokentest.Tok("55555555-eeee", "splunk-staging", tokentest.WithScopes("gateway-log.read")),
	}
}

// naiveFilter is the obviously right answer: each field, lower-cased,
// contains the query; the ID starts with it.
func naiveFilter(tokens []client.Token, order []int32, q string) []int32 {
	q = strings.ToLower(q)
	var out []int32
	for _, i := range order {
		t := tokens[i]
		if strings.HasPrefix(strings.ToLower(t.ID), q) {
			out = append(out, i)
			continue
		}
		fields := append([]string{t.Name, t.Role, t.Environment, t.CreatedBy}, t.Scopes...)
		if len(t.Scopes) > 0 && tokenfmt.ReadOnly(t.Scopes) {
			fields = append(fields, "read-only")
		}
		fields = append(append(fields, t.AllowedIPs...), t.Projects...)
		for _, f := range fields {
			if strings.Contains(strings.ToLower(f), q) {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

func TestFilterMatchesEveryField(t *testing.T) {
	tokens := filterFixture()
	ix := BuildIndex(tokens)
	var f filterState
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"splunk", []string{"Splunk-Export", "splunk-staging"}}, // case-insensitive, name
		{"SPLUNK-EXP", []string{"Splunk-Export"}},
		{"33333333", []string{"okta-sync"}},                       // id
		{"log.read", []string{"Splunk-Export", "splunk-staging"}}, // scope
		{"198.51.100", []string{"okta-sync"}},                     // IP
		{"2001:db8", []string{"okta-sync"}},                       // second IP
		{"frontend", []string{"unleash-frontend"}},                // role and name
		{"web-shop", []string{"unleash-frontend"}},                // project
		{"production", []string{"unleash-frontend"}},              // environment
		{"  okta  ", []string{"okta-sync"}},                       // trimmed
		{"sync33333333", nil},                                     // never across fields
		{"", []string{"okta-sync", "Splunk-Export", "splunk-staging", "terraform-prod", "unleash-frontend"}},
	} {
		f.reset(ix.order(SortByName))
		f.set(matcher{ix: ix, now: tokentest.Now}, c.q)
		var got []string
		for _, i := range f.matches() {
			got = append(got, tokens[i].Name)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("filter %q = %v, want %v", c.q, got, c.want)
		}
	}
}

func TestFilterNarrowsIncrementally(t *testing.T) {
	tokens := filterFixture()
	ix := BuildIndex(tokens)
	var f filterState
	f.reset(ix.order(SortByName))

	f.set(matcher{ix: ix, now: tokentest.Now}, "s")
	afterS := f.matches()
	f.set(matcher{ix: ix, now: tokentest.Now}, "sp")
	f.set(matcher{ix: ix, now: tokentest.Now}, "spl")
	if len(f.levels) != 4 {
		t.Fatalf("typing s, sp, spl should stack 3 levels on the base, got %d", len(f.levels))
	}
	for i := 1; i < len(f.levels); i++ {
		for _, m := range f.levels[i].matches {
			if !slices.Contains(f.levels[i-1].matches, m) {
				t.Fatalf("level %q matched %d, which level %q did not", f.levels[i].query.text, m, f.levels[i-1].query.text)
			}
		}
	}
	// Backspace returns the very result it had, without scanning again.
	f.set(matcher{ix: ix, now: tokentest.Now}, "sp")
	f.set(matcher{ix: ix, now: tokentest.Now}, "s")
	if got := f.matches(); &got[0] != &afterS[0] || len(got) != len(afterS) {
		t.Error("backspace to \"s\" should reuse the stored result")
	}
	// A query that does not extend the current one drops what no longer applies.
	f.set(matcher{ix: ix, now: tokentest.Now}, "okta")
	if len(f.levels) != 2 || f.query() != "okta" {
		t.Errorf("levels after a new query: %d, query %q", len(f.levels), f.query())
	}
}

func TestFilterAgreesWithNaiveAtScale(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	tokens := tokentest.Synthetic(5000, rng)
	ix := BuildIndex(tokens)
	// remove some, so tombstones are exercised
	var gone []string
	for i := 0; i < 300; i++ {
		gone = append(gone, tokens[rng.IntN(len(tokens))].ID)
	}
	ix, _ = ix.without(gone)
	for _, sort := range []SortKey{SortByName, SortByCreated, SortByExpires} {
		var f filterState
		f.reset(ix.order(sort))
		for _, q := range []string{"c", "ci", "ci-", "ci-r", "ci-runner-prod", "ci-runner", "read", "read-all", "10.", "10.1", "logs", "zz", "", "4", "4a"} {
			f.set(matcher{ix: ix, now: tokentest.Now}, q)
			want := naiveFilter(tokens, ix.order(sort), q)
			if !slices.Equal(f.matches(), want) {
				t.Fatalf("sort %v, query %q: %d matches, want %d", sort, q, len(f.matches()), len(want))
			}
		}
	}
}

func TestSortOrders(t *testing.T) {
	tokens := []client.Token{
		tokentest.Tok("1", "bravo", tokentest.CreatedAgo(3*tokentest.Day), tokentest.ExpiresIn(10*tokentest.Day)),
		tokentest.Tok("2", "Alpha", tokentest.CreatedAgo(1*tokentest.Day)),                                          // never expires: last by expiry
		tokentest.Tok("3", "charlie", tokentest.CreatedAgo(9*tokentest.Day), tokentest.ExpiresIn(-2*tokentest.Day)), // expired: first by expiry
		tokentest.Tok("4", "delta", tokentest.CreatedAgo(2*tokentest.Day), tokentest.ExpiresIn(1*tokentest.Day)),
	}
	ix := BuildIndex(tokens)
	names := func(order []int32) []string {
		var out []string
		for _, i := range order {
			out = append(out, tokens[i].Name)
		}
		return out
	}
	if got := names(ix.order(SortByName)); !slices.Equal(got, []string{"Alpha", "bravo", "charlie", "delta"}) {
		t.Errorf("by name: %v", got)
	}
	if got := names(ix.order(SortByCreated)); !slices.Equal(got, []string{"Alpha", "delta", "bravo", "charlie"}) {
		t.Errorf("by created (newest first): %v", got)
	}
	if got := names(ix.order(SortByExpires)); !slices.Equal(got, []string{"charlie", "delta", "bravo", "Alpha"}) {
		t.Errorf("by expiry (soonest first, never last): %v", got)
	}
	before := ix
	ix, _ = ix.without([]string{"4"})
	if got := names(before.order(SortByExpires)); len(got) != 4 {
		t.Errorf("without changed the index it was called on: %v", got)
	}
	if got := names(ix.order(SortByExpires)); !slices.Equal(got, []string{"charlie", "bravo", "Alpha"}) {
		t.Errorf("after removing delta: %v", got)
	}
	if ix.Len() != 3 {
		t.Errorf("len after remove = %d", ix.Len())
	}
}

func TestIndexSanitisesHostileStrings(t *testing.T) {
	tokens := []client.Token{tokentest.Tok("x\x1b[2J1", "evil\x1b]52;c;aGk=\x07name", tokentest.WithScopes("a\x1b[31mb"))}
	ix := BuildIndex(tokens)
	got := ix.tokens[0]
	if strings.ContainsRune(got.Name+got.ID+got.Scopes[0]+ix.haystack[:len(ix.haystack)-1], 0x1b) {
		t.Fatalf("escape survived: %q", got.Name)
	}
	if got.Name != "evilname" {
		t.Errorf("name = %q", got.Name)
	}
}

// Tokens sharing one list: a clean list stays shared (looked at once, by
// identity), a hostile one is sanitised for every token that has it,
// each getting its own copy, the shared original left as it was.
func TestIndexSanitisesSharedLists(t *testing.T) {
	clean := []string{"token.read", "members.read", "groups.read"}
	hostile := []string{"token.read", "a\x1b[31mb", "c\x1b]52;c;aGk=\x07d"}
	var tokens []client.Token
	for i := range 600 {
		scopes := clean
		if i%3 == 0 {
			scopes = hostile
		}
		tokens = append(tokens, client.Token{ID: fmt.Sprintf("id-%03d", i), Name: fmt.Sprintf("t-%03d", i), Scopes: scopes, AllowedIPs: scopes})
	}
	ix := BuildIndex(tokens)
	for i, got := range ix.tokens {
		for _, list := range [][]string{got.Scopes, got.AllowedIPs} {
			if strings.ContainsRune(strings.Join(list, ""), 0x1b) {
				t.Fatalf("token %d: an escape survived: %q", i, list)
			}
			if i%3 != 0 && &list[0] != &clean[0] {
				t.Errorf("token %d: a clean shared list was copied", i)
			}
		}
	}
	if hostile[1] != "a\x1b[31mb" {
		t.Error("the shared hostile list was written into")
	}
}
