package tui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator/demo"
	"github.com/tokentui/tokentui/client/history"
	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/client/registry"
	"github.com/tokentui/tokentui/tui/clipboard"
)

// The all-profiles table on the three demo emulators (pinned clock, fixed
// seeds) and a fourth profile, "down", whose Border0 server is not there.

// allProfiles is the dashboard's options for it, and what opened what.
type allProfiles struct {
	opts  Options
	opens *openCounter
	hist  *history.Memory
}

// openCounter opens profiles and counts how often each was opened and
// listed, so a test can tell a retry of one from a reload of all.
type openCounter struct {
	mu     sync.Mutex
	opened map[string]int
	listed map[string]int
	provs  map[string]client.Provider
}

func (c *openCounter) open(ctx context.Context, p profile.Profile) (client.Provider, error) {
	c.mu.Lock()
	c.opened[p.Name]++
	c.mu.Unlock()
	if p.Name == "down" {
		// A Border0 server that is not there, without the retries of a GET.
		d, _ := registry.Lookup("border0")
		prov, err := d.New(client.Connection{BaseURL: p.URL, Token: "not-used", Retries: -1})
		return &countingProvider{Provider: prov, c: c, name: p.Name}, err
	}
	prov, err := profile.Open(ctx, p)
	if err != nil {
		return nil, err
	}
	cp := &countingProvider{Provider: prov, c: c, name: p.Name}
	c.mu.Lock()
	c.provs[p.Name] = cp
	c.mu.Unlock()
	return cp, nil
}

func (c *openCounter) count(m map[string]int, name string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return m[name]
}

// countingProvider counts the lists of the provider it wraps; it keeps
// the capabilities the dashboard asks for (expiry, connection test).
type countingProvider struct {
	client.Provider
	c    *openCounter
	name string
}

func (p *countingProvider) List(ctx context.Context) ([]client.Token, error) {
	p.c.mu.Lock()
	p.c.listed[p.name]++
	p.c.mu.Unlock()
	if p.name == "down" {
		// Slow enough to be drawn loading: a test waits for that frame.
		time.Sleep(150 * time.Millisecond)
	}
	return p.Provider.List(ctx)
}

func (p *countingProvider) UpdateExpiry(ctx context.Context, t client.Token, at time.Time) error {
	return p.Provider.(client.ExpiryUpdater).UpdateExpiry(ctx, t, at)
}

func (p *countingProvider) MatchSecret(secret string, tokens []client.Token) client.SecretMatch {
	if m, ok := p.Provider.(client.SecretMatcher); ok {
		return m.MatchSecret(secret, tokens)
	}
	return client.SecretMatch{Verdict: client.MatchForeign}
}

func newAllProfiles(t *testing.T) allProfiles { return newAllProfilesAt(t, fixedClock) }

// newAllProfilesAt runs the emulators and the dashboard on clock; nil is
// the wall clock, which a create needs (providers check an expiry against
// it).
func newAllProfilesAt(t *testing.T, clock func() time.Time) allProfiles {
	t.Helper()
	ps, stop, err := demo.Start(clock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	ps = append(ps, profile.WithLiteralToken("down", "border0", "http://127.0.0.1:1/api/v1", "x"))
	c := &openCounter{opened: map[string]int{}, listed: map[string]int{}, provs: map[string]client.Provider{}}
	h := &history.Memory{}
	return allProfiles{
		opts: Options{Profiles: ps, AllProfiles: true, Open: c.open, Now: clock, Demo: true,
			Clipboard: clipboard.NewFake(), History: h},
		opens: c,
		hist:  h,
	}
}

// loadedAll waits until every profile has answered: three loaded, one down.
func loadedAll(t *testing.T, tm *teatest.TestModel) {
	t.Helper()
	waitFor(t, tm, "loaded 3 profiles; down is down", "✗ down · Border0", "49 tokens")
}

func TestAllProfilesTableWithOneDownGolden(t *testing.T) {
	for _, s := range goldenSizes {
		t.Run(sizeName(s.w, s.h), func(t *testing.T) {
			a := newAllProfiles(t)
			tm := startWith(t, a.opts, s.w, s.h)
			loadedAll(t, tm)
			fm := finish(t, tm)
			if fm.table.Profiles() != 3 || fm.table.Len() < 40 {
				t.Fatalf("%d tokens of %d profiles", fm.table.Len(), fm.table.Profiles())
			}
			golden.RequireEqual(t, []byte(fm.View()))
		})
	}
}

func sizeName(w, h int) string { return strings.Join([]string{itoa(w), itoa(h)}, "x") }

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// r with the line of the profile down selected retries just it; r in the
// table reloads every profile.
func TestAllProfilesRetriesJustTheOneDown(t *testing.T) {
	a := newAllProfiles(t)
	tm := startWith(t, a.opts, 120, 35)
	loadedAll(t, tm)
	before := a.opens.count(a.opens.listed, "demo-goodaccess")
	send(tm, "k") // from the first row up into the lines above the table
	waitFor(t, tm, "r retry this profile", "Token from")
	send(tm, "r")
	waitFor(t, tm, "◌ down · Border0  loading…")
	waitFor(t, tm, "✗ down · Border0", "loaded 3 profiles; down is down")
	if n := a.opens.count(a.opens.listed, "demo-goodaccess"); n != before {
		t.Fatalf("retrying the profile down listed GoodAccess again (%d → %d)", before, n)
	}
	if n := a.opens.count(a.opens.listed, "down"); n != 2 {
		t.Fatalf("down was listed %d times, want 2 (once, then the retry)", n)
	}
	send(tm, "esc", "r")
	waitFor(t, tm, "refreshing 4 profiles")
	fm := finish(t, tm)
	if n := a.opens.count(a.opens.listed, "demo-goodaccess"); n <= before {
		t.Fatalf("r in the table did not reload GoodAccess (%d lists)", n)
	}
	if fm.all.problem < 0 || fm.opts.Profiles[fm.all.problem].Name != "down" {
		t.Errorf("the selected line is %d", fm.all.problem)
	}
}

// Marks, filter and sort work across profiles, and a bulk revoke sends
// each token to its own provider, reports per profile and keeps each in
// the history.
func TestAllProfilesBulkRevokeGoesToEachProvider(t *testing.T) {
	a := newAllProfiles(t)
	tm := startWith(t, a.opts, 120, 35)
	loadedAll(t, tm)
	send(tm, "/")
	tm.Type("breakglass")
	waitFor(t, tm, "1/")
	send(tm, "enter", "space", "esc")
	send(tm, "/")
	tm.Type("profile:unleash checkout-payments")
	waitFor(t, tm, "checkout-payments")
	send(tm, "enter", "space", "esc", "/")
	tm.Type("backup-config")
	waitFor(t, tm, "backup-config-export")
	send(tm, "enter", "space", "esc")
	waitFor(t, tm, "3 marked")
	send(tm, "x")
	waitFor(t, tm, "Revoke 3 tokens? (3 profiles)", "on demo-border0", "on demo-unleash", "on demo-goodaccess")
	send(tm, "y")
	waitFor(t, tm, "✓ revoked 1 token on demo-goodaccess, 1 on demo-border0 and 1 on demo-unleash") // in the table's order
	fm := finish(t, tm)
	for name, gone := range map[string]string{"demo-goodaccess": "backup-config-export", "demo-border0": "breakglass-oncall", "demo-unleash": "checkout-payments"} {
		if _, ok := tokenNamed(t, a.opens.provs[name], gone); ok {
			t.Errorf("%s still holds %s", name, gone)
		}
	}
	if fm.table.MarkCount() != 0 {
		t.Errorf("%d marks left", fm.table.MarkCount())
	}
	recs, _, _ := a.hist.Read()
	got := map[string]string{}
	for _, r := range recs {
		got[r.Profile] = r.Action + " " + r.Name + " " + r.Provider + " " + r.Outcome
	}
	want := map[string]string{
		"demo-goodaccess": "revoke backup-config-export goodaccess ok",
		"demo-border0":    "revoke breakglass-oncall border0 ok",
		"demo-unleash":    "revoke checkout-payments unleash ok",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("history of %s: %q, want %q", k, got[k], v)
		}
	}
}

// n asks which profile; the token is made there, selected, and kept in
// the history.
func TestAllProfilesCreateAsksWhichProfile(t *testing.T) {
	a := newAllProfilesAt(t, nil)
	tm := startWith(t, a.opts, 120, 35)
	loadedAll(t, tm)
	send(tm, "n")
	waitFor(t, tm, "Create a token on which profile?", "down · Border0  down: cannot reach")
	send(tm, "j", "j", "enter") // demo-unleash
	waitFor(t, tm, "New token on demo · Unleash")
	tm.Type("flags-edge")
	send(tm, "tab", "space", "tab", "space", "tab", "down", "space", "ctrl+s")
	waitFor(t, tm, "on demo · Unleash", "shown this once") // the reveal names the profile
	send(tm, "esc")
	fm := finish(t, tm)
	if _, ok := tokenNamed(t, a.opens.provs["demo-unleash"], "flags-edge"); !ok {
		t.Fatal("the token is not on demo-unleash")
	}
	for _, name := range []string{"demo-goodaccess", "demo-border0"} {
		if _, ok := tokenNamed(t, a.opens.provs[name], "flags-edge"); ok {
			t.Fatalf("the token is on %s", name)
		}
	}
	recs, _, _ := a.hist.Read()
	if len(recs) != 1 || recs[0].Action != "create" || recs[0].Profile != "demo-unleash" || recs[0].Name != "flags-edge" {
		t.Fatalf("history %+v", recs)
	}
	_ = fm
}

// f finds a leaked secret among every list and jumps to it; the secret
// appears nowhere on screen.
func TestAllProfilesFindJumpsToTheLeakedToken(t *testing.T) {
	a := newAllProfiles(t)
	tm := startWith(t, a.opts, 120, 35)
	loadedAll(t, tm)
	tokens, err := a.opens.provs["demo-unleash"].List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var leaked client.Token
	for _, tk := range tokens {
		if tk.Secret != "" && tk.Name == "data-pipeline" {
			leaked = tk
		}
	}
	if leaked.Secret == "" {
		t.Fatal("no listed secret to leak")
	}
	send(tm, "f")
	waitFor(t, tm, "Find a leaked secret")
	tm.Type(leaked.Secret)
	send(tm, "enter")
	waitFor(t, tm, "It is data-pipeline", "on demo-unleash", "the server lists this secret", "demo · GoodAccess: not here")
	send(tm, "enter")
	waitFor(t, tm, "│ data-pipeline ") // the detail pane's title
	fm := finish(t, tm)
	sel, ok := fm.table.Selected()
	if !ok || sel.Name != "data-pipeline" || sel.Profile != "demo-unleash" {
		t.Fatalf("selected %+v", sel)
	}
	if strings.Contains(fm.View(), leaked.Secret[len(leaked.Secret)-20:]) {
		t.Fatal("the secret is on screen")
	}
}

// w writes the rows shown, refuses to replace a file without y, and the
// file holds every profile's tokens with their profile.
func TestAllProfilesExport(t *testing.T) {
	a := newAllProfiles(t)
	tm := startWith(t, a.opts, 120, 35)
	loadedAll(t, tm)
	path := filepath.Join(t.TempDir(), "tokens.json")
	send(tm, "/")
	tm.Type("expired")
	send(tm, "enter", "w")
	waitFor(t, tm, "Export the table")
	send(tm, "ctrl+u")
	tm.Type(path)
	send(tm, "enter")
	waitFor(t, tm, "to "+path+" (JSON)")
	first, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %o", info.Mode().Perm())
	}
	for _, want := range []string{`"profile":"demo-goodaccess","provider":"goodaccess"`, `"profile":"demo-border0"`, `"profile":"demo-unleash"`, `"expired":true`} {
		if !strings.Contains(string(first), want) {
			t.Errorf("the file lacks %s:\n%s", want, first)
		}
	}
	if strings.Contains(string(first), `"expired":false`) {
		t.Error("the file holds rows the filter hides")
	}
	send(tm, "esc", "w", "ctrl+u")
	tm.Type(path)
	send(tm, "enter")
	waitFor(t, tm, "exists. Replace it?")
	send(tm, "n", "esc")
	fm := finish(t, tm)
	if again, _ := os.ReadFile(path); string(again) != string(first) {
		t.Fatal("n replaced the file")
	}
	_ = fm
}

// The p switcher offers all profiles; choosing one profile there reuses
// its provider (no second token command), and back again.
func TestSwitchingIntoAndOutOfAllProfiles(t *testing.T) {
	a := newAllProfiles(t)
	a.opts.AllProfiles = false
	tm := startWith(t, a.opts, 120, 35)
	waitFor(t, tm, "refreshed 12:00:00", "5 · logs")
	send(tm, "p")
	waitFor(t, tm, "All profiles", "one table")
	send(tm, "k", "enter")
	loadedAll(t, tm)
	if n := a.opens.count(a.opens.opened, "demo-goodaccess"); n != 1 {
		t.Fatalf("GoodAccess opened %d times, want once: the profile shown keeps its provider", n)
	}
	send(tm, "p", "j", "j", "enter") // demo-border0
	waitFor(t, tm, "switched to demo-border0")
	fm := finish(t, tm)
	if fm.all != nil || fm.opts.Provider == nil || fm.opts.Profiles[fm.opts.Profile].Name != "demo-border0" {
		t.Fatalf("not on demo-border0: all %v", fm.all != nil)
	}
	if n := a.opens.count(a.opens.opened, "demo-border0"); n != 1 {
		t.Fatalf("Border0 opened %d times, want once", n)
	}
	if fm.table.Fields().Profile {
		t.Error("one profile's table has a Profile column")
	}
	// What each profile listed in the all-profiles table is what a
	// switch to it expects (here: the switch to demo-border0); the fourth
	// profile, down, listed nothing.
	if want := []int{16, 17, 16}; !slices.Equal(fm.shownCounts, want) {
		t.Errorf("counts remembered from the all-profiles table: %v, want %v", fm.shownCounts, want)
	}
}
