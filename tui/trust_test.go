package tui

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/tui/clipboard"
	"github.com/tokentui/tokentui/tui/clipcmd"
	"github.com/tokentui/tokentui/tui/table"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// Tests of the actions that cannot be undone: every target named, the
// admin token in use protected, results kept with their profile.

// selfFixture is the fixture with delta as the admin token in use.
func selfFixture() []client.Token {
	tokens := modelFixture()
	for i := range tokens {
		tokens[i].Reported |= client.FactSelf
		tokens[i].Self = tokens[i].Name == "delta"
	}
	return tokens
}

// cmdMsg runs cmd and returns its message (nil for no command).
func cmdMsg(cmd tea.Cmd) tea.Msg {
	if cmd == nil {
		return nil
	}
	return cmd()
}

func TestRevokeNamesAMarkHiddenByTheFilter(t *testing.T) {
	m := loadedModel(t, &memProvider{}, modelFixture(), nil, 120, 35)
	m = press(m, "space") // alpha-logs (first by name)
	m = press(m, "/")
	m = typeText(m, "charlie")
	m = press(m, "enter")
	if sel, _ := m.table.Selected(); sel.Name != "charlie-ci" {
		t.Fatalf("cursor on %s", sel.Name)
	}
	if st := statusLine(m); !strings.Contains(st, "1 marked, 1 hidden by the filter") {
		t.Errorf("status bar does not say the mark is hidden: %q", st)
	}
	m = press(m, "x")
	v := m.View()
	for _, want := range []string{"alpha-logs", "hidden by the filter", "It is hidden by the current filter.", "“charlie-ci”, under the cursor, is not marked: it stays"} {
		if !strings.Contains(v, want) {
			t.Errorf("the confirmation lacks %q:\n%s", want, v)
		}
	}
	m, cmd := updateCmd(m, keyMsg("y"))
	msg, ok := cmdMsg(cmd).(revokeConfirmedMsg)
	if !ok || len(msg.targets()) != 1 || msg.targets()[0].Name != "alpha-logs" {
		t.Fatalf("y revokes %+v", msg)
	}
}

func TestMarkAllShownAndUnmarkAll(t *testing.T) {
	m := loadedModel(t, &memProvider{}, modelFixture(), nil, 120, 35)
	m = press(m, "/")
	m = typeText(m, "ci")
	m = press(m, "enter", "a")
	if m.table.MarkCount() != 2 {
		t.Fatalf("a marked %d, want the 2 shown", m.table.MarkCount())
	}
	m = press(m, "esc") // clears the filter
	m = press(m, "u")
	if m.table.MarkCount() != 0 {
		t.Fatal("u left marks")
	}
}

func TestRevokingTheAdminTokenInUseTakesASecondStep(t *testing.T) {
	p := &memProvider{tokens: selfFixture()}
	m := loadedModel(t, p, p.tokens, nil, 120, 35)
	m = press(m, "a", "x") // all four, delta among them
	v := m.View()
	if !strings.Contains(v, "delta") || !strings.Contains(v, tokenfmt.SelfTag+" the admin token in use") || !strings.Contains(v, "y asks once more.") {
		t.Fatalf("the confirmation does not single out the admin token:\n%s", v)
	}
	m, cmd := updateCmd(m, keyMsg("y"))
	if cmd != nil || m.overlay == nil || !strings.Contains(m.View(), "tokentui would lose its access") {
		t.Fatalf("one y went ahead:\n%s", m.View())
	}
	// o: the others only.
	_, cmd = updateCmd(m, keyMsg("o"))
	msg := cmdMsg(cmd).(revokeConfirmedMsg)
	if len(msg.targets()) != 3 {
		t.Fatalf("o revokes %d tokens, want the 3 others", len(msg.targets()))
	}
	for _, tk := range msg.targets() {
		if tk.Self {
			t.Fatal("o revoked the admin token in use")
		}
	}
	// y y: all, the admin token last.
	m = press(loadedModel(t, p, p.tokens, nil, 120, 35), "a", "x", "y")
	_, cmd = updateCmd(m, keyMsg("y"))
	all := cmdMsg(cmd).(revokeConfirmedMsg)
	done := revokeCmd(all.groups)().(revokeDoneMsg)
	if len(p.revoked) != 4 || p.revoked[3] != "dddddddd-4444" {
		t.Fatalf("revoked %v, want delta last", p.revoked)
	}
	m = update(m, done)
	if !strings.Contains(statusLine(m), "tokentui's own admin token") {
		t.Errorf("status after revoking itself: %q", statusLine(m))
	}
	m = update(m, tokensLoadedMsg{gen: m.listGen, err: &client.UnauthorizedError{}, at: testNow})
	if !strings.HasPrefix(m.status.text, "no access: tokentui revoked its own admin token delta") {
		t.Errorf("the refused list after it: %q", m.status.text)
	}
}

func TestRotatingTheAdminTokenAsksTwiceBeforeRevokingIt(t *testing.T) {
	self := selfFixture()[3]
	d := confirmRotateRevoke(self, runOn{label: "work · Border0"}, testNow)
	o, cmd := d.update(keyMsg("y"))
	if o == nil || cmd != nil || !strings.Contains(d.view(120, 35), "Configure the new secret") {
		t.Fatal("the old admin token would go with one y")
	}
	if _, cmd = o.update(keyMsg("y")); cmd == nil {
		t.Fatal("the second y did nothing")
	}
}

func TestGoodAccessStyleRevokeOfItselfIsExplainedAfterwards(t *testing.T) {
	p := &memProvider{tokens: modelFixture()}
	m := loadedModel(t, p, p.tokens, nil, 120, 35)
	m = update(m, revokeDoneMsg{groups: []revokeGroupDone{{results: []revokeResult{{token: p.tokens[1]}}}}})
	m = update(m, tokensLoadedMsg{gen: m.listGen, err: &client.UnauthorizedError{}, at: testNow})
	if st := statusLine(m); !strings.Contains(st, "probably tokentui's own") {
		t.Errorf("status %q", st)
	}
}

// twoProfiles is a dashboard on profile a, able to switch to b.
func twoProfiles(t *testing.T, a, b client.Provider) Model {
	t.Helper()
	ps := []profile.Profile{{Name: "test-a", Provider: "mem"}, {Name: "test-b", Provider: "mem"}}
	open := func(_ context.Context, p profile.Profile) (client.Provider, error) {
		if p.Name == "test-a" {
			return a, nil
		}
		return b, nil
	}
	m := New(Options{Provider: a, Profiles: ps, Profile: 0, Open: open, Now: fixedClock, ProfileLabel: "test-a · Memory"})
	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 35})
	toks, _ := a.List(context.Background())
	return update(m, tokensLoadedMsg{gen: m.listGen, index: table.BuildIndex(toks), at: testNow})
}

func TestRevokeResultStaysWithItsProfile(t *testing.T) {
	a := &memProvider{tokens: modelFixture(), fail: map[string]error{"aaaaaaaa-1111": errors.New("boom")}}
	b := &memProvider{tokens: []client.Token{tok("eeeeeeee-5555", "echo"), tok("ffffffff-6666", "foxtrot")}}
	m := twoProfiles(t, a, b)
	m = press(m, "space", "space", "x") // alpha-logs, bravo-ci
	m, cmd := updateCmd(m, keyMsg("y"))
	m, cmd = updateCmd(m, cmdMsg(cmd)) // revokeConfirmedMsg → the revoke starts
	revoke := cmd
	// Switch to b while it runs.
	m = update(m, profileChosenMsg{index: 1})
	m = update(m, profileOpenedMsg{index: 1, prov: b})
	toks, _ := b.List(context.Background())
	m = update(m, tokensLoadedMsg{gen: m.listGen, index: table.BuildIndex(toks), at: testNow})
	var done revokeDoneMsg
	for _, msg := range runBatch(revoke) {
		if d, ok := msg.(revokeDoneMsg); ok {
			done = d
		}
	}
	m = update(m, done)
	if m.overlay != nil || len(rowNames(m)) != 2 || m.listing {
		t.Fatalf("profile a's result was drawn over b: overlay %T, rows %v", m.overlay, rowNames(m))
	}
	if st := statusLine(m); !strings.Contains(st, "on test-a · Memory: revoked 1 of 2") {
		t.Errorf("status does not name the profile: %q", st)
	}
	// Back on a, the report is there.
	m = update(m, profileChosenMsg{index: 0})
	m = update(m, profileOpenedMsg{index: 0, prov: a})
	if _, ok := m.overlay.(*revokeReport); !ok || !strings.HasPrefix(m.status.text, "while this profile was not shown: revoked 1 of 2") {
		t.Fatalf("back on a: overlay %T, status %q", m.overlay, m.status.text)
	}
}

func TestQuitWhileACreateIsInFlightAsks(t *testing.T) {
	m := loadedModel(t, &memProvider{}, modelFixture(), nil, 120, 35)
	m.creating = &pendingCreate{req: client.NewToken{Name: "ci"}, on: m.here()}
	m, cmd := updateCmd(m, keyMsg("ctrl+c"))
	if cmd != nil || !strings.Contains(m.View(), "Quit while a token is being created?") {
		t.Fatalf("ctrl+c quit with a create in flight:\n%s", m.View())
	}
	m = press(m, "n")
	if m.overlay != nil {
		t.Fatal("n did not go back")
	}
	// Over the create form, waiting brings the form back.
	form := &notice{title: "stands in for the form"}
	m.overlay = form
	m = press(m, "ctrl+c")
	m, cmd = updateCmd(m, keyMsg("n"))
	m = update(m, cmdMsg(cmd))
	if m.overlay != form {
		t.Fatalf("after waiting: %T, want the dialog the question covered", m.overlay)
	}
	m.overlay = nil
	m, cmd = updateCmd(m, keyMsg("q"))
	if cmd != nil || m.overlay == nil {
		t.Fatal("q quit with a create in flight")
	}
	_, cmd = updateCmd(m, keyMsg("y"))
	if _, ok := cmdMsg(cmd).(quitConfirmedMsg); !ok {
		t.Fatal("y did not quit")
	}
}

func TestRotateOfAKindThatCannotBeCreatedExplains(t *testing.T) {
	cat := client.Catalog{RoleLabel: "Type", Roles: []client.Role{
		{Name: "client", Creatable: true}, {Name: "admin", Reason: "Unleash 8.2 creates admin tokens only from server start-up configuration"},
	}}
	admin := tok("aaaa", "admin", func(t *client.Token) { t.Role = "admin" })
	m := loadedModel(t, &memProvider{}, []client.Token{admin}, &cat, 120, 35)
	m = press(m, "R")
	if _, ok := m.overlay.(*notice); !ok || !strings.Contains(m.View(), "start-up configuration") {
		t.Fatalf("R opened %T:\n%s", m.overlay, m.View())
	}
}

// expiringProvider can change expiries.
type expiringProvider struct{ memProvider }

func (p *expiringProvider) UpdateExpiry(context.Context, client.Token, time.Time) error { return nil }

func TestExtendingAnExpiredTokenAsks(t *testing.T) {
	p := &expiringProvider{}
	m := loadedModel(t, p, modelFixture(), nil, 120, 35)
	expired := modelFixture()[2] // charlie-ci
	m, cmd := updateCmd(m, expiryChosenMsg{tok: expired, at: testNow.Add(30 * day)})
	if cmd != nil || !strings.Contains(m.View(), "Re-enable an expired token?") || !strings.Contains(m.View(), "still holds its secret") {
		t.Fatalf("no question:\n%s", m.View())
	}
	_, cmd = updateCmd(m, keyMsg("y"))
	if msg, ok := cmdMsg(cmd).(expiryChosenMsg); !ok || !msg.reenable {
		t.Fatalf("y sent %T", cmdMsg(cmd))
	}
}

// Each copied secret keeps its own clear: a later copy of another secret
// does not cancel it, and quitting hands every one to the clearer.
func TestEachCopyKeepsItsOwnClear(t *testing.T) {
	tokens := []client.Token{
		tok("aaaa", "alpha", func(t *client.Token) { t.Secret = "default:production.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }),
		tok("bbbb", "bravo", func(t *client.Token) { t.Secret = "default:production.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" }),
	}
	clip := clipboard.NewFake()
	m := New(Options{Provider: &memProvider{tokens: tokens}, Now: fixedClock, Clipboard: clip})
	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 35})
	m = update(m, tokensLoadedMsg{gen: m.listGen, index: table.BuildIndex(tokens), at: testNow})
	copyNow := func(m Model) Model {
		m, cmd := updateCmd(m, keyMsg("c"))
		m, _ = updateCmd(m, cmdMsg(cmd)) // CopiedMsg; its timer is not run
		return m
	}
	m = copyNow(m)
	m = press(m, "j")
	m = copyNow(m)
	if len(m.clearJobs) != 2 {
		t.Fatalf("%d clears pending, want one per secret", len(m.clearJobs))
	}
	m = press(m, "k")
	m = copyNow(m) // alpha again: its countdown restarts, bravo's stays
	if len(m.clearJobs) != 2 {
		t.Fatalf("%d clears pending after copying alpha again", len(m.clearJobs))
	}
	_, cmd := updateCmd(m, keyMsg("q"))
	runSequence(cmd)
	if got := len(clip.Later()); got != 2 {
		t.Fatalf("%d clears handed off on quit, want 2", got)
	}
}

// runSequence runs a tea.Sequence's commands in order (its message type is
// Bubble Tea's own, a slice of commands).
func runSequence(cmd tea.Cmd) {
	v := reflect.ValueOf(cmd())
	if v.Kind() != reflect.Slice {
		return
	}
	for i := range v.Len() {
		if c, ok := v.Index(i).Interface().(tea.Cmd); ok && c != nil {
			c()
		}
	}
}

// A closed terminal (or a kill) quits without asking, but hands the
// clipboard's clears on like q.
func TestHangUpHandsTheClearsOn(t *testing.T) {
	clip := clipboard.NewFake()
	m := loadedModel(t, &memProvider{}, modelFixture(), nil, 120, 35)
	m.clip = clip
	clip.Copy("s3cret-value-of-a-token")
	job, _ := clipcmd.ScheduleClear(clip, "s3cret-value-of-a-token", testNow, time.Minute)
	m.clearJobs = append(m.clearJobs, job)
	m.creating = &pendingCreate{req: client.NewToken{Name: "ci"}} // no one to ask
	_, cmd := updateCmd(m, hangUpMsg{})
	runSequence(cmd)
	if got := clip.Later(); len(got) != 1 || !got[0].Equal(testNow.Add(time.Minute)) {
		t.Fatalf("clears handed off: %v", got)
	}
}
