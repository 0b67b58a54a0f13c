package tui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator"
	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/clipboard"
	"github.com/tokentui/tokentui/tui/form"
)

// What an admin meets every day, tried as a person would: with the whole
// program (teatest) where the order of things matters, on the model where
// a state is easier to read.

// burst is several runes in one message, as a terminal delivers key
// repeat over a slow link.
func burst(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// A burst of jjjj moves four rows in every list, not one (or none).
func TestBurstsMoveEveryList(t *testing.T) {
	cat := goodAccessCatalog(t)
	m := loadedModel(t, &memProvider{}, syntheticTokens(30, nil), &cat, 120, 35)
	m = update(m, burst("jjjj"))
	if m.table.Cursor() != 4 {
		t.Errorf("table: cursor %d after jjjj", m.table.Cursor())
	}

	m = press(m, "n", "tab") // the scope checklist
	co := m.overlay.(*createOverlay)
	before := formCursorLine(co)
	m = update(m, burst("jjjj"))
	if after := formCursorLine(m.overlay.(*createOverlay)); after == before || !strings.Contains(after, "preset") && !strings.Contains(after, "Members") {
		t.Errorf("checklist: jjjj moved from %q to %q", before, after)
	}
	if !strings.Contains(formCursorLine(m.overlay.(*createOverlay)), "Members") {
		t.Errorf("checklist: four presets down is Members, the cursor is on %q", formCursorLine(m.overlay.(*createOverlay)))
	}
	// Typed into a text field, a burst is text.
	m = press(m, "shift+tab")
	m = update(m, burst("jjjj"))
	if v := m.View(); !strings.Contains(v, "Name         jjjj") {
		t.Errorf("the name field did not take the burst as text:\n%s", v)
	}

	// The profile switcher.
	ps := []profile.Profile{
		profile.WithLiteralToken("a", "goodaccess", "https://a.example", "t"),
		profile.WithLiteralToken("b", "goodaccess", "https://b.example", "t"),
		profile.WithLiteralToken("c", "goodaccess", "https://c.example", "t"),
	}
	pm := New(Options{Provider: &memProvider{}, Now: fixedClock, Clipboard: clipboard.NewFake(), Profiles: ps})
	pm = update(pm, windowSize(120, 35))
	pm = update(press(pm, "p"), burst("jj"))
	if o := pm.overlay.(*profileOverlay); o.cursor != 3 { // row 0: all profiles
		t.Errorf("profile switcher: cursor on row %d after jj, want profile c's", o.cursor)
	}
}

// formCursorLine is the line of the form under the cursor (marked ›).
func formCursorLine(co *createOverlay) string {
	for _, l := range strings.Split(ansi.Strip(co.form.View()), "\n") {
		if strings.Contains(l, "› ") {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

// x, R, n, c, y, e and / act from the detail pane as from the table.
func TestActionsWorkFromTheDetailPane(t *testing.T) {
	cat := goodAccessCatalog(t)
	fresh := func() Model {
		m := loadedModel(t, &memProvider{}, modelFixture(), &cat, 120, 35)
		m = press(m, "enter")
		if m.focus != focusDetail {
			t.Fatal("enter did not focus the detail pane")
		}
		return m
	}
	if m := press(fresh(), "x"); !strings.Contains(m.View(), "Revoke token?") {
		t.Errorf("x from the detail pane:\n%s", m.View())
	}
	if m := press(fresh(), "R"); !strings.Contains(m.View(), "Rotate alpha-logs") {
		t.Errorf("R from the detail pane:\n%s", m.View())
	}
	if m := press(fresh(), "n"); !strings.Contains(m.View(), "New token") {
		t.Errorf("n from the detail pane:\n%s", m.View())
	}
	if m := press(fresh(), "c"); !strings.Contains(m.status.text, "shows a secret only once") {
		t.Errorf("c from the detail pane: status %q", m.status.text)
	}
	if m := press(fresh(), "e"); !strings.Contains(m.status.text, "cannot change a token's expiry") {
		t.Errorf("e from the detail pane: status %q", m.status.text)
	}
	if m := press(fresh(), "/"); !m.filtering || m.focus != focusTable {
		t.Error("/ from the detail pane does not open the filter on the table")
	}
	clip := clipboard.NewFake()
	m := fresh()
	m.clip = clip
	m, cmd := updateCmd(m, keyMsg("y"))
	m = update(m, cmd())
	if clip.Content() != "bbbbbbbb-2222" || !strings.Contains(m.status.text, "copied the ID of alpha-logs (bbbbbbbb)") {
		t.Errorf("y: clipboard %q, status %q", clip.Content(), m.status.text)
	}
	if help := ansi.Strip(m.helpView()); !strings.Contains(help, "x revoke") || !strings.Contains(help, "R rotate") {
		t.Errorf("the detail pane's help line does not offer its actions: %q", help)
	}
}

// The position shows when rows are hidden, and follows the view.
func TestPositionInTheTablesBorder(t *testing.T) {
	m := loadedModel(t, &memProvider{}, syntheticTokens(40, nil), nil, 100, 30)
	v := m.View()
	if !strings.Contains(v, "1–") || !strings.Contains(v, " of 40 ") {
		t.Fatalf("no position with 40 tokens:\n%s", v)
	}
	m = press(m, "G")
	if v := m.View(); !strings.Contains(v, "–40 of 40") {
		t.Errorf("after G:\n%s", v)
	}
	m = loadedModel(t, &memProvider{}, modelFixture(), nil, 100, 30)
	if v := m.View(); strings.Contains(v, " of 4 ") {
		t.Errorf("a position with every row shown:\n%s", v)
	}
	// Few tokens: the table shows them all, the detail pane gets the rest.
	if got := len(rowNames(m)); m.table.Position() != "" || got != 4 {
		t.Errorf("4 tokens at 100x30: position %q", m.table.Position())
	}
}

// GoodAccess reports last use: a Last used column. Border0 does not: none
// (a column of "never" would be a claim).
func TestLastUsedColumnWhereTheProviderReportsIt(t *testing.T) {
	_, p := startGoodAccess(t, emulator.GoodAccessOptions{})
	tm := startApp(t, p, 120, 35)
	waitReady(t, tm)
	fm := finish(t, tm)
	if v := fm.tablePane(); !strings.Contains(v, "Last used") || !strings.Contains(v, "8m ago") {
		t.Errorf("GoodAccess table:\n%s", v)
	}
	opts := pinnedDemo(t, "border0")
	m := New(opts)
	m = update(m, windowSize(120, 35))
	tokens, err := opts.Provider.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m = update(m, tokensLoadedMsg{gen: m.listGen, index: tableIndex(tokens), at: testNow})
	if v := m.tablePane(); strings.Contains(v, "Last used") {
		t.Errorf("Border0 table has a Last used column:\n%s", v)
	}
}

// ? opens the full help in a dialog and in the form where it is not text;
// esc closes the help before it closes anything else.
func TestHelpInDialogsAndEscClosesIt(t *testing.T) {
	cat := goodAccessCatalog(t)
	m := loadedModel(t, &memProvider{}, modelFixture(), &cat, 120, 35)
	m = press(m, "n", "?")
	if m.help.ShowAll {
		t.Fatal("? in the name field opened the help instead of being typed")
	}
	m = press(m, "tab", "?")
	if !m.help.ShowAll || !strings.Contains(m.helpView(), "close help") || !strings.Contains(m.helpView(), "shift+tab") {
		t.Fatalf("? in the checklist:\n%s", m.helpView())
	}
	m = press(m, "esc")
	if m.help.ShowAll || m.overlay == nil {
		t.Fatalf("esc closed the form (%T) or left the help open", m.overlay)
	}
	m = press(m, "esc") // the form asks (a ? was typed as its name)
	m, cmd := updateCmd(m, keyMsg("y"))
	m = update(m, cmd())
	if m.overlay != nil {
		t.Fatalf("the form is still open: %T", m.overlay)
	}
	m = press(m, "?")
	if !strings.Contains(m.helpView(), "expires:<30d") {
		t.Errorf("the table's full help does not teach the filter:\n%s", m.helpView())
	}
	m = press(m, "esc")
	if m.help.ShowAll {
		t.Error("esc did not close the table's help")
	}
}

// The help line never loses the keys that submit or leave a dialog.
func TestHelpLineKeepsSubmitAndLeave(t *testing.T) {
	cat := goodAccessCatalog(t)
	for _, w := range []int{80, 100, 120} {
		m := loadedModel(t, &memProvider{}, modelFixture(), &cat, w, 30)
		m = press(m, "n", "tab")
		line := ansi.Strip(m.helpView())
		for _, want := range []string{"ctrl+s create", "esc cancel", "? help"} {
			if !strings.Contains(line, want) {
				t.Errorf("%d wide: the checklist's help line lacks %q: %q", w, want, line)
			}
		}
		if lipgloss.Width(line) > w {
			t.Errorf("%d wide: help line of %d cells", w, lipgloss.Width(line))
		}
	}
}

// A dialog stays between the header and the status bar, and the form keeps
// its width from field to field.
func TestDialogsLeaveTheStatusBarAndKeepTheirWidth(t *testing.T) {
	cat := goodAccessCatalog(t)
	m := loadedModel(t, &memProvider{}, modelFixture(), &cat, 120, 35)
	m = press(m, "n", "tab")
	for range 11 { // unfold every group: the longest the checklist gets
		m = press(m, "j", "right")
	}
	widths := map[int]bool{}
	for _, keys := range [][]string{nil, {"tab"}, {"tab"}, {"tab"}, {"tab"}} {
		m = press(m, keys...)
		lines := strings.Split(m.View(), "\n")
		if status := lines[len(lines)-2]; !strings.Contains(status, "4 tokens") {
			t.Fatalf("the status bar is covered: %q", status)
		}
		if !strings.HasPrefix(lines[0], "tokentui") {
			t.Fatalf("the header is covered: %q", lines[0])
		}
		widths[lipgloss.Width(m.overlay.view(m.width, m.layout.bodyH))] = true
	}
	if len(widths) != 1 {
		t.Errorf("the form changes width between fields: %v", widths)
	}
}

// A status says what happened, then goes; E shows the last error in full.
func TestStatusExpiresAndTheLastErrorStaysReadable(t *testing.T) {
	now := testNow
	clock := func() time.Time { return now }
	p := &memProvider{fail: map[string]error{"aaaaaaaa-1111": errors.New(strings.Repeat("the gateway said something long; ", 12) + "the end")}}
	m := New(Options{Provider: p, Now: clock, Clipboard: clipboard.NewFake()})
	m = update(m, windowSize(100, 30))
	m = update(m, tokensLoadedMsg{gen: m.listGen, index: tableIndex(modelFixture()), at: now})
	m = update(m, revokeDoneMsg{groups: []revokeGroupDone{{results: []revokeResult{{token: modelFixture()[0], err: p.fail["aaaaaaaa-1111"]}}}}})
	if !strings.Contains(statusLine(m), "could not revoke bravo-ci") || strings.Contains(statusLine(m), "the end") {
		t.Fatalf("status: %q", statusLine(m))
	}
	now = now.Add(10 * time.Second)
	m = update(m, clockMsg{})
	if m.status.kind != statusError {
		t.Fatal("an error went after 10s")
	}
	now = now.Add(25 * time.Second)
	m = update(m, clockMsg{})
	if m.status.kind != statusNone || strings.Contains(statusLine(m), "could not revoke") {
		t.Fatalf("the error did not expire: %q", statusLine(m))
	}
	m = press(m, "E")
	if v := m.View(); !strings.Contains(v, "Last error") || !strings.Contains(v, "the end") {
		t.Fatalf("E does not show the whole error:\n%s", v)
	}
	m = press(m, "esc")
	m = update(m, catalogLoadedMsg{err: errors.New("x"), provGen: m.provGen})
	m = update(m, catalogLoadedMsg{catalog: client.Catalog{}, provGen: m.provGen})
	now = now.Add(statusTTL + errorStatusTTL)
	m = update(m, clockMsg{})
	if m.status.kind != statusNone {
		t.Errorf("status after its time: %+v", m.status)
	}
}

// --refresh reloads in the background and says how often.
func TestAutoRefresh(t *testing.T) {
	m := New(Options{Provider: &memProvider{tokens: modelFixture()}, Now: fixedClock, RefreshEvery: time.Minute, URL: "http://x"})
	m = update(m, windowSize(120, 35))
	m = update(m, tokensLoadedMsg{gen: m.listGen, index: tableIndex(modelFixture()), at: testNow})
	if !strings.Contains(statusLine(m), "refreshed 12:00:00 · every 1m") {
		t.Errorf("status bar: %q", statusLine(m))
	}
	gen := m.listGen
	m, cmd := updateCmd(m, autoRefreshMsg{})
	if m.listGen != gen+1 || !m.listing || cmd == nil {
		t.Fatalf("no refresh: gen %d → %d, listing %v", gen, m.listGen, m.listing)
	}
	if m.status.kind == statusBusy {
		t.Error("a background refresh took over the status")
	}
	if _, cmd = updateCmd(m, autoRefreshMsg{}); cmd == nil {
		t.Error("a tick while listing must still wait for the next")
	}
	if m.listGen != gen+1 {
		t.Error("a second refresh started while one was on its way")
	}
}

// The filter finds what the table shows, in the dashboard, on the server's
// tokens: words AND, an address, a status word.
func TestFilterLanguageInTheDashboard(t *testing.T) {
	fm := filteredOnEmulator(t, "10.20.5.5", "1/16 tokens")
	if got := rowNames(fm); !slices.Equal(got, []string{"terraform-prod"}) {
		t.Errorf("10.20.5.5: %v", got)
	}
	for q, want := range map[string][]string{
		// Every token that only reads: those whose Scopes column says
		// read-only, and those it names by their one group ("2 · logs").
		"read-only": {"backup-config-export", "datadog-threat-feed", "grafana-gateway-metrics", "jenkins-nightly-audit",
			"legacy-vpn-reporter", "splunk-siem-log-export", "staging-smoke-tests"},
		"expired":                   {"jenkins-nightly-audit", "legacy-vpn-reporter"},
		"read-only expired members": {"jenkins-nightly-audit"},
		"scope:logs ip:any":         {"jenkins-nightly-audit", "legacy-vpn-reporter", "staging-smoke-tests", "tokentui demo admin"},
	} {
		fm.table.SetQuery(q)
		if got := rowNames(fm); !slices.Equal(got, want) {
			t.Errorf("%q: %v, want %v", q, got, want)
		}
	}
}

// Without colours the focused pane and the cursor row still show, by shape;
// expiring soon by a mark.
func TestMeaningWithoutColour(t *testing.T) {
	theme.SetProfile(termenv.ANSI256)
	rounded := theme.PaneFrame(true).GetBorderStyle()
	theme.SetProfile(termenv.Ascii) // as TestMain set it, and as NO_COLOR and TERM=screen do
	if heavy := theme.PaneFrame(true).GetBorderStyle(); heavy == rounded || heavy == theme.PaneFrame(false).GetBorderStyle() {
		t.Fatal("without colours the focused pane looks like the others")
	}
	m := loadedModel(t, &memProvider{}, modelFixture(), nil, 120, 35)
	v := m.View()
	for _, want := range []string{"┏", "▌ alpha-logs", "⚠ in 1d"} {
		if !strings.Contains(v, want) {
			t.Errorf("no %q without colours:\n%s", want, v)
		}
	}
	m = press(m, "tab")
	lines := strings.Split(m.View(), "\n")
	if strings.HasPrefix(lines[1], "┏") || !strings.Contains(m.View(), "┏") {
		t.Error("tab did not move the heavy border to the detail pane")
	}
}

// The create form warns about a name in use, with the list it was opened on.
func TestCreateFormKnowsTheNamesInUse(t *testing.T) {
	cat := goodAccessCatalog(t)
	m := loadedModel(t, &memProvider{}, modelFixture(), &cat, 120, 35)
	m = press(m, "n")
	m = typeText(m, "Bravo-CI")
	for range 4 {
		m = press(m, "tab")
	}
	if v := strings.Join(strings.Fields(ansi.Strip(m.View())), " "); !strings.Contains(v, `a token named "Bravo-CI" exists already`) {
		t.Errorf("no duplicate warning:\n%s", m.View())
	}
	r := form.RotateOptions(modelFixture()[0], form.Options{Now: fixedClock, NameTaken: func(n string) bool { return n == "bravo-ci-rotated-2025-06-01" }})
	if r.Prefill.Name != "bravo-ci-rotated-2025-06-01-2" {
		t.Errorf("rotated name %q", r.Prefill.Name)
	}
}

// Through the whole program: a burst of runes is four moves in the
// checklist and in the form's expiry presets, two in the switcher.
func TestBurstsInATerminal(t *testing.T) {
	tm := startWith(t, pinnedDemo(t, "goodaccess"), 120, 35)
	waitFor(t, tm, "refreshed 12:00:00", "5 · logs")
	send(tm, "n", "tab")
	waitFor(t, tm, "› ◇ preset read-only")
	tm.Send(burst("jjjj"))
	waitFor(t, tm, "› ▸ Members")
	send(tm, "tab") // the expiry presets: 30 days is picked and under the cursor
	waitFor(t, tm, "› (•) 30 days")
	tm.Send(burst("jj"))
	waitFor(t, tm, "› ( ) 1 year")
	send(tm, "esc") // nothing was changed: esc closes it without asking
	send(tm, "p")
	waitFor(t, tm, "Switch profile")
	tm.Send(burst("jj"))
	waitFor(t, tm, "› demo-unleash")
	send(tm, "enter")
	waitFor(t, tm, "switched to demo-unleash")
	fm := finish(t, tm)
	if fm.opts.Provider.Kind() != "unleash" {
		t.Errorf("switched to %s", fm.opts.Provider.Kind())
	}
}
