package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/profile"
)

// invocation is one run of a command: its streams, its profile flags and
// what must be cleaned up (the demo emulators).
type invocation struct {
	io      IO
	path    string // "tokentui list", "tokentui auth set": how messages name it
	global  profile.Options
	cleanup []func()
}

func (inv *invocation) close() {
	for i := len(inv.cleanup) - 1; i >= 0; i-- {
		inv.cleanup[i]()
	}
	inv.cleanup = nil
}

// spec describes one command for (*invocation).command.
type spec struct {
	name    string // "list"
	usage   string // the line its help shows: "tokentui list [--json] ..."
	summary string // one line, for the list of commands
	about   string // a paragraph, for its own help
	args    cobra.PositionalArgs
	// complete completes its arguments; nil offers nothing (and no file
	// names, which no command takes).
	complete cobra.CompletionFunc
	run      func(ctx context.Context, args []string) error
}

// usageAnnotation marks the commands whose help helpFunc writes.
const usageAnnotation = "tokentui:usage"

// command builds the cobra command of s. Its errors are reported here, so
// Execute sees only their exit code.
func (inv *invocation) command(s spec) *cobra.Command {
	complete := s.complete
	if complete == nil {
		complete = cobra.NoFileCompletions
	}
	return &cobra.Command{
		Use:               s.name,
		Short:             s.summary,
		Long:              s.about,
		Args:              s.args,
		ValidArgsFunction: complete,
		Annotations:       map[string]string{usageAnnotation: s.usage},
		RunE: func(cmd *cobra.Command, args []string) error {
			inv.path = cmd.CommandPath()
			defer inv.close()
			if inv.io.CollectLate {
				defer collectLate(inv.io.Env)()
			}
			if err := s.run(cmd.Context(), args); err != nil {
				return &shownError{code: inv.report(err)}
			}
			return nil
		},
	}
}

// report prints err on stderr (unless it was already shown) and returns the
// exit code it stands for.
func (inv *invocation) report(err error) int {
	var shown *shownError
	if errors.As(err, &shown) {
		return shown.code
	}
	code := exitCode(err)
	// Scrubbed: CI logs keep stderr, and a server may have echoed a secret.
	fmt.Fprintf(inv.io.Err, "%s: %s\n", inv.path, client.Scrub(err.Error()))
	var u *usageError
	if errors.As(err, &u) && u.hint {
		fmt.Fprintf(inv.io.Err, "Run '%s --help' for usage.\n", inv.path)
	}
	return code
}

// flagGroup is the annotation that sets the profile flags apart in help.
const flagGroup = "tokentui:group"

// addProfileFlags puts the profile flags (--demo, --profile, --provider,
// --url, --insecure, --ca-file) on cmd, with their completions.
func (inv *invocation) addProfileFlags(cmd *cobra.Command) {
	fs := pflag.NewFlagSet("profile", pflag.ContinueOnError)
	fs.SortFlags = false // AddFlagSet adds them in this set's visiting order
	inv.global.RegisterFlags(fs)
	fs.VisitAll(func(f *pflag.Flag) { f.Annotations = map[string][]string{flagGroup: {"profile"}} })
	cmd.Flags().AddFlagSet(fs)
	must(cmd.RegisterFlagCompletionFunc("profile", inv.completeProfiles))
	must(cmd.RegisterFlagCompletionFunc("provider", completeProviders))
	must(cmd.RegisterFlagCompletionFunc("url", cobra.NoFileCompletions))
	must(cmd.MarkFlagFilename("ca-file", "pem", "crt", "cer"))
}

// isProfileFlag reports whether f is one of the profile flags.
func isProfileFlag(f *pflag.Flag) bool {
	return len(f.Annotations[flagGroup]) > 0
}

// must panics on an error that only a mistake in this package can cause
// (registering a completion for a flag that does not exist).
func must(err error) {
	if err != nil {
		panic("cli: " + err.Error())
	}
}

// noArgs refuses arguments to a command that takes flags only; hint, when
// given, says what to do instead.
func noArgs(hint string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return nil
		}
		msg := fmt.Sprintf("%s takes no arguments (got %q)", cmd.Name(), args[0])
		if hint != "" {
			msg += "; " + hint
		}
		return usagef("%s", msg)
	}
}

// stringList is a repeatable flag; commas also separate values, so
// --scope a,b equals --scope a --scope b.
type stringList []string

func (l *stringList) String() string { return strings.Join(*l, ",") }

func (l *stringList) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		if part = strings.TrimSpace(part); part != "" {
			*l = append(*l, part)
		}
	}
	return nil
}

// Type names the value in help when the usage text names none.
func (l *stringList) Type() string { return "list" }

// GetSlice tells completion the flag may be given again.
func (l *stringList) GetSlice() []string { return *l }
