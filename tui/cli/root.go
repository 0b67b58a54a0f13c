package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/tui/exitcode"
)

// Dashboard is what a plain `tokentui` runs: the interactive dashboard. It
// is handed in (main wires tui/launch), so this package links no Bubble Tea
// while the dashboard still is the root of one command tree.
type Dashboard interface {
	// AddFlags defines the dashboard's own flags (beyond the profile
	// flags) and their completions on the root command.
	AddFlags(root *cobra.Command)
	// Run starts the dashboard with the profile flags as given and returns
	// the exit code. Its messages go to stdio.Err.
	Run(ctx context.Context, stdio IO, opts profile.Options) int
}

// Execute runs the command line args (os.Args[1:]) and returns the exit
// code: 0 ok, 1 failure, 2 usage, 3 auth (tui/exitcode). Help goes to
// stdio.Out, every complaint to stdio.Err. With a nil dash, a command line
// naming no command is a usage error (a build without the dashboard).
func Execute(ctx context.Context, args []string, stdio IO, dash Dashboard) int {
	stdio = stdio.withDefaults()
	root := Root(stdio, dash)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	var shown *shownError
	switch {
	case err == nil:
		return exitcode.OK
	case errors.As(err, &shown):
		return shown.code
	}
	// cobra refused the command line (an unknown flag or command, a
	// missing flag value, wrong arguments) before the command ran.
	fmt.Fprintf(stdio.Err, "%s: %s\n", cmd.CommandPath(), err)
	fmt.Fprintf(stdio.Err, "Run '%s --help' for usage.\n", cmd.CommandPath())
	return exitcode.Usage
}

// Main is Execute for the real process: the standard streams, the
// environment and the wall clock.
func Main(ctx context.Context, args []string, dash Dashboard) int {
	return Execute(ctx, args, StdIO(), dash)
}

// Root builds the command tree: the dashboard at the root, the scripting
// and set-up commands under it. Execute runs it; .ci/genman writes the
// manual page from it.
func Root(stdio IO, dash Dashboard) *cobra.Command {
	stdio = stdio.withDefaults()
	inv := &invocation{io: stdio}
	var showVersion bool
	root := &cobra.Command{
		Use:   "tokentui",
		Short: "manage API tokens from the terminal",
		Long: `tokentui is a terminal dashboard for the people who administer API access
tokens (GoodAccess, Border0, Unleash): list, filter, inspect, create with
least privilege, reveal a new secret once, rotate and revoke, all from the
keyboard. Without a command it opens the dashboard; the commands do the same
work for scripts, with --json output and exit codes to branch on.`,
		Args:          unknownCommand,
		SilenceErrors: true, // Execute and report print errors, once
		SilenceUsage:  true,
		// Suggest a command within two typos (cobra's default, which only
		// its own error path applies).
		SuggestionsMinimumDistance: 2,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if showVersion {
				_, err := fmt.Fprint(stdio.Out, versionText(readBuildInfo()))
				return err
			}
			if dash == nil {
				writeRootHelp(stdio.Err, cmd)
				return &shownError{code: exitcode.Usage}
			}
			opts := inv.global
			opts.Env = stdio.Env
			if code := dash.Run(cmd.Context(), stdio, opts); code != exitcode.OK {
				return &shownError{code: code}
			}
			return nil
		},
	}
	root.SetIn(stdio.In)
	root.SetOut(stdio.Out)
	root.SetErr(stdio.Err)
	if dash != nil {
		dash.AddFlags(root)
	}
	// --version is ours rather than cobra's: cobra would print it through
	// text/template, whose use keeps the linker from dropping unused
	// methods (a binary megabytes larger).
	root.Flags().BoolVarP(&showVersion, "version", "v", false, "show the version, the commit it was built from and the Go version")
	inv.addProfileFlags(root)
	cobra.EnableCommandSorting = false // help lists commands in the order added
	root.AddCommand(scriptingCommands(stdio)...)
	root.AddCommand(authCommand(stdio), versionCommand(stdio), clearerCommand(stdio))
	addCompletionCommand(root)
	root.SetHelpCommand(helpCommand(root))
	root.SetHelpFunc(helpFunc(root.HelpFunc()))
	wordHelpFlags(root)
	return root
}

// wordHelpFlags gives every command the same --help text (cobra's says
// "help for list").
func wordHelpFlags(cmd *cobra.Command) {
	cmd.InitDefaultHelpFlag()
	cmd.Flags().Lookup("help").Usage = "show this help"
	for _, c := range cmd.Commands() {
		wordHelpFlags(c)
	}
}

// addCompletionCommand adds cobra's `completion SHELL`, worded like the
// other commands; without a shell it is a usage error (cobra would print its
// help and exit 0, even for an unknown shell).
func addCompletionCommand(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Short = "print the shell completion script (bash, zsh, fish, powershell)"
			c.Args = cobra.ArbitraryArgs
			c.RunE = needsSubcommand
		}
	}
}

// needsSubcommand runs a command that only groups others (auth,
// completion): an unknown subcommand, or none, is a usage error.
func needsSubcommand(cmd *cobra.Command, args []string) error {
	var names []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	if len(args) > 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "%s: unknown command %q (use %s)\n", cmd.CommandPath(), args[0], strings.Join(names, ", "))
	} else {
		fmt.Fprintf(cmd.ErrOrStderr(), "%s: name a command: %s\nRun '%s --help' for usage.\n", cmd.CommandPath(), strings.Join(names, ", "), cmd.CommandPath())
	}
	return &shownError{code: exitcode.Usage}
}

// scriptingCommands are the commands that talk to a token system (and
// inspect, which needs none), in the order help lists them.
func scriptingCommands(stdio IO) []*cobra.Command {
	return []*cobra.Command{
		listCommand(stdio), createCommand(stdio), revokeCommand(stdio),
		checkCommand(stdio), findCommand(stdio), inspectCommand(stdio), scopesCommand(stdio),
		historyCommand(stdio),
	}
}

// unknownCommand refuses arguments to the root: there they can only be a
// mistyped command.
func unknownCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q", args[0])
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += fmt.Sprintf(" (did you mean %s?)", s[0])
	}
	return usagef("%s", msg)
}

// helpCommand is `tokentui help [COMMAND]`: help on stdout, and an
// unknown command a usage error (cobra's own prints the overview and
// exits 0).
func helpCommand(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [COMMAND]",
		Short: "show the help of tokentui or of a command",
		ValidArgsFunction: func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			var out []cobra.Completion
			for _, c := range root.Commands() {
				if c.IsAvailableCommand() && len(args) == 0 {
					out = append(out, cobra.CompletionWithDesc(c.Name(), c.Short))
				}
			}
			return filterPrefix(out, toComplete), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			target, _, err := root.Find(args)
			if err != nil || (len(args) > 0 && target == root) {
				fmt.Fprintf(c.ErrOrStderr(), "tokentui help: unknown command %q\n", args[0])
				return &shownError{code: exitcode.Usage}
			}
			return target.Help()
		},
	}
}
