package tui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator"
	"github.com/tokentui/tokentui/tui/table"
)

// A List run by the dashboard counts what arrives: bytes as they are read,
// tokens as they are decoded, whichever provider it is.
func TestLoadCountsProgress(t *testing.T) {
	ga, p := startGoodAccess(t, emulator.GoodAccessOptions{Extra: 3000})
	progress := &client.Progress{}
	msg := loadTokensCmd(p, 7, fixedClock, table.SortByName, progress, false)().(tokensLoadedMsg)
	if msg.err != nil || msg.gen != 7 || msg.index.Len() != ga.Len() {
		t.Fatalf("%d tokens of %d, %v", msg.index.Len(), ga.Len(), msg.err)
	}
	if progress.Items() != int64(ga.Len()) || progress.Bytes() < int64(ga.Len())*100 {
		t.Errorf("counted %d tokens and %d bytes of %d tokens", progress.Items(), progress.Bytes(), ga.Len())
	}
}

// While r reloads, the old table stays usable and the status bar says how
// far the load has got; the ticks that read the counts end with the load.
func TestRefreshShowsProgressAndKeepsTheTable(t *testing.T) {
	p := &memProvider{tokens: modelFixture()}
	m := loadedModel(t, p, p.tokens, nil, 120, 35)
	m = press(m, "r")
	if !m.listing || m.progress == nil {
		t.Fatal("r started no list")
	}
	// Memory is made ready for about the list it replaces.
	if got := m.progress.TakeExpected(); got != int64(len(p.tokens)) {
		t.Errorf("the refresh expects %d tokens, not the %d it replaces", got, len(p.tokens))
	}
	m.progress.AddBytes(12<<20 + 300<<10)
	m.progress.AddItems(34016)
	m, cmd := updateCmd(m, loadProgressMsg{gen: m.listGen})
	if cmd == nil {
		t.Error("the ticks stopped while the list loads")
	}
	if line := statusLine(m); !strings.Contains(line, "refreshing… 12.3 MiB, 34016 tokens so far") {
		t.Errorf("status bar %q", line)
	}
	m = press(m, "j")
	if m.table.Len() != 4 || m.table.Cursor() != 1 {
		t.Errorf("the old table: %d tokens, cursor %d", m.table.Len(), m.table.Cursor())
	}
	if _, cmd := updateCmd(m, loadProgressMsg{gen: m.listGen - 1}); cmd != nil {
		t.Error("an older list's tick goes on")
	}
	msg := loadTokensCmd(p, m.listGen, fixedClock, table.SortByName, m.progress, false)()
	m = update(m, msg)
	if _, cmd := updateCmd(m, loadProgressMsg{gen: m.listGen}); cmd != nil || strings.Contains(statusLine(m), "so far") {
		t.Errorf("loaded, the ticks go on or the status bar says %q", statusLine(m))
	}
}

// A switch expects what the profile switched to had when it was last
// shown; a profile not shown yet, nothing.
func TestSwitchExpectsTheProfilesLastCount(t *testing.T) {
	a := &memProvider{tokens: modelFixture()}
	b := &memProvider{tokens: []client.Token{tok("eeeeeeee-5555", "echo"), tok("ffffffff-6666", "foxtrot")}}
	m := twoProfiles(t, a, b)
	m = update(m, profileChosenMsg{index: 1})
	m = update(m, profileOpenedMsg{index: 1, prov: b})
	if got := m.progress.TakeExpected(); got != 0 {
		t.Errorf("the first switch to b expects %d tokens", got)
	}
	toks, _ := b.List(context.Background())
	m = update(m, tokensLoadedMsg{gen: m.listGen, index: table.BuildIndex(toks), at: testNow})
	m = update(m, profileChosenMsg{index: 0})
	m = update(m, profileOpenedMsg{index: 0, prov: a})
	if got := m.progress.TakeExpected(); got != int64(len(a.tokens)) {
		t.Errorf("back on a, the list expects %d tokens, not the %d a had", got, len(a.tokens))
	}
	m = update(m, tokensLoadedMsg{gen: m.listGen, index: table.BuildIndex(a.tokens), at: testNow})
	m = update(m, profileChosenMsg{index: 1})
	m = update(m, profileOpenedMsg{index: 1, prov: b})
	if got := m.progress.TakeExpected(); got != 2 {
		t.Errorf("back on b, the list expects %d tokens, not 2", got)
	}
}

// The first load says it in the table pane too, where the table will be.
func TestFirstLoadShowsProgress(t *testing.T) {
	m := New(Options{Provider: &memProvider{}, Now: fixedClock})
	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 35})
	if got := m.progress.TakeExpected(); got != 0 {
		t.Errorf("the first load expects %d tokens: it knows none", got)
	}
	m.progress.AddBytes(1 << 20)
	m = update(m, loadProgressMsg{gen: m.listGen})
	if view := m.View(); strings.Count(view, "loading tokens… 1.0 MiB") != 2 {
		t.Errorf("view:\n%s", view)
	}
}

func TestReceivedText(t *testing.T) {
	for _, c := range []struct {
		r    received
		want string
	}{
		{received{}, ""},
		{received{bytes: 100}, "1 KiB"},
		{received{bytes: 700 << 10}, "700 KiB"},
		{received{bytes: 37 << 20, items: 1}, "37.0 MiB, 1 token so far"},
	} {
		if got := c.r.String(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.r, got, c.want)
		}
	}
}
