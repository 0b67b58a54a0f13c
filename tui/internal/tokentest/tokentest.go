// Package tokentest is what the dashboard's tests and benchmarks share
// across its packages: the pinned clock, token builders, synthetic token
// lists and the GoodAccess catalog. Only tests import it.
package tokentest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/registry"
)

// Now is the pinned clock of every test, the emulators' included.
var Now = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// Day is a day, for expiries and ages.
const Day = 24 * time.Hour

// Clock is a clock that always says Now.
func Clock() time.Time { return Now }

// Tok builds a token with the given name and id, created 30 days before
// Now; the rest as the options say.
func Tok(id, name string, opts ...func(*client.Token)) client.Token {
	t := client.Token{ID: id, Name: name, CreatedAt: Now.Add(-30 * Day)}
	for _, o := range opts {
		o(&t)
	}
	return t
}

// Options of Tok.
func WithScopes(s ...string) func(*client.Token) { return func(t *client.Token) { t.Scopes = s } }
func WithIPs(s ...string) func(*client.Token)    { return func(t *client.Token) { t.AllowedIPs = s } }
func ExpiresIn(d time.Duration) func(*client.Token) {
	return func(t *client.Token) { t.ExpiresAt = Now.Add(d) }
}
func CreatedAgo(d time.Duration) func(*client.Token) {
	return func(t *client.Token) { t.CreatedAt = Now.Add(-d) }
}

// Fixture is the four tokens most model tests act on; by name: alpha-logs,
// bravo-ci, charlie-ci, delta.
func Fixture() []client.Token {
	return []client.Token{
		Tok("aaaaaaaa-1111", "bravo-ci", CreatedAgo(3*Day), ExpiresIn(10*Day), WithScopes("token.read")),
		Tok("bbbbbbbb-2222", "alpha-logs", CreatedAgo(1*Day), WithScopes("admin-logs.read")),
		Tok("cccccccc-3333", "charlie-ci", CreatedAgo(9*Day), ExpiresIn(-2*Day), WithIPs("10.0.0.0/8")),
		Tok("dddddddd-4444", "delta", CreatedAgo(2*Day), ExpiresIn(1*Day)),
	}
}

// GoodAccessCatalog is the real provider's catalog (static, no network),
// taken through the registry like everything in tui/.
func GoodAccessCatalog(t testing.TB) client.Catalog {
	t.Helper()
	d, ok := registry.Lookup("goodaccess")
	if !ok {
		t.Fatal("no goodaccess provider in the registry")
	}
	p, err := d.New(client.Connection{BaseURL: "http://127.0.0.1:1", Token: "unused"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := p.Catalog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Synthetic makes n tokens shaped like the emulator's generated ones; a
// nil rng is seeded from n.
func Synthetic(n int, rng *rand.Rand) []client.Token {
	if rng == nil {
		rng = rand.New(rand.NewPCG(3, uint64(n)))
	}
	systems := []string{"ci-runner", "terraform", "ansible", "backup", "siem-export", "grafana", "okta-sync", "jira-bot"}
	envs := []string{"prod", "staging", "dev", "eu-west", "lab"}
	profiles := [][]string{
		{"gateway-log.read", "system-logs.read", "threat-blocker-logs.read", "device-posture-check-logs.read", "admin-logs.read"},
		{"members.read-all", "groups.read-all", "systems.read-all", "system-groups.read-all", "access-card.read-all", "gateway.read-all", "devices.read-all", "token.read-all"},
		{"members.create", "members.read", "members.update", "groups.read-all", "member-group-relation.add"},
		{"devices.read", "devices.read-all", "devices.delete"},
		{"token.read", "token.read-all"},
	}
	out := make([]client.Token, n)
	for i := range out {
		t := client.Token{
			ID:        fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", rng.Uint32(), rng.IntN(1<<16), rng.IntN(1<<12), rng.IntN(1<<12), rng.Uint64()&(1<<48-1)),
			Name:      fmt.Sprintf("%s-%s-%d", systems[rng.IntN(len(systems))], envs[rng.IntN(len(envs))], i+1),
			Scopes:    profiles[rng.IntN(len(profiles))],
			CreatedAt: Now.Add(-time.Duration(1+rng.IntN(900*24*60)) * time.Minute),
		}
		if rng.IntN(10) == 0 {
			t.AllowedIPs = []string{fmt.Sprintf("10.%d.0.0/16", rng.IntN(256)), "2001:db8::/48"}
		}
		switch r := rng.IntN(10); {
		case r < 2:
		case r == 2:
			t.ExpiresAt = Now.Add(-time.Duration(1+rng.IntN(200)) * Day)
		default:
			t.ExpiresAt = Now.Add(time.Duration(1+rng.IntN(400*24)) * time.Hour)
		}
		out[i] = t
	}
	return out
}
