// Package cli is tokentui's command line, built with cobra: the root
// command (the dashboard, handed in as a Dashboard so this package links no
// Bubble Tea), the scripting commands (list, create, revoke, check, inspect,
// scopes), auth (admin tokens in the OS keychain), version, man and shell
// completion. It follows the conventions of gh: GNU-style flags, help on
// stdout, human tables on a terminal, --json for scripts, secrets on stdout
// only when created, all chatter on stderr, and exit codes a script can
// branch on.
package cli

import (
	"io"
	"os"
	"time"

	"github.com/tokentui/tokentui/tui/clipboard"
)

// IO is everything a subcommand touches outside itself, so tests run it
// in-process.
type IO struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
	// InIsTerminal: stdin is a person at a keyboard, who can be asked to
	// confirm; otherwise destructive commands need --yes.
	InIsTerminal bool
	// OutIsTerminal: stdout is a terminal, so tables may be coloured
	// (unless NO_COLOR is set).
	OutIsTerminal bool
	// Env reads environment variables; nil means os.Getenv.
	Env func(string) string
	// Now is the clock for expiry arithmetic (and the demo emulators); nil
	// means time.Now.
	Now func() time.Time
	// Clipboard serves create --copy; nil means the system clipboard with
	// the OSC 52 fallback.
	Clipboard clipboard.Clipboard
	// System is the system clipboard the hidden clearer command reads and
	// empties; nil means the real one.
	System clipboard.SystemBackend
	// CollectLate: the process ends with the command, so it collects
	// garbage only near a memory limit (memory.go). StdIO sets it.
	CollectLate bool
}

func (o IO) withDefaults() IO {
	if o.In == nil {
		o.In = eofReader{}
	}
	if o.Out == nil {
		o.Out = io.Discard
	}
	if o.Err == nil {
		o.Err = io.Discard
	}
	if o.Env == nil {
		o.Env = os.Getenv
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }
