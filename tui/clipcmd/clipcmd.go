// Package clipcmd runs the clipboard for Bubble Tea: every clipboard call
// happens in a tea.Cmd, and clearing is a job that outlives whichever dialog
// scheduled it. The clipboard itself (package clipboard) knows nothing of
// Bubble Tea, so the scripting commands can use it without linking the TUI.
//
// How the root wires it (a "janitor" with no state of its own):
//
//	case clipcmd.ClearDueMsg:
//	    return m, clipcmd.HandleClearDue(msg)
//	case clipcmd.ClearedMsg:
//	    m.status = msg.Result.String() // and pass it on to an open reveal dialog
//
// The job itself remembers whether it is still wanted, so it does not matter
// whether the dialog that scheduled it is open, closed, or also handles the
// message: a job clears at most once, and a job superseded by a newer copy
// (Cancel) does nothing.
package clipcmd

import (
	"errors"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/tui/clipboard"
)

// CopiedMsg reports how a Copy went. Ref is whatever the caller passed to
// Copy, so it can tell its own copies from others'.
type CopiedMsg struct {
	Ref    string
	Result clipboard.Result
}

// Copy copies secret off the Update loop.
func Copy(c clipboard.Clipboard, secret, ref string) tea.Cmd {
	return func() tea.Msg {
		return CopiedMsg{Ref: ref, Result: c.Copy(secret)}
	}
}

type jobState int

const (
	jobPending jobState = iota
	jobCancelled
	jobDispatched
)

// ClearJob is one scheduled clear. It holds the secret until the clear runs
// or is cancelled, because the clear must compare the clipboard with it; that
// is the only place the secret lives after its dialog closes.
//
// Its methods must be called from Update (they are not synchronised; the
// Bubble Tea loop serialises them).
type ClearJob struct {
	clip   clipboard.Clipboard
	secret string
	at     time.Time
	state  jobState
}

// ScheduleClear returns a job that clears c at now+d if c still holds
// secret, and the Cmd that starts its timer. The timer's ClearDueMsg must
// reach HandleClearDue (the root's janitor, or the dialog while it is open).
func ScheduleClear(c clipboard.Clipboard, secret string, now time.Time, d time.Duration) (*ClearJob, tea.Cmd) {
	j := &ClearJob{clip: c, secret: secret, at: now.Add(d)}
	return j, tea.Tick(d, func(time.Time) tea.Msg { return ClearDueMsg{job: j} })
}

// At is when the job clears.
func (j *ClearJob) At() time.Time { return j.at }

// For reports whether the pending job is about secret: a new copy of the
// same secret supersedes it, a copy of another secret does not.
func (j *ClearJob) For(secret string) bool { return j.Pending() && j.secret == secret }

// Cancel drops the job (a newer copy has its own) and its secret.
func (j *ClearJob) Cancel() {
	if j == nil || j.state != jobPending {
		return
	}
	j.state = jobCancelled
	j.secret = ""
}

// Pending reports whether the job has neither run nor been cancelled.
func (j *ClearJob) Pending() bool { return j != nil && j.state == jobPending }

// ClearNow runs the job at once instead of waiting for its timer (the root
// may call it when the program quits). It returns nil when the job is not
// pending; the timer's later ClearDueMsg is then ignored.
func (j *ClearJob) ClearNow() tea.Cmd {
	if !j.Pending() {
		return nil
	}
	j.state = jobDispatched
	clip, secret := j.clip, j.secret
	j.secret = "" // from here on only the Cmd's closure holds it, until it has run
	return func() tea.Msg {
		return ClearedMsg{job: j, Result: clip.ClearIfUnchanged(secret)}
	}
}

// HandOff is ClearNow for a program about to quit: the clear is left to a
// process that outlives it (Clipboard.ClearLater) and still happens at its
// time, so the secret can be pasted after quitting. When no process takes
// it, the clipboard is cleared now instead. nil when the job is not pending.
func (j *ClearJob) HandOff() tea.Cmd {
	if !j.Pending() {
		return nil
	}
	j.state = jobDispatched
	clip, secret, at := j.clip, j.secret, j.at
	j.secret = ""
	return func() tea.Msg {
		msg := HandedOffMsg{At: at, Err: clip.ClearLater(secret, at)}
		if msg.Err != nil && !errors.Is(msg.Err, clipboard.ErrCannotClear) {
			res := clip.ClearIfUnchanged(secret)
			msg.ClearedNow = &res
		}
		return msg
	}
}

// HandedOffMsg reports a HandOff.
type HandedOffMsg struct {
	At  time.Time
	Err error // nil: a process clears at At; clipboard.ErrCannotClear: nothing can
	// ClearedNow is the clear run at once because no process took it.
	ClearedNow *clipboard.ClearResult
}

// String says, for people, what will happen to the clipboard.
func (m HandedOffMsg) String() string {
	switch {
	case m.Err == nil:
		return "the clipboard is cleared at " + m.At.Format("15:04:05") + " if it still holds the secret (a background process does it)"
	case errors.Is(m.Err, clipboard.ErrCannotClear):
		return "the secret went out by OSC 52, which cannot be read back: clear the clipboard yourself after pasting"
	case m.ClearedNow != nil:
		return "could not leave the clear to a background process (" + m.Err.Error() + "): " + m.ClearedNow.String()
	}
	return "could not arrange the clear: " + m.Err.Error()
}

// Format keeps fmt from ever printing the secret, whatever the verb.
func (ClearJob) Format(f fmt.State, _ rune) { fmt.Fprint(f, "clipcmd.ClearJob{…}") }

// ClearDueMsg is the timer of a ClearJob going off.
type ClearDueMsg struct{ job *ClearJob }

// Format keeps fmt from ever printing the secret, whatever the verb.
func (ClearDueMsg) Format(f fmt.State, _ rune) { fmt.Fprint(f, "clipcmd.ClearDueMsg{…}") }

// HandleClearDue is the janitor: for a ClearDueMsg of a pending job it returns
// the Cmd that clears; for anything else, or a job already run or cancelled,
// nil. Safe to call with every message.
func HandleClearDue(msg tea.Msg) tea.Cmd {
	due, ok := msg.(ClearDueMsg)
	if !ok || due.job == nil {
		return nil
	}
	return due.job.ClearNow()
}

// ClearedMsg reports a clear.
type ClearedMsg struct {
	job    *ClearJob
	Result clipboard.ClearResult
}

// For reports whether the message is about job j.
func (m ClearedMsg) For(j *ClearJob) bool { return j != nil && m.job == j }
