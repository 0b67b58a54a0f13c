// Package clipboard copies a secret for the person at the keyboard and clears
// it again later. It tries the system clipboard first (xclip, xsel,
// wl-clipboard, pbcopy, ... through atotto/clipboard) and falls back to OSC 52,
// an escape sequence that asks the terminal itself to set the clipboard; that
// is what works over SSH. Every call may block (it runs a program or writes to
// the terminal), so the TUI calls it only inside a tea.Cmd (package
// tui/clipcmd). This package does not import Bubble Tea: the scripting
// commands use it too, and they must not link the TUI.
//
// Errors and results never contain the secret.
package clipboard

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Clipboard is what the TUI needs from a clipboard. Implementations are safe
// for concurrent use.
type Clipboard interface {
	// Copy puts secret on the clipboard and says how, or why it could not.
	Copy(secret string) Result
	// ClearIfUnchanged empties the clipboard only if it still holds secret,
	// so something the person copied since is never destroyed.
	ClearIfUnchanged(secret string) ClearResult
	// ClearLater hands the clear of secret to a small process that
	// outlives this one: at the time at, it empties the clipboard if it
	// still holds the secret (ClearIfUnchanged, later). It returns
	// ErrCannotClear for a secret that went out only by OSC 52, and any
	// other error when no process took the clear (then clear it now).
	ClearLater(secret string, at time.Time) error
}

// ErrCannotClear: the secret went out only by OSC 52, which cannot be read
// back, so no clear can be promised (see ClearIfUnchanged).
var ErrCannotClear = errors.New(ReasonOSC52)

// Method is how a copy reached the clipboard.
type Method int

const (
	// None: nothing worked; the secret is not on any clipboard.
	None Method = iota
	// System: the operating system's clipboard took it and can be read back.
	System
	// OSC52: the sequence was written to the terminal. Whether the terminal
	// honoured it cannot be known: terminals do not acknowledge it, and many
	// ignore it or need it enabled.
	OSC52
)

func (m Method) String() string {
	switch m {
	case System:
		return "system clipboard"
	case OSC52:
		return "OSC 52"
	}
	return "none"
}

// Result is the outcome of one Copy.
type Result struct {
	Method Method
	// SystemErr says why the system clipboard failed; nil when it worked.
	SystemErr error
	// OSC52Err says why OSC 52 failed; nil when it worked or was not needed.
	OSC52Err error
	// SystemPending: the system clipboard's tool had not answered when Copy
	// gave up on it, so it may still take the secret. The secret must then
	// be cleared like any copied one (MayHold).
	SystemPending bool
}

// OK reports whether the secret went anywhere at all.
func (r Result) OK() bool { return r.Method != None }

// MayHold reports whether a clipboard may hold the secret now or soon: a
// copy that worked, or a system write still running. Its clear must be
// scheduled then.
func (r Result) MayHold() bool { return r.OK() || r.SystemPending }

// Confirmed reports whether the copy is known to have worked. An OSC 52 copy
// never is.
func (r Result) Confirmed() bool { return r.Method == System }

// String is a sentence for the status bar.
func (r Result) String() string {
	switch r.Method {
	case System:
		return "copied to the system clipboard"
	case OSC52:
		return "sent to the terminal's clipboard via OSC 52 (cannot be confirmed; paste to check)"
	}
	return "could not copy: " + r.Reasons()
}

// Reasons lists why each method failed, for a person to act on.
func (r Result) Reasons() string {
	var parts []string
	if r.SystemErr != nil {
		parts = append(parts, "system clipboard: "+r.SystemErr.Error())
	}
	if r.OSC52Err != nil {
		parts = append(parts, "OSC 52: "+r.OSC52Err.Error())
	}
	if len(parts) == 0 {
		return "no reason given"
	}
	return strings.Join(parts, "; ")
}

// ClearResult is the outcome of one ClearIfUnchanged.
type ClearResult struct {
	Cleared bool
	// Reason says why the clipboard was not cleared; empty when it was.
	Reason string
}

// String is a sentence for the status bar.
func (r ClearResult) String() string {
	if r.Cleared {
		return "clipboard cleared"
	}
	return fmt.Sprintf("clipboard not cleared (%s)", r.Reason)
}

// Reasons for not clearing, shared by the real clipboard and the fake so the
// TUI's wording does not depend on which one runs.
const (
	ReasonOSC52     = "OSC 52 cannot be read back"
	ReasonChanged   = "it holds something else now; left as is"
	ReasonNotCopied = "the secret was never copied"
)

var (
	_ Clipboard = (*Auto)(nil)
	_ Clipboard = (*Fake)(nil)
)
