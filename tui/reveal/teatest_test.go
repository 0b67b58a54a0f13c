package reveal

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/tokentui/tokentui/tui/clipboard"
	"github.com/tokentui/tokentui/tui/clipcmd"
)

// host stands in for the root app: it routes messages to the dialog, runs
// the clipboard janitor, and quits when the dialog closes.
type host struct {
	dialog Model
	status string
	quit   bool // the dialog closed asking to quit
}

func (h host) Init() tea.Cmd { return h.dialog.Init() }

func (h host) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case ClosedMsg:
		h.quit = msg.Quit
		return h, tea.Quit
	case clipcmd.ClearDueMsg:
		return h, clipcmd.HandleClearDue(msg)
	case clipcmd.ClearedMsg:
		h.status = msg.Result.String()
	}
	var cmd tea.Cmd
	h.dialog, cmd = h.dialog.Update(msg)
	return h, cmd
}

func (h host) View() string { return h.dialog.View() + "\n" + h.status }

func TestRevealInATerminal(t *testing.T) {
	f := clipboard.NewFake()
	f.FailSystem(clipboard.ErrFake) // over SSH: OSC 52 only
	d := New(created(jwt), f, Options{Width: 80, Height: 24, ClearAfter: -1, Now: fixedNow})
	tm := teatest.NewTestModel(t, host{dialog: d}, teatest.WithInitialTermSize(80, 24))

	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("via OSC 52")) && bytes.Contains(b, []byte("c2lnbmF0dXJl"))
	}, teatest.WithDuration(3*time.Second), teatest.WithCheckInterval(10*time.Millisecond))

	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("Close anyway?"))
	}, teatest.WithDuration(3*time.Second), teatest.WithCheckInterval(10*time.Millisecond))

	tm.Type("y")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(3*time.Second)).(host)
	if !final.dialog.Closed() || final.dialog.secret != "" {
		t.Fatal("dialog not closed, or the secret still held")
	}
	if got := f.Copies(); len(got) != 1 || got[0] != clipboard.OSC52 {
		t.Fatalf("copies = %v", got)
	}
}

func TestRevealClearsInATerminal(t *testing.T) {
	f := clipboard.NewFake()
	d := New(created(jwt), f, Options{Width: 80, Height: 24, ClearAfter: 20 * time.Millisecond, Now: fixedNow})
	tm := teatest.NewTestModel(t, host{dialog: d}, teatest.WithInitialTermSize(80, 24))

	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("Clipboard cleared"))
	}, teatest.WithDuration(3*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	// The secret is nowhere now: closing asks again.
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("nowhere else now"))
	}, teatest.WithDuration(3*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	tm.Type("y")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(3*time.Second)).(host)
	if !strings.Contains(final.status, "clipboard cleared") || f.Content() != "" {
		t.Fatalf("status %q, clipboard %q", final.status, f.Content())
	}
}

// ctrl+c asks exactly as enter does when the secret was not copied.
func TestRevealCtrlCAsksInATerminal(t *testing.T) {
	f := clipboard.NewFake()
	f.FailSystem(clipboard.ErrFake)
	f.FailOSC52(clipboard.ErrFake)
	d := New(created(jwt), f, Options{Width: 80, Height: 24, ClearAfter: -1, Now: fixedNow})
	tm := teatest.NewTestModel(t, host{dialog: d}, teatest.WithInitialTermSize(80, 24))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("Could not copy"))
	}, teatest.WithDuration(3*time.Second), teatest.WithCheckInterval(10*time.Millisecond))

	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("Quit tokentui anyway?"))
	}, teatest.WithDuration(3*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC}) // again: still asking
	tm.Type("y")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(3*time.Second)).(host)
	if !final.dialog.Closed() || !final.quit {
		t.Fatalf("closed %t, quit %t", final.dialog.Closed(), final.quit)
	}
}
