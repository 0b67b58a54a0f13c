package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/client/registry"
)

// helpFunc writes the help of tokentui's own commands; the commands cobra
// adds (completion and its shells) keep cobra's help.
func helpFunc(cobraHelp func(*cobra.Command, []string)) func(*cobra.Command, []string) {
	return func(cmd *cobra.Command, args []string) {
		switch {
		case !cmd.HasParent():
			writeRootHelp(cmd.OutOrStdout(), cmd)
		case cmd.Annotations[usageAnnotation] != "":
			writeCommandHelp(cmd.OutOrStdout(), cmd)
		default:
			cobraHelp(cmd, args)
		}
	}
}

// writeCommandHelp prints a command's help: what it does, usage, its
// subcommands or its own flags, then the profile flags it takes.
func writeCommandHelp(w io.Writer, cmd *cobra.Command) {
	fmt.Fprintf(w, "%s\n\nUsage:\n  %s\n", cmd.Long, cmd.Annotations[usageAnnotation])
	if cmd.HasAvailableSubCommands() {
		fmt.Fprintln(w, "\nCommands:")
		writeCommandList(w, cmd)
	}
	own, global := splitFlags(cmd)
	if len(own) > 0 {
		fmt.Fprintln(w, "\nFlags:")
		writeFlags(w, own)
	}
	if len(global) > 0 {
		fmt.Fprintln(w, "\nProfile flags (which system to talk to):")
		writeFlags(w, global)
		fmt.Fprint(w, strings.ReplaceAll(profileHelp, "{{legacy}}", registry.Legacy().DisplayName))
	}
	fmt.Fprint(w, exitHelp)
}

const rootUsage = `tokentui — manage API tokens from the terminal

Usage:
  tokentui --demo                      try it on built-in emulators ({{displayNames}})
  tokentui [--profile NAME]            open a profile from the config file
  tokentui --provider KIND [--url URL] an ad hoc profile; --url alone means {{legacy}}
  tokentui COMMAND [flags]             scripting and set-up ('tokentui help COMMAND')
`

const rootEnvironment = `
Environment:
  TOKENTUI_URL, TOKENTUI_TOKEN  a {{legacy}} API and its admin token (the token is
                                read from the environment only, so it never shows
                                in the process list or shell history)
  TOKENTUI_CLEAR_AFTER          default for --clear-after
  NO_COLOR                      disable colours
`

// writeRootHelp prints the help of plain `tokentui`: the dashboard's usage,
// every command, the providers (from the registry, so none is listed by
// hand) and the flags.
func writeRootHelp(w io.Writer, root *cobra.Command) {
	var names []string
	var providers strings.Builder
	for _, d := range registry.All() {
		names = append(names, d.DisplayName)
		url := d.DefaultURL
		if url == "" {
			url = "self-hosted: --url " + d.URLExample
		}
		fmt.Fprintf(&providers, "  %-12s %s: %s\n  %-12s %s · token from $%s\n", d.Kind, d.DisplayName, d.Can.Summary(),
			"", url, strings.Join(profile.DefaultTokenEnvs(d.Kind), " or $"))
	}
	fill := strings.NewReplacer("{{displayNames}}", strings.Join(names, ", "), "{{legacy}}", registry.Legacy().DisplayName)
	fmt.Fprint(w, fill.Replace(rootUsage))
	fmt.Fprintln(w, "\nCommands:")
	writeCommandList(w, root)
	fmt.Fprintf(w, "\nProviders (KIND):\n%s", providers.String())
	fmt.Fprint(w, fill.Replace(rootEnvironment))
	own, global := splitFlags(root)
	fmt.Fprintln(w, "\nFlags:")
	writeFlags(w, own)
	fmt.Fprintln(w, "\nProfile flags (which system to talk to):")
	writeFlags(w, global)
	fmt.Fprint(w, fill.Replace(profileHelp))
	fmt.Fprint(w, exitHelp)
}

// writeCommandList lists cmd's subcommands with their summaries.
func writeCommandList(w io.Writer, cmd *cobra.Command) {
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() || c.Name() == "help" {
			fmt.Fprintf(w, "  %-11s %s\n", c.Name(), c.Short)
		}
	}
}

// splitFlags separates a command's own flags, in the order they were
// defined and --help last, from the profile flags.
func splitFlags(cmd *cobra.Command) (own, global []*pflag.Flag) {
	cmd.InitDefaultHelpFlag()
	var help *pflag.Flag
	cmd.Flags().SortFlags = false
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		switch {
		case f.Hidden:
		case f.Name == "help":
			help = f
		case isProfileFlag(f):
			global = append(global, f)
		default:
			own = append(own, f)
		}
	})
	if help != nil {
		own = append(own, help)
	}
	return own, global
}

// writeFlags prints flags GNU-style, one a line, the usage texts aligned;
// a usage text's line breaks are kept, indented.
func writeFlags(w io.Writer, flags []*pflag.Flag) {
	rows := make([][2]string, len(flags))
	width := 0
	shorthands := slices.ContainsFunc(flags, func(f *pflag.Flag) bool { return f.Shorthand != "" })
	for i, f := range flags {
		name, usage := pflag.UnquoteUsage(f)
		left := "--" + f.Name
		switch {
		case f.Shorthand != "":
			left = "-" + f.Shorthand + ", " + left
		case shorthands:
			left = "    " + left // aligned with the long form of -h, --help
		}
		if name != "" && f.Value.Type() != "bool" {
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
  Without these: $TOKENTUI_URL with $TOKENTUI_TOKEN ({{legacy}}), else the default
  profile of $XDG_CONFIG_HOME/tokentui/config.yaml (~/.config/tokentui/config.yaml).
  With --demo the command runs against fresh in-process emulators: their
  tokens are made up and nothing you do persists between runs.
`

const exitHelp = `
Exit codes: 0 ok, 1 API error or findings, 2 usage or profile error (also
answering n to a confirmation: nothing was done), 3 the admin token is
missing, refused or lacks a permission, 4 a create or revoke may have been
carried out but its answer was lost (check with list before retrying).
`
