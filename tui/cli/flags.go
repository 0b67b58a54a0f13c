package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/tokentui/tokentui/client/profile"
)

// invocation is one run of a subcommand: its streams, its flags and what
// must be cleaned up (the demo emulators).
type invocation struct {
	io      IO
	name    string
	fs      *flag.FlagSet
	global  profile.Options
	usage   string // "tokentui list [flags]"
	about   string // what the command does, a paragraph
	cleanup []func()
}

func (inv *invocation) close() {
	for i := len(inv.cleanup) - 1; i >= 0; i-- {
		inv.cleanup[i]()
	}
}

// flags starts the command's flag set with the global profile flags on it.
func (inv *invocation) flags(usage, about string) *flag.FlagSet {
	inv.usage, inv.about = usage, about
	inv.fs = flag.NewFlagSet("tokentui "+inv.name, flag.ContinueOnError)
	inv.fs.SetOutput(io.Discard) // errors are reported by Run, help by writeHelp
	inv.global.RegisterFlags(inv.fs)
	return inv.fs
}

// parse parses args, allowing flags after positional arguments (as gh
// does: `revoke ID --yes`). "--" ends the flags.
func (inv *invocation) parse(args []string) ([]string, error) {
	var positional []string
	for {
		rest, after, hasDashes := cutDashes(args)
		if err := inv.fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				inv.writeHelp(inv.io.Out)
				return nil, errHelpShown
			}
			return nil, usagef("%s", err.Error())
		}
		left := inv.fs.Args()
		if len(left) > 0 {
			positional = append(positional, left[0])
			args = append(left[1:], dashesThen(hasDashes, after)...)
			continue
		}
		if hasDashes {
			positional = append(positional, after...)
		}
		return positional, nil
	}
}

// parseFlagsOnly parses args for a command that takes flags and no
// arguments; hint, when given, says what to do instead of an argument.
func (inv *invocation) parseFlagsOnly(args []string, hint string) error {
	pos, err := inv.parse(args)
	switch {
	case err != nil:
		return err
	case len(pos) == 0:
		return nil
	case hint != "":
		return usagef("%s takes no arguments (got %q); %s", inv.name, pos[0], hint)
	}
	return usagef("%s takes no arguments (got %q)", inv.name, pos[0])
}

// cutDashes splits args at the first "--".
func cutDashes(args []string) (before, after []string, found bool) {
	for i, a := range args {
		if a == "--" {
			return args[:i], args[i+1:], true
		}
	}
	return args, nil, false
}

func dashesThen(has bool, after []string) []string {
	if !has {
		return nil
	}
	return append([]string{"--"}, after...)
}

// globalFlags are the profile flags every subcommand takes.
var globalFlags = map[string]bool{"demo": true, "profile": true, "provider": true, "url": true, "insecure": true, "ca-file": true}

// writeHelp prints the command's help: usage, description, its own flags,
// then the profile flags.
func (inv *invocation) writeHelp(w io.Writer) {
	fmt.Fprintf(w, "%s\n\nUsage:\n  %s\n", inv.about, inv.usage)
	var own, global []*flag.Flag
	inv.fs.VisitAll(func(f *flag.Flag) {
		if globalFlags[f.Name] {
			global = append(global, f)
		} else {
			own = append(own, f)
		}
	})
	if len(own) > 0 {
		fmt.Fprintln(w, "\nFlags:")
		writeFlags(w, own)
	}
	fmt.Fprintln(w, "\nProfile flags (which system to talk to):")
	writeFlags(w, global)
	fmt.Fprint(w, profileHelp)
	fmt.Fprint(w, exitHelp)
}

func writeFlags(w io.Writer, flags []*flag.Flag) {
	rows := make([][2]string, len(flags))
	width := 0
	for i, f := range flags {
		name, usage := flag.UnquoteUsage(f)
		left := "--" + f.Name
		if name != "" {
			left += " " + name
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "[]" {
			usage += " (default " + f.DefValue + ")"
		}
		rows[i] = [2]string{left, usage}
		width = max(width, len(left))
	}
	indent := "\n" + strings.Repeat(" ", width+4)
	for _, r := range rows {
		fmt.Fprintf(w, "  %-*s  %s\n", width, r[0], strings.ReplaceAll(r[1], "\n", indent))
	}
}

const profileHelp = `
  Without these: $TOKENTUI_URL with $TOKENTUI_TOKEN (GoodAccess), else the default
  profile of $XDG_CONFIG_HOME/tokentui/config.yaml (~/.config/tokentui/config.yaml).
  With --demo the command runs against fresh in-process emulators: their
  tokens are made up and nothing you do persists between runs.
`

const exitHelp = `
Exit codes: 0 ok, 1 API error or findings, 2 usage or profile error, 3 the admin
token is missing, refused or lacks a permission.
`

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

// writeOverview prints the list of subcommands.
func writeOverview(w io.Writer) {
	fmt.Fprintln(w, "Usage: tokentui <command> [flags]   (no command: the interactive dashboard)")
	fmt.Fprintln(w, "\nCommands:")
	for _, name := range commandOrder {
		fmt.Fprintf(w, "  %-8s %s\n", name, commands[name].summary)
	}
	fmt.Fprintln(w, "\nRun 'tokentui <command> --help' for a command's flags.")
}
