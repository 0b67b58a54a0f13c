// Package launch starts the dashboard: it is the root command's behaviour
// in tui/cli's command tree (a plain `tokentui`): its own flags, profile
// selection, and tui.Options for the program. It lives outside package main
// so it can be tested like any other package and main.go stays a
// dispatcher.
package launch

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/tokentui/tokentui/client/emulator/demo"
	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/client/registry"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui"
	"github.com/tokentui/tokentui/tui/cli"
	"github.com/tokentui/tokentui/tui/exitcode"
)

// Dashboard is the root command's behaviour for tui/cli: the dashboard's
// own flag (--clear-after), then profile selection and start. start runs
// the program (main passes the Bubble Tea one; tests pass a stand-in).
func Dashboard(start func(tui.Options) error) cli.Dashboard {
	return &dashboard{start: start}
}

type dashboard struct {
	start      func(tui.Options) error
	clearAfter string
}

func (d *dashboard) AddFlags(root *cobra.Command) {
	root.Flags().StringVar(&d.clearAfter, "clear-after", "", "clear a copied secret from the clipboard after `DURATION` (45s, 2m; 0 = never;\ndefault $TOKENTUI_CLEAR_AFTER or 45s)")
	choices := []cobra.Completion{
		cobra.CompletionWithDesc("45s", "the default"), cobra.CompletionWithDesc("2m", "two minutes"), cobra.CompletionWithDesc("0", "never"),
	}
	if err := root.RegisterFlagCompletionFunc("clear-after", cobra.FixedCompletions(choices, cobra.ShellCompDirectiveNoFileComp)); err != nil {
		panic("launch: " + err.Error())
	}
}

// Run resolves the profiles the flags and environment select and starts
// the dashboard. Every error before the start is one the user fixes with
// flags or config: exit 2.
func (d *dashboard) Run(_ context.Context, stdio cli.IO, opts profile.Options) int {
	raw := d.clearAfter
	if raw == "" {
		raw = opts.Env("TOKENTUI_CLEAR_AFTER")
	}
	clearAfter, err := cli.ParseClearAfter(raw)
	if err != nil {
		fmt.Fprintln(stdio.Err, "tokentui:", err)
		return exitcode.Usage
	}
	opts.StartDemo = demo.Start
	// Early versions took --url for one provider alone; keep that meaning.
	if opts.URL != "" && opts.Provider == "" {
		opts.Provider = registry.Legacy().Kind
	}
	sel, err := profile.Resolve(opts)
	if err != nil {
		// A NoProfileError explains how to add a profile and that --demo
		// exists; every error here is one the user fixes with flags or config.
		fmt.Fprintln(stdio.Err, "tokentui:", err)
		return exitcode.Usage
	}
	defer sel.Close()
	if sel.ConfigErr != nil {
		fmt.Fprintln(stdio.Err, "tokentui: warning:", sel.ConfigErr)
	}
	theme.Init()
	// The dashboard opens the profile itself (its token_command may take
	// seconds): a spinner meanwhile, and a failure it can retry or switch
	// away from.
	tuiOpts := tui.Options{
		Demo:       sel.Demo(),
		ClearAfter: clearAfter,
		Profiles:   sel.Profiles,
		Profile:    sel.SelectedIndex(),
	}
	if err := d.start(tuiOpts); err != nil {
		fmt.Fprintln(stdio.Err, "tokentui:", err)
		return exitcode.Failure
	}
	return exitcode.OK
}
