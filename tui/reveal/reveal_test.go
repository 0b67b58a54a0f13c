package reveal

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/clipboard"
	"github.com/tokentui/tokentui/tui/clipcmd"
)

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// A JWT-sized secret: longer than any dialog line, so it must wrap.
var jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + strings.Repeat("eyJvcmdfaWQiOiIxMjMiLCJ0eXBlIjoidG9rZW4ifQ", 4) + ".c2lnbmF0dXJl"

func created(secret string) client.Created {
	return client.Created{Token: client.Token{ID: "3f2a", Name: "ci-logs"}, Secret: secret}
}

var fixedNow = func() time.Time { return time.Date(2025, 6, 1, 10, 0, 0, 0, time.UTC) }

// run executes cmd and feeds every message it produces back into the model,
// as the Bubble Tea loop would, until nothing is left. It returns the
// messages the model emitted that it does not handle itself.
func run(t *testing.T, m Model, cmd tea.Cmd) (Model, []tea.Msg) {
	t.Helper()
	var out []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		switch msg := msg.(type) {
		case nil:
			continue
		case tea.BatchMsg:
			queue = append(queue, msg...)
			continue
		case ClosedMsg:
			out = append(out, msg)
			continue
		}
		var next tea.Cmd
		m, next = m.Update(msg)
		queue = append(queue, next)
	}
	return m, out
}

func press(t *testing.T, m Model, keys ...string) (Model, []tea.Msg) {
	t.Helper()
	var all []tea.Msg
	for _, k := range keys {
		var msg tea.KeyMsg
		switch k {
		case "enter":
			msg = tea.KeyMsg{Type: tea.KeyEnter}
		case "esc":
			msg = tea.KeyMsg{Type: tea.KeyEsc}
		default:
			msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		}
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		var out []tea.Msg
		m, out = run(t, m, cmd)
		all = append(all, out...)
	}
	return m, all
}

// open builds the dialog and runs its Init (the first copy). The clear is
// set far in the future unless a test wants it.
func open(t *testing.T, c clipboard.Clipboard, opts Options) Model {
	t.Helper()
	if opts.Now == nil {
		opts.Now = fixedNow
	}
	if opts.ClearAfter == 0 {
		opts.ClearAfter = -1
	}
	m := New(created(jwt), c, opts)
	m, _ = run(t, m, m.Init())
	return m
}

func plain(s string) string { return ansi.Strip(s) }

// unframed joins the dialog's lines without its border and padding, so a
// wrapped secret can be found whole.
func unframed(view string) string {
	var b strings.Builder
	for _, l := range strings.Split(plain(view), "\n") {
		l = strings.Trim(l, "│╭╮╰╯─ ")
		b.WriteString(l)
	}
	return b.String()
}

// prose is the dialog's text with the frame removed and line breaks turned
// into spaces, for finding sentences that wrap.
func prose(view string) string {
	var parts []string
	for _, l := range strings.Split(plain(view), "\n") {
		parts = append(parts, strings.Trim(l, "│╭╮╰╯─ "))
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

func TestShowsTheSecretInFullWrapped(t *testing.T) {
	m := open(t, clipboard.NewFake(), Options{Width: 60, Height: 30})
	view := m.View()
	if !strings.Contains(unframed(view), jwt) {
		t.Fatalf("secret not shown in full:\n%s", plain(view))
	}
	for _, l := range strings.Split(plain(view), "\n") {
		if w := ansi.StringWidth(l); w > 60 {
			t.Fatalf("line wider than the dialog (%d): %q", w, l)
		}
	}
	if !strings.Contains(plain(view), "cannot be shown again") {
		t.Fatalf("does not say the secret will not be shown again:\n%s", plain(view))
	}
}

func TestCopyMethodIsReported(t *testing.T) {
	cases := []struct {
		name       string
		system     error
		osc52      error
		want       []string
		wantMethod clipboard.Method
	}{
		{"system works", nil, nil, []string{"Copied to the system clipboard"}, clipboard.System},
		{"system fails, OSC 52", fmt.Errorf("no display"), nil,
			[]string{"via OSC 52", "cannot be confirmed", "The system clipboard failed: no display"}, clipboard.OSC52},
		{"both fail", fmt.Errorf("no display"), fmt.Errorf("no terminal"),
			[]string{"Could not copy", "system clipboard: no display", "OSC 52: no terminal", "Select the secret above by hand"}, clipboard.None},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := clipboard.NewFake()
			f.FailSystem(tc.system)
			f.FailOSC52(tc.osc52)
			m := open(t, f, Options{Width: 100, Height: 30})
			text := unframed(m.View())
			for _, w := range tc.want {
				if !strings.Contains(prose(m.View()), w) {
					t.Errorf("view lacks %q:\n%s", w, plain(m.View()))
				}
			}
			if got := f.Copies(); len(got) != 1 || got[0] != tc.wantMethod {
				t.Fatalf("copies = %v", got)
			}
			if !strings.Contains(text, jwt) {
				t.Fatal("the secret is not visible")
			}
		})
	}
}

func TestCopyAgain(t *testing.T) {
	f := clipboard.NewFake()
	m := open(t, f, Options{})
	f.SetContent("something else")
	press(t, m, "c")
	if got := f.Copies(); len(got) != 2 {
		t.Fatalf("copies = %v, want 2", got)
	}
	if f.Content() != jwt {
		t.Fatalf("clipboard holds %q", f.Content())
	}
}

func TestToggleHidesTheSecret(t *testing.T) {
	m := open(t, clipboard.NewFake(), Options{})
	m, _ = press(t, m, "v")
	if strings.Contains(unframed(m.View()), jwt) {
		t.Fatal("secret still visible after v")
	}
	if !strings.Contains(plain(m.View()), client.MaskSecret(jwt)) {
		t.Fatalf("masked secret not shown:\n%s", plain(m.View()))
	}
	m, _ = press(t, m, "v")
	if !strings.Contains(unframed(m.View()), jwt) {
		t.Fatal("secret not shown again after a second v")
	}
}

func TestClosingWithoutCopyAsks(t *testing.T) {
	f := clipboard.NewFake()
	f.FailSystem(clipboard.ErrFake)
	f.FailOSC52(clipboard.ErrFake)
	m := open(t, f, Options{})

	m, out := press(t, m, "enter")
	if len(out) != 0 || m.Closed() {
		t.Fatal("closed without asking")
	}
	if !strings.Contains(plain(m.View()), "The secret will be gone") {
		t.Fatalf("no confirmation shown:\n%s", plain(m.View()))
	}
	m, out = press(t, m, "n")
	if len(out) != 0 || m.confirm {
		t.Fatal("n did not go back")
	}
	m, _ = press(t, m, "esc")
	m, out = press(t, m, "y")
	if len(out) != 1 || !m.Closed() {
		t.Fatalf("y did not close: %v", out)
	}
	if _, ok := out[0].(ClosedMsg); !ok {
		t.Fatalf("emitted %T", out[0])
	}
	if m.secret != "" || m.shown != "" || m.View() != "" {
		t.Fatal("the secret is still held after close")
	}
}

func TestClosingAfterOSC52Asks(t *testing.T) {
	f := clipboard.NewFake()
	f.FailSystem(clipboard.ErrFake)
	m := open(t, f, Options{Width: 100})
	m, out := press(t, m, "enter")
	if len(out) != 0 || !strings.Contains(plain(m.View()), "OSC 52 and cannot be confirmed") {
		t.Fatalf("OSC 52 copy closed without asking:\n%s", plain(m.View()))
	}
}

func TestClosingAfterCopyDoesNotAsk(t *testing.T) {
	m := open(t, clipboard.NewFake(), Options{})
	m, out := press(t, m, "esc")
	if len(out) != 1 || !m.Closed() {
		t.Fatalf("esc after a system copy did not close: %v", out)
	}
}

func TestClearAfterTimeoutWhenUnchanged(t *testing.T) {
	f := clipboard.NewFake()
	m := open(t, f, Options{ClearAfter: 5 * time.Millisecond, Width: 100})
	if f.Content() != "" {
		t.Fatalf("clipboard still holds %q", f.Content())
	}
	if !strings.Contains(plain(m.View()), "Clipboard cleared") {
		t.Fatalf("clear not reported:\n%s", plain(m.View()))
	}
}

func TestClearSkippedWhenChanged(t *testing.T) {
	f := clipboard.NewFake()
	m := New(created(jwt), f, Options{ClearAfter: 5 * time.Millisecond, Width: 100, Now: fixedNow})
	msg := m.Init()()
	m, tick := m.Update(msg)
	if !strings.Contains(plain(m.View()), "will be cleared at 10:00:00") {
		t.Fatalf("pending clear not announced:\n%s", plain(m.View()))
	}
	f.SetContent("https://example.com") // the person copied something else
	m, _ = run(t, m, tick)
	if f.Content() != "https://example.com" {
		t.Fatalf("clipboard overwritten: %q", f.Content())
	}
	if !strings.Contains(plain(m.View()), "Clipboard not cleared: "+clipboard.ReasonChanged) {
		t.Fatalf("not-cleared reason missing:\n%s", plain(m.View()))
	}
}

func TestClearAfterOSC52SaysWhyNot(t *testing.T) {
	f := clipboard.NewFake()
	f.FailSystem(clipboard.ErrFake)
	m := open(t, f, Options{ClearAfter: 5 * time.Millisecond, Width: 100})
	if !strings.Contains(plain(m.View()), "OSC 52 cannot be read back") {
		t.Fatalf("OSC 52 clear not explained:\n%s", plain(m.View()))
	}
}

// The timer outlives the dialog: after close, the root's janitor
// (clipcmd.HandleClearDue) still clears.
func TestClearWorksAfterClose(t *testing.T) {
	f := clipboard.NewFake()
	m := New(created(jwt), f, Options{ClearAfter: 5 * time.Millisecond, Now: fixedNow})
	m, tick := m.Update(m.Init()())
	m, out := press(t, m, "enter")
	if len(out) != 1 {
		t.Fatal("did not close")
	}
	due := tick()
	if _, cmd := m.Update(due); cmd != nil {
		t.Fatal("a closed dialog acted on the timer")
	}
	cmd := clipcmd.HandleClearDue(due)
	if cmd == nil {
		t.Fatal("janitor ignored the job")
	}
	if res := cmd().(clipcmd.ClearedMsg).Result; !res.Cleared || f.Content() != "" {
		t.Fatalf("not cleared: %+v, %q", res, f.Content())
	}
}

func TestCopyAgainRestartsTheClear(t *testing.T) {
	f := clipboard.NewFake()
	m := New(created(jwt), f, Options{ClearAfter: time.Hour, Now: fixedNow})
	m, firstTick := m.Update(m.Init()())
	first := m.clearJob
	m, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("c")})
	m, _ = m.Update(cmd())
	if first.Pending() || !m.clearJob.Pending() || m.clearJob == first {
		t.Fatal("the second copy did not replace the first clear")
	}
	_ = firstTick // an hour: never run; the job is cancelled, which is the point
}

func TestWarningDetailsAndHostileText(t *testing.T) {
	c := client.Created{
		Token:   client.Token{Name: "evil\x1b]52;c;AAAA\x07name"},
		Secret:  "abc\x1b[2Jdef0123456789",
		Warning: "created, but reading it back failed",
	}
	f := clipboard.NewFake()
	m := New(c, f, Options{Details: []string{"org_id: 1234", "type: token\x1b[31m"}, ClearAfter: -1, Width: 100, Height: 40})
	m, _ = run(t, m, m.Init())
	view := m.View()
	if strings.Contains(view, "\x1b]52") || strings.Contains(view, "\x1b[2J") || strings.Contains(view, "\x1b[31m") {
		t.Fatalf("escape sequences reached the screen: %q", view)
	}
	text := plain(view)
	for _, w := range []string{"abcdef0123456789", "control characters", "reading it back failed", "org_id: 1234", "type: token"} {
		if !strings.Contains(text, w) {
			t.Errorf("view lacks %q:\n%s", w, text)
		}
	}
	if f.Content() != c.Secret {
		t.Fatal("the copied secret is not what the server sent")
	}
}

func TestFitsSmallTerminal(t *testing.T) {
	m := open(t, clipboard.NewFake(), Options{Width: 50, Height: 18, Details: []string{"a", "b", "c", "d", "e", "f"}})
	view := plain(m.View())
	if n := strings.Count(view, "\n") + 1; n > 18 {
		t.Fatalf("%d lines, want ≤ 18:\n%s", n, view)
	}
	if !strings.Contains(unframed(m.View()), jwt) {
		t.Fatal("the secret was cut to fit")
	}
}

func TestModelNeverPrintsTheSecret(t *testing.T) {
	m := open(t, clipboard.NewFake(), Options{})
	for _, verb := range []string{"%v", "%+v", "%#v"} {
		if strings.Contains(fmt.Sprintf(verb, m), jwt[:20]) {
			t.Fatalf("%s printed the secret", verb)
		}
	}
}

func TestClosedMsgCarriesThePendingClear(t *testing.T) {
	f := clipboard.NewFake()
	m := New(created(jwt), f, Options{Now: fixedNow, ClearAfter: time.Hour})
	// Run the copy only: the clear's timer (an hour) is left unrun.
	m, _ = m.Update(m.Init()())
	job := m.PendingClear()
	if job == nil || !job.Pending() {
		t.Fatal("no pending clear after a system copy")
	}
	m, cmd := m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	closed, ok := cmd().(ClosedMsg)
	if !ok || closed.ClearJob != job {
		t.Fatalf("ClosedMsg = %v, want the pending job", closed)
	}
	if m.PendingClear() != job {
		t.Fatal("PendingClear changed on close")
	}
	// Quitting runs it at once: the clipboard still holds the secret, so it empties.
	cleared := job.ClearNow()().(clipcmd.ClearedMsg)
	if !cleared.Result.Cleared || f.Content() != "" {
		t.Fatalf("clear on quit: %v, clipboard %q", cleared.Result, f.Content())
	}
}

func TestRetrievableSecretSaysSoAndClosesWithoutAsking(t *testing.T) {
	f := clipboard.NewFake()
	f.FailSystem(clipboard.ErrFake)
	f.FailOSC52(clipboard.ErrFake)
	c := created(jwt)
	c.Retrievable = true
	m := New(c, f, Options{Width: 100, ClearAfter: -1, Now: fixedNow})
	m, _ = run(t, m, m.Init())
	view := prose(m.View())
	if strings.Contains(view, "cannot be shown again") || !strings.Contains(view, "the token list keeps it") {
		t.Fatalf("a listed secret is described as shown once:\n%s", view)
	}
	if _, out := press(t, m, "enter"); len(out) != 1 {
		t.Fatal("closing a secret the list keeps asked")
	}
}

func TestClosingAfterTheClearAsksAgain(t *testing.T) {
	f := clipboard.NewFake()
	m := open(t, f, Options{ClearAfter: 5 * time.Millisecond, Width: 100})
	if f.Content() != "" {
		t.Fatal("not cleared")
	}
	m, out := press(t, m, "enter")
	if len(out) != 0 || !strings.Contains(prose(m.View()), "The clipboard has been cleared: the secret is nowhere else now. Close anyway?") {
		t.Fatalf("closed without asking after the clear:\n%s", prose(m.View()))
	}
}

func TestQuitKeysAskLikeClose(t *testing.T) {
	// A confirmed copy: q quits at once, and says so.
	_, out := press(t, open(t, clipboard.NewFake(), Options{}), "q")
	if len(out) != 1 || !out[0].(ClosedMsg).Quit {
		t.Fatalf("q after a confirmed copy: %v", out)
	}
	// No copy: q asks, n goes back, q and y quit.
	f := clipboard.NewFake()
	f.FailSystem(clipboard.ErrFake)
	f.FailOSC52(clipboard.ErrFake)
	m := open(t, f, Options{Width: 100})
	m, out = press(t, m, "q")
	if len(out) != 0 || !strings.Contains(prose(m.View()), "Quit tokentui anyway?") {
		t.Fatalf("q without a copy did not ask:\n%s", prose(m.View()))
	}
	m, _ = press(t, m, "n")
	m, out = press(t, m, "enter")
	if len(out) != 0 || !strings.Contains(prose(m.View()), "Close anyway?") {
		t.Fatal("after n, enter asks about closing, not quitting")
	}
	m, _ = press(t, m, "n", "q")
	_, out = press(t, m, "y")
	if len(out) != 1 || !out[0].(ClosedMsg).Quit {
		t.Fatalf("y after q: %v", out)
	}
}

func TestSlowClipboardIsStillCleared(t *testing.T) {
	f := clipboard.NewFake()
	f.SlowSystem(true)
	f.FailOSC52(clipboard.ErrFake)
	m := open(t, f, Options{ClearAfter: 5 * time.Millisecond, Width: 100})
	if f.Content() != "" {
		t.Fatalf("a slow write's secret was left on the clipboard: %q", f.Content())
	}
	if !strings.Contains(prose(m.View()), "Clipboard cleared") {
		t.Fatalf("%s", prose(m.View()))
	}
}

// What the server granted, where it differs from the request, is in the
// dialog; so is a read-back that failed, as grants unconfirmed.
func TestShowsWhatTheServerGranted(t *testing.T) {
	c := created(jwt)
	c.GrantDiffs = []string{"requested 3 scopes, the server granted none"}
	m := New(c, clipboard.NewFake(), Options{Now: fixedNow, ClearAfter: -1, Width: 80, Height: 40})
	if view := prose(m.View()); !strings.Contains(view, "The server did not grant what was asked: • requested 3 scopes, the server granted none") {
		t.Errorf("differences not shown:\n%s", m.View())
	}
	c = created(jwt)
	c.Warning, c.GrantsUnconfirmed = "created, but reading it back failed: boom", "the scopes could not be read back"
	m = New(c, clipboard.NewFake(), Options{Now: fixedNow, ClearAfter: -1, Width: 80, Height: 40})
	if view := prose(m.View()); !strings.Contains(view, "Grants unconfirmed: the scopes could not be read back.") || strings.Contains(view, "did not grant") {
		t.Errorf("unconfirmed grants not shown:\n%s", m.View())
	}
}

// Closing before the copy has reported asks; once the copy is confirmed,
// the question goes.
func TestQuestionGoesWhenTheCopyIsConfirmed(t *testing.T) {
	m := New(created(jwt), clipboard.NewFake(), Options{Width: 100, ClearAfter: -1, Now: fixedNow})
	copyCmd := m.Init()
	m, out := press(t, m, "enter")
	if len(out) != 0 || !strings.Contains(prose(m.View()), "The copy has not finished yet. Close anyway?") {
		t.Fatalf("enter before the copy reported:\n%s", prose(m.View()))
	}
	m, _ = run(t, m, copyCmd)
	if m.confirm || strings.Contains(prose(m.View()), "Close anyway?") {
		t.Fatalf("the question stayed after a confirmed copy:\n%s", prose(m.View()))
	}
	if _, out = press(t, m, "enter"); len(out) != 1 {
		t.Fatal("enter after the confirmed copy did not close")
	}
}
