package tui

import (
	"errors"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/table"
)

func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

func TestSortKeyCyclesAndHeaderSaysSo(t *testing.T) {
	m := loadedModel(t, &memProvider{}, modelFixture(), nil, 120, 35)
	if got := rowNames(m); !slices.Equal(got, []string{"alpha-logs", "bravo-ci", "charlie-ci", "delta"}) {
		t.Fatalf("by name: %v", got)
	}
	m = press(m, "s")
	if got := rowNames(m); !slices.Equal(got, []string{"charlie-ci", "delta", "bravo-ci", "alpha-logs"}) {
		t.Errorf("by expiry: %v", got)
	}
	if v := m.View(); !strings.Contains(v, "sort expires ↑") || !strings.Contains(v, "Expires ↑") {
		t.Error("header does not show the expiry sort")
	}
	m = press(m, "S") // reversed: never expiring first
	if got := rowNames(m); !slices.Equal(got, []string{"alpha-logs", "bravo-ci", "delta", "charlie-ci"}) {
		t.Errorf("by expiry, reversed: %v", got)
	}
	if v := m.View(); !strings.Contains(v, "sort expires ↓") || !strings.Contains(v, "Expires ↓") {
		t.Error("header does not show the reversed expiry sort")
	}
	m = press(m, "s")
	if got := rowNames(m); !slices.Equal(got, []string{"alpha-logs", "delta", "bravo-ci", "charlie-ci"}) {
		t.Errorf("by created: %v", got)
	}
	if !strings.Contains(m.View(), "sort created ↓") {
		t.Error("header does not show the created sort")
	}
	for range 10 {
		if strings.Contains(m.View(), "sort name ↑") {
			return
		}
		m = press(m, "s")
	}
	t.Error("s does not cycle back to name")
}

func TestSortKeepsSelectionAndFilter(t *testing.T) {
	m := loadedModel(t, &memProvider{}, modelFixture(), nil, 120, 35)
	m = press(m, "/")
	m = typeText(m, "ci")
	m = press(m, "enter", "down") // charlie-ci
	if sel, _ := m.table.Selected(); sel.Name != "charlie-ci" {
		t.Fatalf("selected %q", sel.Name)
	}
	m = press(m, "s") // by expiry: charlie-ci first
	if got := rowNames(m); !slices.Equal(got, []string{"charlie-ci", "bravo-ci"}) {
		t.Errorf("filtered by expiry: %v", got)
	}
	if sel, _ := m.table.Selected(); sel.Name != "charlie-ci" {
		t.Errorf("selection moved to %q", sel.Name)
	}
}

func TestFilterTypingNarrowsAndKeysDoNotLeak(t *testing.T) {
	m := loadedModel(t, &memProvider{}, modelFixture(), nil, 120, 35)
	m = press(m, "/")
	if !m.filtering {
		t.Fatal("/ did not open the filter")
	}
	// q, s, x and r are text while typing: none may quit, sort, revoke or refresh.
	for _, k := range []string{"q", "s", "x", "r"} {
		var cmd tea.Cmd
		m, cmd = updateCmd(m, keyMsg(k))
		if isQuit(cmd) {
			t.Fatalf("%q quit while typing in the filter", k)
		}
	}
	if m.overlay != nil || m.table.Sort() != (table.Sort{Key: table.SortByName}) {
		t.Fatal("a key typed into the filter acted on the table")
	}
	if got := m.filter.Value(); got != "qsxr" {
		t.Fatalf("filter value = %q", got)
	}
	m = press(m, "esc")
	if m.filtering || m.table.Query() != "" || len(rowNames(m)) != 4 {
		t.Fatal("esc did not clear and close the filter")
	}

	m = press(m, "/")
	m = typeText(m, "LOGS") // case-insensitive; matches a scope too
	if got := rowNames(m); !slices.Equal(got, []string{"alpha-logs"}) {
		t.Errorf("LOGS: %v", got)
	}
	m = press(m, "backspace", "backspace", "backspace", "backspace")
	m = typeText(m, "10.0") // IP
	if got := rowNames(m); !slices.Equal(got, []string{"charlie-ci"}) {
		t.Errorf("10.0: %v", got)
	}
	m = press(m, "enter")
	if m.filtering || m.table.Query() != "10.0" {
		t.Fatal("enter should keep the filter and leave the input")
	}
	if !strings.Contains(statusLine(m), "1/4 tokens") {
		t.Errorf("status does not count filtered/total: %q", statusLine(m))
	}
	// Out of the input, q quits again and esc clears the kept filter.
	m = press(m, "esc")
	if m.table.Query() != "" {
		t.Error("esc on the table did not clear the kept filter")
	}
	if _, cmd := updateCmd(m, keyMsg("q")); !isQuit(cmd) {
		t.Error("q does not quit from the table")
	}
	if _, cmd := updateCmd(press(m, "/"), keyMsg("ctrl+c")); !isQuit(cmd) {
		t.Error("ctrl+c does not quit while typing")
	}
}

func TestNoMatchesSaysHowToClear(t *testing.T) {
	m := loadedModel(t, &memProvider{}, modelFixture(), nil, 120, 35)
	m = typeText(press(m, "/"), "nothing-like-this")
	if v := m.View(); !strings.Contains(v, "no token matches “nothing-like-this”") {
		t.Errorf("no-match state missing:\n%s", v)
	}
}

func TestMarkAndRevokeConfirmation(t *testing.T) {
	m := loadedModel(t, &memProvider{}, modelFixture(), nil, 120, 35)
	m = press(m, "space", "space") // marks alpha-logs and bravo-ci, moving down
	if m.table.MarkCount() != 2 {
		t.Fatalf("marks = %d", m.table.MarkCount())
	}
	if !strings.Contains(m.View(), "●alpha-logs") {
		t.Error("marked row is not flagged")
	}
	if !strings.Contains(statusLine(m), "4 tokens · 2 marked") {
		t.Errorf("status does not count marks: %q", statusLine(m))
	}
	m = press(m, "x")
	c, ok := m.overlay.(*confirmDialog)
	if !ok {
		t.Fatal("x did not open the confirmation")
	}
	if len(c.targets) != 2 || c.targets[0].Name != "alpha-logs" || c.targets[1].Name != "bravo-ci" {
		t.Errorf("targets = %+v", c.targets)
	}
	v := m.View()
	for _, want := range []string{"Revoke 2 tokens?", "alpha-logs", "bbbbbbbb", "bravo-ci", "aaaaaaaa"} {
		if !strings.Contains(v, want) {
			t.Errorf("confirmation lacks %q", want)
		}
	}
	// n cancels; nothing was sent.
	m2, cmd := updateCmd(m, keyMsg("n"))
	if m2.overlay != nil || cmd != nil {
		t.Error("n did not just close the dialog")
	}
	// y sends revokeConfirmedMsg with the targets.
	m3, cmd := updateCmd(m, keyMsg("y"))
	if m3.overlay != nil || cmd == nil {
		t.Fatal("y did not confirm")
	}
	if msg, ok := cmd().(revokeConfirmedMsg); !ok || len(msg.targets()) != 2 {
		t.Fatalf("y produced %T", cmd())
	}
	// Marks win over the cursor; with none, x takes the selected token.
	m4 := press(loadedModel(t, &memProvider{}, modelFixture(), nil, 120, 35), "j", "delete")
	if c, ok := m4.overlay.(*confirmDialog); !ok || len(c.targets) != 1 || c.targets[0].Name != "bravo-ci" {
		t.Errorf("delete on bravo-ci: %+v", m4.overlay)
	}
}

func TestConfirmationListsEveryTargetScrolling(t *testing.T) {
	tokens := syntheticTokens(20, nil)
	m := loadedModel(t, &memProvider{}, tokens, nil, 120, 35)
	for range tokens {
		m = press(m, "space")
	}
	m = press(m, "x")
	v := m.View()
	if !strings.Contains(v, "Revoke 20 tokens?") || !strings.Contains(v, "20 in all · 0 above, 12 below") {
		t.Errorf("bulk confirmation:\n%s", v)
	}
}

func TestRevokeResultKeepsFailedRemovesRevoked(t *testing.T) {
	tokens := modelFixture()
	m := loadedModel(t, &memProvider{}, tokens, nil, 120, 35)
	m = press(m, "space", "space", "space") // alpha, bravo, charlie
	m, _ = updateCmd(m, revokeConfirmedMsg{groups: []revokeGroup{{targets: m.table.Marked(), on: m.here()}}})
	if m.revoking != 3 || !strings.Contains(statusLine(m), "revoking 3 tokens") {
		t.Fatalf("revoking state: %d, %q", m.revoking, statusLine(m))
	}
	gen := m.listGen
	forbidden := &client.ForbiddenError{Need: "token.delete"}
	m, cmd := updateCmd(m, revokeDoneMsg{groups: []revokeGroupDone{{results: []revokeResult{
		{token: tokens[1]},                 // alpha-logs: revoked
		{token: tokens[0], err: forbidden}, // bravo-ci: refused
		{token: tokens[2]},                 // charlie-ci: revoked
	}}}})
	if got := rowNames(m); !slices.Equal(got, []string{"bravo-ci", "delta"}) {
		t.Errorf("rows after partial revoke: %v", got)
	}
	if !m.table.IsMarked("aaaaaaaa-1111") || m.table.MarkCount() != 1 {
		t.Errorf("the failed token should stay marked: %d marks", m.table.MarkCount())
	}
	st := statusLine(m)
	if !strings.Contains(st, "revoked 2 of 3") || !strings.Contains(st, "lacks scope token.delete") {
		t.Errorf("status = %q", st)
	}
	r, ok := m.overlay.(*revokeReport)
	if !ok {
		t.Fatal("no result dialog for a partial bulk failure")
	}
	v := m.View()
	for _, want := range []string{"Revoked 2 of 3 tokens", "✗ bravo-ci", "the admin token lacks scope token.delete", "✓ alpha-logs", "✓ charlie-ci"} {
		if !strings.Contains(v, want) {
			t.Errorf("result dialog lacks %q:\n%s", want, v)
		}
	}
	if len(r.failed) != 1 || len(r.ok) != 2 {
		t.Errorf("report: %d failed, %d ok", len(r.failed), len(r.ok))
	}
	// A background refresh follows, superseding any list in flight.
	if cmd == nil || m.listGen != gen+1 || !m.listing {
		t.Error("no background refresh after the revoke")
	}
	// The dialog closes with enter.
	m = press(m, "enter")
	if m.overlay != nil {
		t.Error("enter did not close the result dialog")
	}
}

func TestSingleRevokeFailureGoesToStatus(t *testing.T) {
	tokens := modelFixture()
	m := loadedModel(t, &memProvider{}, tokens, nil, 120, 35)
	m, _ = updateCmd(m, revokeDoneMsg{groups: []revokeGroupDone{{results: []revokeResult{{token: tokens[1], err: &client.ForbiddenError{Need: "token.delete"}}}}}})
	if m.overlay != nil {
		t.Error("a single failure should not open a dialog")
	}
	if st := statusLine(m); !strings.Contains(st, "could not revoke alpha-logs (bbbbbbbb): the admin token lacks scope token.delete") {
		t.Errorf("status = %q", st)
	}
	if len(rowNames(m)) != 4 {
		t.Error("a failed revoke removed the row")
	}
}

func TestRevokeCommandBoundsConcurrencyAndReportsEach(t *testing.T) {
	tokens := syntheticTokens(30, nil)
	p := &memProvider{fail: map[string]error{tokens[3].ID: errors.New("boom")}}
	msg := revokeCmd([]revokeGroup{{on: runOn{prov: p}, targets: tokens}})().(revokeDoneMsg)
	if len(msg.results()) != 30 || len(p.revoked) != 29 {
		t.Fatalf("%d results, %d revoked", len(msg.results()), len(p.revoked))
	}
	for i, r := range msg.results() {
		if r.token.ID != tokens[i].ID {
			t.Fatalf("result %d is for %s", i, r.token.ID)
		}
		if (r.err != nil) != (i == 3) {
			t.Errorf("result %d err = %v", i, r.err)
		}
	}
}

func TestStaleListIsDropped(t *testing.T) {
	m := loadedModel(t, &memProvider{}, modelFixture(), nil, 120, 35)
	m = press(m, "r") // gen 2
	m = press(m, "r") // gen 3
	stale := table.BuildIndex([]client.Token{tok("eeeeeeee", "resurrected")})
	m = update(m, tokensLoadedMsg{gen: m.listGen - 1, index: stale, at: testNow})
	if len(rowNames(m)) != 4 || !m.listing {
		t.Fatal("an older list replaced the table")
	}
	fresh := table.BuildIndex([]client.Token{tok("ffffffff", "fresh")})
	m = update(m, tokensLoadedMsg{gen: m.listGen, index: fresh, at: testNow})
	if got := rowNames(m); !slices.Equal(got, []string{"fresh"}) || m.listing {
		t.Errorf("the latest list was not applied: %v", got)
	}
}

func TestRefreshKeepsSelectionFilterAndMarks(t *testing.T) {
	tokens := modelFixture()
	m := loadedModel(t, &memProvider{}, tokens, nil, 120, 35)
	m = press(m, "space") // mark alpha-logs, cursor to bravo-ci
	m = typeText(press(m, "/"), "-")
	m = press(m, "enter")
	m = press(m, "r")
	// The server now has a new token and lost alpha-logs.
	next := append([]client.Token{tok("00000000-9999", "echo-new")}, tokens[0], tokens[2], tokens[3])
	m = update(m, tokensLoadedMsg{gen: m.listGen, index: table.BuildIndex(next), at: testNow})
	if got := rowNames(m); !slices.Equal(got, []string{"bravo-ci", "charlie-ci", "echo-new"}) {
		t.Errorf("rows: %v", got)
	}
	if sel, _ := m.table.Selected(); sel.Name != "bravo-ci" {
		t.Errorf("selection lost: %q", sel.Name)
	}
	if m.table.MarkCount() != 0 {
		t.Errorf("mark of a vanished token kept: %d marks", m.table.MarkCount())
	}
	if !strings.Contains(statusLine(m), "loaded 4 tokens") {
		t.Errorf("status = %q", statusLine(m))
	}
}

func TestLoadingErrorAndEmptyStates(t *testing.T) {
	m := New(Options{Provider: &memProvider{}, Now: fixedClock})
	m = update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	if v := m.View(); !strings.Contains(v, "loading tokens…") {
		t.Errorf("loading state:\n%s", v)
	}
	m = update(m, tokensLoadedMsg{gen: m.listGen, err: &client.UnauthorizedError{}, at: testNow})
	v := m.View()
	if !strings.Contains(v, "Could not load tokens: the admin token was refused") || !strings.Contains(v, "press r to retry") {
		t.Errorf("error state:\n%s", v)
	}
	m, cmd := updateCmd(m, keyMsg("r"))
	if cmd == nil || !m.listing {
		t.Fatal("r did not retry")
	}
	m = update(m, tokensLoadedMsg{gen: m.listGen, index: table.BuildIndex(nil), at: testNow})
	if v := m.View(); !strings.Contains(v, "no tokens") || strings.Contains(v, "Could not load") {
		t.Errorf("empty state:\n%s", v)
	}
}

func TestHostileStringsNeverReachTheScreen(t *testing.T) {
	tokens := []client.Token{tok("1234567890", "evil\x1b]52;c;cm0gLXJmIC8=\x07\x1b[2Jname", withIPs("10.0.0.1\x1b[31m"))}
	m := loadedModel(t, &memProvider{}, tokens, nil, 120, 35)
	m = update(m, revokeDoneMsg{groups: []revokeGroupDone{{results: []revokeResult{{token: tokens[0], err: errors.New("server said \x1b[2J no")}}}}})
	v := m.View()
	if strings.ContainsRune(v, 0x1b) || strings.ContainsRune(v, 0x07) {
		t.Fatalf("control characters on screen: %q", v)
	}
	if !strings.Contains(v, "evilname") {
		t.Error("sanitised name not shown")
	}
}

func TestRoleProjectsAndMaskedSecretColumns(t *testing.T) {
	secret := "default:production.25ee5c1e8a16e4d2ab36c36e13d6a9bb01f8bcd2a6e7e28f0b1"
	tokens := []client.Token{tok("0123456789ab", "web-frontend", func(t *client.Token) {
		t.Role, t.Projects, t.Environment, t.Secret = "frontend", []string{"default", "shop"}, "production", secret
	})}
	cat := client.Catalog{RoleLabel: "Type"}
	m := loadedModel(t, &memProvider{}, tokens, &cat, 160, 35)
	v := m.View()
	for _, want := range []string{"Type", "Projects", "Env", "frontend", "default +1", "production", client.MaskSecret(secret)} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, secret) || strings.Contains(v, "25ee5c1e8a16") {
		t.Fatal("the secret is on screen in full")
	}
	if strings.Contains(v, "Scopes") {
		t.Error("a scope column for tokens without scopes")
	}
}

func TestKeyBurstIsHandledKeyByKey(t *testing.T) {
	m := loadedModel(t, &memProvider{}, modelFixture(), nil, 120, 35)
	burst := func(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
	m = update(m, burst("jjj"))
	if m.table.Cursor() != 3 {
		t.Errorf("jjj moved the cursor to %d", m.table.Cursor())
	}
	m = update(m, burst("k/ci"))
	if !m.filtering || m.filter.Value() != "ci" || len(rowNames(m)) != 2 {
		t.Errorf("k/ci: filtering %v, value %q, rows %v", m.filtering, m.filter.Value(), rowNames(m))
	}
	m = press(m, "esc")
	// A burst never confirms a dialog it opened.
	m = update(m, burst("xy"))
	if _, ok := m.overlay.(*confirmDialog); !ok {
		t.Fatal("x of the burst did not open the confirmation")
	}
}

func TestDetailFocusScrollAndBack(t *testing.T) {
	cat := goodAccessCatalog(t)
	tokens := []client.Token{tok("0b6f3c1e-aaaa", "wide", withScopes(cat.AllScopes()[1:]...),
		withIPs("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6", "10.0.0.7"))}
	m := loadedModel(t, &memProvider{}, tokens, &cat, 80, 24) // toggle layout: one pane at a time
	if m.layout.mode != layoutToggle {
		t.Fatalf("80x24 layout = %v", m.layout.mode)
	}
	m = press(m, "enter")
	if m.focus != focusDetail || !strings.Contains(m.View(), "Allowed IPs 10.0.0.1") {
		t.Fatalf("enter did not show the detail:\n%s", m.View())
	}
	if !strings.Contains(m.View(), "more lines") {
		t.Fatal("a long detail does not say it scrolls")
	}
	m = press(m, "j", "j", "j")
	if m.detail.scroll != 3 {
		t.Errorf("scroll = %d", m.detail.scroll)
	}
	m = press(m, "G")
	total := len(m.detailLines())
	if m.detail.scroll != total-m.layout.detailInnerH || strings.Contains(m.View(), "more lines") {
		t.Errorf("G: scroll %d of %d lines (pane %d)", m.detail.scroll, total, m.layout.detailInnerH)
	}
	m = press(m, "esc")
	if m.focus != focusTable || !strings.Contains(m.View(), "Name ↑") {
		t.Error("esc did not return to the table")
	}
	m = press(m, "tab")
	if m.focus != focusDetail {
		t.Error("tab did not switch to the detail")
	}
}

func TestHelpTogglesFullHelp(t *testing.T) {
	m := loadedModel(t, &memProvider{}, modelFixture(), nil, 120, 35)
	short := m.layout.bodyH
	m = press(m, "?")
	v := m.View()
	for _, want := range []string{"page down", "refresh", "revoke", "details", "pane"} {
		if !strings.Contains(v, want) {
			t.Errorf("full help lacks %q", want)
		}
	}
	if m.layout.bodyH >= short {
		t.Error("the full help did not take room from the body")
	}
	if lines := strings.Count(v, "\n") + 1; lines != 35 {
		t.Errorf("the screen has %d lines, want 35", lines)
	}
	m = press(m, "?")
	if m.layout.bodyH != short {
		t.Error("? did not close the full help")
	}
	// n, R, c, e and p are bound; c, e and p show only where they work.
	bound := map[string]bool{}
	for _, group := range m.helpKeys().full {
		for _, b := range group {
			if b.Enabled() {
				for _, k := range b.Keys() {
					bound[k] = true
				}
			}
		}
	}
	for _, k := range []string{"n", "R"} {
		if !bound[k] {
			t.Errorf("%q is not in the full help", k)
		}
	}
	for _, k := range []string{"c", "e", "p"} {
		if bound[k] {
			t.Errorf("%q is advertised where it cannot work (no secrets, no expiry edit, one profile)", k)
		}
	}
}

// The detail pane follows the selection by itself: another token starts at
// the top, the same token (a refresh, a sort) keeps its place.
func TestDetailScrollFollowsTheSelectedToken(t *testing.T) {
	cat := goodAccessCatalog(t)
	wide := func(id, name string) client.Token {
		return tok(id, name, withScopes(cat.AllScopes()[1:]...),
			withIPs("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6", "10.0.0.7"))
	}
	tokens := []client.Token{wide("aaaaaaaa-1111", "alpha"), wide("bbbbbbbb-2222", "bravo")}
	m := loadedModel(t, &memProvider{}, tokens, &cat, 80, 24)
	m = press(m, "enter", "j", "j", "esc")
	if m.detail.scroll != 2 {
		t.Fatalf("scroll = %d", m.detail.scroll)
	}
	m = update(m, tokensLoadedMsg{gen: m.listGen, index: table.BuildIndex(tokens), at: testNow})
	m = press(m, "s")
	if m.detail.scroll != 2 {
		t.Errorf("a refresh and a sort kept alpha selected but moved the detail to %d", m.detail.scroll)
	}
	m = press(m, "j")
	if sel, _ := m.table.Selected(); sel.Name != "bravo" || m.detail.scroll != 0 {
		t.Errorf("another token (%s) keeps the detail at line %d", sel.Name, m.detail.scroll)
	}
}
