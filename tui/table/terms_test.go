package table

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/internal/tokentest"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// languageFixture is one token per thing the filter language finds.
func languageFixture() []client.Token {
	day := tokentest.Day
	return []client.Token{
		tokentest.Tok("a1000000-0001", "backup-reader", tokentest.WithScopes("members.read-all", "groups.read-all"), tokentest.ExpiresIn(60*day)),
		tokentest.Tok("a2000000-0002", "siem-export", tokentest.WithScopes("gateway-log.read", "system-logs.read", "threat-blocker-logs.read", "device-posture-check-logs.read", "admin-logs.read"),
			tokentest.WithIPs("10.20.0.0/16", "2001:db8::/48"), tokentest.ExpiresIn(3*day)),
		tokentest.Tok("a3000000-0003", "terraform", tokentest.WithScopes("systems.create", "systems.read"), tokentest.WithIPs("203.0.113.7"),
			tokentest.ExpiresIn(-2*day), func(t *client.Token) { t.CreatedBy = "alice@example.com" }),
		tokentest.Tok("a4000000-0004", "web-frontend", func(t *client.Token) {
			t.Role, t.Projects, t.Environment, t.CreatedBy = "frontend", []string{"*"}, "production", "bob"
			t.LastUsedAt = tokentest.Now.Add(-2 * time.Hour)
		}),
		tokentest.Tok("a5000000-0005", "ci-client", func(t *client.Token) {
			t.Role, t.Projects, t.Environment = "client", []string{"shop"}, "development"
			t.LastUsedAt = tokentest.Now.Add(-200 * day)
			t.ExpiresAt = tokentest.Now.Add(400 * day)
		}),
	}
}

func filterNames(t *testing.T, tokens []client.Token, cat *tokenfmt.Catalog, caps client.Capabilities, q string) []string {
	t.Helper()
	ix := BuildIndex(slices.Clone(tokens))
	m := matcher{ix: ix, cat: cat, caps: caps, now: tokentest.Now}
	var f filterState
	f.reset(ix.order(SortByName))
	f.set(m, q)
	var got []string
	for _, i := range f.matches() {
		got = append(got, ix.tokens[i].Name)
	}
	return got
}

func TestFilterFindsWhatTheTableShows(t *testing.T) {
	ga := tokentest.GoodAccessCatalog(t)
	cat := tokenfmt.NewCatalog(ga)
	caps := client.Capabilities{Reports: client.FactLastUse}
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"read-only", []string{"backup-reader", "siem-export"}}, // the Scopes column's word
		{"logs", []string{"siem-export"}},                       // a group
		{"logs only", []string{"siem-export"}},                  // a preset, exactly
		{`"logs only"`, []string{"siem-export"}},
		{"expired", []string{"terraform"}},
		{"expiring", []string{"siem-export"}},
		{"never", []string{"web-frontend"}}, // no expiry
		{"frontend", []string{"web-frontend"}},
		{"client", []string{"ci-client"}},
		{"alice", []string{"terraform"}}, // the creator
		{"any", []string{"backup-reader", "ci-client", "web-frontend"}},
		{"10.20.5.5", []string{"siem-export"}}, // inside 10.20.0.0/16
		{"10.20.0.0/24", []string{"siem-export"}},
		{"2001:db8::1", []string{"siem-export"}},
		{"203.0.113.7", []string{"terraform"}},
		{"203.0.113.8", nil},
		{"read ci", nil}, // AND: no read scope on ci-client
		{"systems terra", []string{"terraform"}},
		{"scope:read-only", []string{"backup-reader", "siem-export"}},
		{"scope:frontend", nil}, // a role, not a scope
		{"role:frontend", []string{"web-frontend"}},
		{"type:client", []string{"ci-client"}},
		{"env:prod", []string{"web-frontend"}},
		{"project:all", []string{"web-frontend"}},
		{"project:shop", []string{"ci-client"}},
		{"by:bob", []string{"web-frontend"}},
		{"ip:10.20.5.5", []string{"siem-export"}},
		{"ip:any", []string{"backup-reader", "ci-client", "web-frontend"}},
		{"name:ci", []string{"ci-client"}},
		{"id:a3", []string{"terraform"}},
		{"expires:<30d", []string{"siem-export"}},
		{"expires:>1y", []string{"ci-client", "web-frontend"}}, // or never
		{"expires:never", []string{"web-frontend"}},
		{"expires:exp", []string{"siem-export", "terraform"}}, // expired or expiring, as typed
		{"expires:soon", nil},                                 // not a word it knows
		{"used:>90d", []string{"backup-reader", "ci-client", "siem-export", "terraform"}},
		{"used:<1d", []string{"web-frontend"}},
		{"used:never", []string{"backup-reader", "siem-export", "terraform"}},
		{"scope:", []string{"backup-reader", "ci-client", "siem-export", "terraform", "web-frontend"}}, // nothing to narrow by yet
	} {
		if got := filterNames(t, languageFixture(), cat, caps, c.q); !slices.Equal(got, c.want) {
			t.Errorf("%q = %v, want %v", c.q, got, c.want)
		}
	}
	// Where the provider does not report last use, "never used" is unknown.
	if got := filterNames(t, languageFixture(), cat, client.Capabilities{}, "used:never"); got != nil {
		t.Errorf("used:never without ReportsLastUse = %v", got)
	}
}

// An address finds ranges that a shorter text did not: the result must not
// be narrowed from the previous keystroke's.
func TestAddressTermIsNotNarrowedFromItsPrefix(t *testing.T) {
	tb := loaded(languageFixture())
	tb.SetQuery("10.20.5")
	if got := names(&tb); got != nil {
		t.Fatalf("10.20.5: %v", got)
	}
	tb.SetQuery("10.20.5.5")
	if got := names(&tb); !slices.Equal(got, []string{"siem-export"}) {
		t.Errorf("10.20.5.5 after 10.20.5: %v", got)
	}
	tb.SetQuery("expires:<3d")
	tb.SetQuery("expires:<30d")
	if got := names(&tb); !slices.Equal(got, []string{"siem-export"}) {
		t.Errorf("expires:<30d after expires:<3d: %v", got)
	}
}

func TestRefines(t *testing.T) {
	for _, c := range []struct {
		q, base string
		want    bool
	}{
		{"spl", "sp", true},
		{"sp lo", "sp", true}, // another term only narrows
		{"scope:read", "scope:re", true},
		{"scope:read", "read", false}, // another field
		{"10.20.5.5", "10.20.5", false},
		{"10.20.5.5 x", "10.20.5.5", true},
		{"expires:<30d", "expires:<3d", false},
		{"xsp", "sp", false},
		{"scope:r", "scope:", true},
		{"sp", "sp lo", false},
	} {
		if got := parseQuery(c.q).refines(parseQuery(c.base)); got != c.want {
			t.Errorf("%q refines %q = %v, want %v", c.q, c.base, got, c.want)
		}
	}
}

// naiveMatch is the language's obviously right answer for one token.
func naiveMatch(tok client.Token, cat *tokenfmt.Catalog, q string) bool {
	for _, raw := range splitTerms(q) {
		t := parseTerm(raw)
		if t.text == "" && t.kind != termAny && !t.bad {
			continue
		}
		if !naiveTerm(tok, cat, t) {
			return false
		}
	}
	return true
}

func naiveTerm(tok client.Token, cat *tokenfmt.Catalog, t term) bool {
	has := func(fields ...string) bool {
		for _, f := range fields {
			if strings.Contains(strings.ToLower(f), t.text) {
				return true
			}
		}
		return false
	}
	scopes := append(slices.Clone(tok.Scopes), tokenfmt.ScopeWords(tok.Scopes, cat)...)
	inRange := func() bool {
		for _, s := range tok.AllowedIPs {
			if p, ok := parseAddr(s); ok && t.hasAddr && p.Addr().Is4() == t.addr.Addr().Is4() && p.Bits() <= t.addr.Bits() && p.Contains(t.addr.Addr()) {
				return true
			}
		}
		return false
	}
	status := statusWords[statusOf(&tok, tokentest.Now)]
	now := tokentest.Now
	switch t.kind {
	case termExpires:
		switch t.op {
		case '<':
			return tok.Expires() && tok.ExpiresAt.After(now) && !tok.ExpiresAt.After(now.Add(t.span))
		case '>':
			return !tok.Expires() || tok.ExpiresAt.After(now.Add(t.span))
		}
		return !t.bad && slices.Contains(t.words, status)
	case termScope:
		return has(scopes...)
	case termIP:
		return has(tok.AllowedIPs...) || len(tok.AllowedIPs) == 0 && strings.Contains("any", t.text) || inRange()
	case termName:
		return has(tok.Name)
	}
	fields := append([]string{tok.Name, tok.Role, tok.Environment, tok.CreatedBy, tok.Owner}, scopes...)
	fields = append(append(fields, tok.AllowedIPs...), tok.Projects...)
	return has(fields...) || strings.HasPrefix(strings.ToLower(tok.ID), t.text) ||
		status != "" && strings.Contains(status, t.text) ||
		cat.CanRestrictIPs() && len(tok.AllowedIPs) == 0 && strings.Contains("any", t.text) || inRange()
}

// Typed key by key, with backspaces, the narrowed results agree with the
// naive answer for queries of several terms and fields.
func TestFilterLanguageAgreesWithNaiveAtScale(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	tokens := tokentest.Synthetic(3000, rng)
	for i := range tokens {
		if rng.IntN(4) == 0 {
			tokens[i].CreatedBy = fmt.Sprintf("user%d@example.com", rng.IntN(7))
		}
	}
	cat := tokenfmt.NewCatalog(tokentest.GoodAccessCatalog(t))
	tb := New()
	tb.SetClock(tokentest.Clock)
	tb.SetSize(118, 15)
	tb.SetCatalog(cat)
	tb.SetIndex(BuildIndex(tokens))
	for _, q := range []string{"read-only prod", "scope:logs ci", "10.12.3.4", "ip:10.1 staging", "expired ci", "by:user3 read",
		"expires:<30d", "expiring", "never backup", "scope:read-all grafana 2001:db8::5", `"logs only"`} {
		typed := ""
		for _, r := range q {
			typed += string(r)
			tb.RequestQuery(typed)
			tb.SettleFilter()
		}
		var want []string
		for _, i := range tb.ix.rowsIn(tb.sort) {
			if naiveMatch(tb.ix.tokens[i], cat, q) {
				want = append(want, tb.ix.tokens[i].Name)
			}
		}
		if got := names(&tb); !slices.Equal(got, want) {
			t.Errorf("%q: %d rows, want %d", q, len(got), len(want))
		}
		tb.SetQuery("")
	}
}

func TestParseAddr(t *testing.T) {
	for s, want := range map[string]string{"10.20.5.5": "10.20.5.5/32", "10.1.2.3/8": "10.0.0.0/8", "::ffff:1.2.3.4": "1.2.3.4/32", "2001:db8::1": "2001:db8::1/128"} {
		if p, ok := parseAddr(s); !ok || p != netip.MustParsePrefix(want) {
			t.Errorf("parseAddr(%q) = %v, %v", s, p, ok)
		}
	}
	for _, s := range []string{"10.20.5", "fe80::1%eth0", "x"} {
		if _, ok := parseAddr(s); ok {
			t.Errorf("parseAddr(%q) accepted", s)
		}
	}
}
