package tui

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/tui/clipboard"
)

// The first profile is opened by the dashboard, not before it: a spinner
// while its token command runs, an error state (not an exit) when it
// fails, and r or p from there.

// gatedOpen opens with fail until ok is set, then with the demo's opener;
// each call waits for release first (a slow token_command).
type gatedOpen struct {
	release chan struct{}
	ok      atomic.Bool
	calls   atomic.Int32
}

func (g *gatedOpen) open(ctx context.Context, p profile.Profile) (client.Provider, error) {
	g.calls.Add(1)
	select {
	case <-g.release:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if !g.ok.Load() {
		return nil, errors.New(`profile ` + p.Name + `: cannot get the admin token: token_command "pass show ga" failed: exit status 1`)
	}
	return profile.Open(ctx, p)
}

func TestFirstProfileOpensInTheDashboard(t *testing.T) {
	ps := startDemo(t)
	g := &gatedOpen{release: make(chan struct{})}
	g.ok.Store(true)
	tm := startWith(t, Options{Profiles: ps, Profile: 1, Demo: true, Open: g.open}, 120, 35)
	waitFor(t, tm, "connecting to demo-border0…", "demo · Border0")
	close(g.release)
	waitFor(t, tm, "refreshed ")
	fm := quitByKey(t, tm)
	if fm.opts.Provider == nil || fm.opts.Provider.Kind() != "border0" || fm.table.Len() == 0 {
		t.Fatalf("not loaded: provider %v", fm.opts.Provider)
	}
	if fm.status.kind != statusNone {
		t.Errorf("the first open says %q: it switched nothing", fm.status.text)
	}
}

func TestFirstProfileFailureShowsErrorAndRetries(t *testing.T) {
	ps := startDemo(t)
	g := &gatedOpen{release: make(chan struct{})}
	close(g.release)
	tm := startWith(t, Options{Profiles: ps, Profile: 0, Demo: true, Open: g.open}, 120, 35)
	waitFor(t, tm, "Could not open the profile: profile demo-goodaccess: cannot get the admin token", "p to switch profile / r to retry")
	g.ok.Store(true)
	send(tm, "r")
	waitFor(t, tm, "refreshed ", "16 tokens")
	fm := quitByKey(t, tm)
	if fm.opts.Provider == nil || fm.openErr != nil || g.calls.Load() != 2 {
		t.Fatalf("after r: provider %v, openErr %v, %d opens", fm.opts.Provider, fm.openErr, g.calls.Load())
	}
}

func TestFirstProfileFailureThenSwitch(t *testing.T) {
	ps := startDemo(t)
	fail := func(ctx context.Context, p profile.Profile) (client.Provider, error) {
		if p.Provider == "goodaccess" {
			return nil, errors.New("profile demo-goodaccess: cannot get the admin token: $GA_TOKEN is empty or not set")
		}
		return profile.Open(ctx, p)
	}
	m := New(Options{Profiles: ps, Profile: 0, Demo: true, Open: fail, Now: fixedClock, Clipboard: clipboard.NewFake()})
	m = update(m, windowSize(120, 35))
	if !strings.Contains(m.View(), "connecting to demo-goodaccess…") {
		t.Fatalf("no spinner before the open:\n%s", m.View())
	}
	// Keys that need a provider do nothing yet; they must not panic.
	m = press(m, "n", "x", "/", "s", "enter", "e", "c")
	if m.overlay != nil || m.filtering {
		t.Fatal("a key acted without a provider")
	}
	m, cmd := updateCmd(m, profileOpenedMsg{index: 0, err: errors.New("$GA_TOKEN is empty or not set")})
	if cmd != nil {
		t.Error("a failed open started something")
	}
	v := m.View()
	for _, want := range []string{"Could not open demo-goodaccess: $GA_TOKEN is empty", "p to switch profile / r to retry", "r retry"} {
		if !strings.Contains(v, want) {
			t.Errorf("error state lacks %q:\n%s", want, v)
		}
	}
	// The failed profile can be picked again in the switcher; another one opens.
	m = press(m, "p")
	if !strings.Contains(m.View(), "Switch profile") || strings.Contains(m.View(), "(open)") {
		t.Fatalf("switcher:\n%s", m.View())
	}
	m, cmd = updateCmd(press(m, "down"), keyMsg("enter"))
	m, cmd = updateCmd(m, cmd()) // profileChosenMsg
	if !strings.Contains(m.View(), "connecting to demo-border0…") {
		t.Errorf("no spinner for the chosen profile:\n%s", m.View())
	}
	var opened profileOpenedMsg
	for _, msg := range runBatch(cmd) {
		if o, ok := msg.(profileOpenedMsg); ok {
			opened = o
		}
	}
	if opened.err != nil || opened.prov == nil {
		t.Fatalf("open border0: %v", opened.err)
	}
	m = update(m, opened)
	if m.opts.Provider.Kind() != "border0" || m.openErr != nil || m.opts.ProfileLabel != "demo · Border0" {
		t.Errorf("after the switch: %s, %v, %q", m.opts.Provider.Kind(), m.openErr, m.opts.ProfileLabel)
	}
}

// runBatch runs cmd and, for a batch, each command in it (a spinner tick
// sleeps its 100 ms), and returns the messages.
func runBatch(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	batch, ok := msg.(tea.BatchMsg)
	if !ok {
		return []tea.Msg{msg}
	}
	var out []tea.Msg
	for _, c := range batch {
		out = append(out, runBatch(c)...)
	}
	return out
}
