package find_test

import (
	"context"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/border0"
	"github.com/tokentui/tokentui/client/emulator"
	"github.com/tokentui/tokentui/client/find"
	"github.com/tokentui/tokentui/client/goodaccess"
	"github.com/tokentui/tokentui/client/unleash"
)

var now = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

func clock() time.Time { return now }

// systems is one emulator of each provider with a provider on it, and a
// secret of each kind the emulators issue.
type systems struct {
	ga, b0, un        client.Provider
	unV1, unV2, b0JWT string
	unV1ID, unV2Sel   string
	b0ID, gaSecret    string
	otherOrgB0JWT     string
	unGone            string
}

func start(t *testing.T) systems {
	t.Helper()
	var s systems
	g, err := emulator.NewGoodAccess(emulator.GoodAccessOptions{Clock: clock})
	must(t, err)
	t.Cleanup(g.Close)
	_, s.gaSecret = g.IssueToken("leaky-ga", []string{"token.read"}, time.Time{}, nil)
	s.ga = open(t, goodaccess.New, g.URL, g.AdminToken)

	u, err := emulator.NewUnleash(emulator.UnleashOptions{Clock: clock, SecureTokens: true})
	must(t, err)
	t.Cleanup(u.Close)
	s.unV1 = u.IssueToken("leaky-v1", "client", []string{"default"}, "production", time.Time{})
	s.unV1ID = client.Fingerprint(s.unV1)
	s.unV2 = u.IssueSecureToken("leaky-v2", "backend", []string{"default"}, "development", time.Time{})
	s.unV2Sel = s.unV2[strings.Index(s.unV2, ".v2_")+4:][:22]
	s.unGone = u.IssueToken("gone", "client", []string{"default"}, "production", time.Time{})
	s.un = open(t, unleash.New, u.URL, u.AdminToken)
	gone, _ := s.un.List(context.Background())
	for _, tk := range gone {
		if tk.Name == "gone" {
			must(t, s.un.Revoke(context.Background(), tk))
		}
	}

	b, err := emulator.NewBorder0(emulator.Border0Options{Clock: clock})
	must(t, err)
	t.Cleanup(b.Close)
	s.b0ID, s.b0JWT = b.IssueToken("leaky-b0", "member", time.Time{})
	s.b0 = open(t, border0.New, b.URL, b.AdminToken)
	// The emulator has one organisation: a token of another is made by
	// hand, with this one's token id, so only the organisation differs.
	enc := base64.RawURLEncoding.EncodeToString
	s.otherOrgB0JWT = enc([]byte(`{"alg":"HS256"}`)) + "." +
		enc([]byte(`{"org_id":"another-org","type":"token","token_id":"`+s.b0ID+`"}`)) + "." + enc([]byte("signature"))
	return s
}

func open[P client.Provider](t *testing.T, newP func(client.Connection) (P, error), url, token string) client.Provider {
	t.Helper()
	p, err := newP(client.Connection{BaseURL: url, Token: token, RetryBackoff: time.Millisecond})
	must(t, err)
	return p
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func sources(s systems) []find.Source {
	return []find.Source{
		{Profile: "ga", Provider: s.ga},
		{Profile: "b0", Provider: s.b0},
		{Profile: "un", Provider: s.un},
		// Down: asked only about what may be Border0's, which needs a list.
		{Profile: "down", Kind: "border0", Err: errors.New("connection refused")},
	}
}

// verdicts is "profile=verdict" for each result, in order.
func verdicts(rs []find.Result) string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Profile+"="+string(r.Verdict))
	}
	return strings.Join(out, " ")
}

func TestLookupFindsEachKindOnItsProfile(t *testing.T) {
	s := start(t)
	cases := []struct {
		name, secret, want, id string
	}{
		{"unleash v1, listed", s.unV1, "ga=not-here b0=not-here un=found down=not-here", s.unV1ID},
		{"unleash v1, with Bearer and spaces", "  Bearer " + s.unV1 + "\n", "ga=not-here b0=not-here un=found down=not-here", s.unV1ID},
		{"unleash v2, by selector", s.unV2, "ga=not-here b0=not-here un=found down=not-here", s.unV2Sel},
		{"unleash v1, revoked", s.unGone, "ga=not-here b0=not-here un=not-listed down=not-here", ""},
		{"border0, by claims", s.b0JWT, "ga=not-here b0=found un=not-here down=failed", s.b0ID},
		{"border0, another organisation", s.otherOrgB0JWT, "ga=not-here b0=not-here un=not-here down=failed", ""},
		{"goodaccess cannot tell", s.gaSecret, "ga=cannot-tell b0=not-here un=not-here down=not-here", ""},
		{"garbage", "hello-world-not-a-token", "ga=cannot-tell b0=not-here un=not-here down=failed", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rs := find.Lookup(context.Background(), c.secret, sources(s))
			if got := verdicts(rs); got != c.want {
				t.Fatalf("verdicts = %s, want %s", got, c.want)
			}
			found := find.FoundIn(rs)
			if c.id == "" {
				if len(found) != 0 {
					t.Fatalf("found %v, want nothing", found)
				}
			} else if len(found) != 1 || found[0].Token.ID != c.id {
				t.Fatalf("found %+v, want token %s", found, c.id)
			}
			for _, r := range rs {
				if strings.Contains(r.Says, strings.TrimSpace(c.secret)) || (len(c.secret) > 20 && strings.Contains(r.Says, strings.TrimSpace(c.secret)[len(strings.TrimSpace(c.secret))-16:])) {
					t.Errorf("%s says the secret: %q", r.Profile, r.Says)
				}
				if r.Verdict != find.Failed && r.Says == "" {
					t.Errorf("%s says nothing about %s", r.Profile, r.Verdict)
				}
			}
		})
	}
}

func TestLookupUsesAListGivenAndListsOnlyWhenItMayMatch(t *testing.T) {
	s := start(t)
	tokens, err := s.un.List(context.Background())
	must(t, err)
	// A list given is used as it is: an empty one holds nothing.
	rs := find.Lookup(context.Background(), s.unV1, []find.Source{{Profile: "un", Provider: s.un, Listed: true}})
	if rs[0].Verdict != find.NotListed {
		t.Fatalf("with an empty list given: %s, want not-listed", rs[0].Verdict)
	}
	rs = find.Lookup(context.Background(), s.unV1, []find.Source{{Profile: "un", Provider: s.un, Tokens: tokens, Listed: true}})
	if rs[0].Verdict != find.Found || rs[0].Token.Name != "leaky-v1" {
		t.Fatalf("with the list given: %+v", rs[0])
	}
	// A Border0 JWT is foreign to Unleash without any list: a provider
	// whose list would fail is never asked.
	broken := &failingList{Provider: s.un}
	rs = find.Lookup(context.Background(), s.b0JWT, []find.Source{{Profile: "un", Provider: broken}})
	if rs[0].Verdict != find.NotHere || broken.listed {
		t.Fatalf("foreign secret: %+v, listed %v", rs[0], broken.listed)
	}
	rs = find.Lookup(context.Background(), s.unV1, []find.Source{{Profile: "un", Provider: broken}})
	if rs[0].Verdict != find.Failed || rs[0].Err == nil {
		t.Fatalf("a list that fails: %+v", rs[0])
	}
}

// failingList is a provider whose List fails; it still matches secrets.
type failingList struct {
	client.Provider
	listed bool
}

func (f *failingList) List(context.Context) ([]client.Token, error) {
	f.listed = true
	return nil, errors.New("503 from the server")
}

func (f *failingList) MatchSecret(secret string, tokens []client.Token) client.SecretMatch {
	return f.Provider.(client.SecretMatcher).MatchSecret(secret, tokens)
}

func TestLookupRemembersTheSecretForScrubbing(t *testing.T) {
	secret := "default:production." + strings.Repeat("ab", 28)
	find.Lookup(context.Background(), secret, nil)
	if got := client.Scrub("the server said: " + secret); strings.Contains(got, secret[20:]) {
		t.Fatalf("Scrub left the secret: %s", got)
	}
}
