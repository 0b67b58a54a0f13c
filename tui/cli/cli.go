// Package cli holds tokentui's scripting subcommands (list, create, revoke,
// check, inspect, scopes), in the conventions of gh: human tables on a
// terminal, --json for scripts, secrets on stdout only when created, all
// chatter on stderr, and exit codes a script can branch on.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/clipboard"
	"github.com/tokentui/tokentui/tui/exitcode"
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

// command is one subcommand.
type command struct {
	summary string
	run     func(ctx context.Context, inv *invocation, args []string) error
}

var commands = map[string]command{
	"list":    {"list tokens as a table or JSON", runList},
	"create":  {"create a token and print its secret once", runCreate},
	"revoke":  {"revoke tokens by id", runRevoke},
	"check":   {"audit tokens: expired, expiring, no expiry, unrestricted, powerful", runCheck},
	"inspect": {"recognise a token offline (never sends it anywhere)", runInspect},
	"scopes":  {"show what a new token can be given", runScopes},
}

// commandOrder is the order help lists the commands in.
var commandOrder = []string{"list", "create", "revoke", "check", "inspect", "scopes"}

// IsSubcommand reports whether main should hand args to Run: name is a
// subcommand or "help".
func IsSubcommand(name string) bool {
	_, ok := commands[name]
	return ok || name == "help"
}

// Subcommands lists the subcommand names.
func Subcommands() []string {
	out := append([]string(nil), commandOrder...)
	sort.Strings(out)
	return out
}

// Run runs the subcommand args[0] with the rest of args and returns the exit
// code. Nothing is written to io.Out except the command's result.
func Run(ctx context.Context, args []string, stdio IO) int {
	stdio = stdio.withDefaults()
	if len(args) == 0 {
		writeOverview(stdio.Err)
		return exitcode.Usage
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" {
		if len(args) > 1 {
			if _, ok := commands[args[1]]; ok {
				return Run(ctx, []string{args[1], "--help"}, stdio)
			}
			fmt.Fprintf(stdio.Err, "tokentui help: unknown command %q\n", args[1])
			return exitcode.Usage
		}
		writeOverview(stdio.Out)
		return exitcode.OK
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stdio.Err, "tokentui: unknown command %q\n\n", name)
		writeOverview(stdio.Err)
		return exitcode.Usage
	}
	inv := &invocation{io: stdio, name: name}
	defer inv.close()
	err := cmd.run(ctx, inv, args[1:])
	if err == nil {
		return exitcode.OK
	}
	return inv.report(err)
}

// report prints err on stderr (unless it was already shown) and returns the
// exit code it stands for.
func (inv *invocation) report(err error) int {
	var shown *shownError
	if errors.As(err, &shown) {
		return shown.code
	}
	if errors.Is(err, errHelpShown) {
		return exitcode.OK
	}
	code := exitCode(err)
	fmt.Fprintf(inv.io.Err, "tokentui %s: %s\n", inv.name, client.Scrub(err.Error()))
	var u *usageError
	if errors.As(err, &u) && u.hint {
		fmt.Fprintf(inv.io.Err, "Run 'tokentui %s --help' for usage.\n", inv.name)
	}
	return code
}
