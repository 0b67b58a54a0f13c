// Package launch starts the dashboard: it is the root command's behaviour
// in tui/cli's command tree (a plain `tokentui`): its own flags, profile
// selection, and tui.Options for the program. It lives outside package main
// so it can be tested like any other package and main.go stays a
// dispatcher.
package launch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tokentui/tokentui/client/emulator/demo"
	"github.com/tokentui/tokentui/client/history"
	"github.com/tokentui/tokentui/client/profile"
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
	start       func(tui.Options) error
	clearAfter  string
	refresh     string
	allProfiles bool
}

func (d *dashboard) AddFlags(root *cobra.Command) {
	root.Flags().StringVar(&d.clearAfter, "clear-after", "", "clear a copied secret from the clipboard after `DURATION` (45s, 2m; 0 = never;\ndefault $TOKENTUI_CLEAR_AFTER or 45s)")
	root.Flags().StringVar(&d.refresh, "refresh", "", "reload the list every `DURATION` (30s, 1m, 5m; at least 5s; default: only on r)")
	root.Flags().BoolVar(&d.allProfiles, "all-profiles", false, "show every profile of the config file in one table (with --demo, every demo profile)")
	choices := []cobra.Completion{
		cobra.CompletionWithDesc("45s", "the default"), cobra.CompletionWithDesc("2m", "two minutes"), cobra.CompletionWithDesc("0", "never"),
	}
	if err := root.RegisterFlagCompletionFunc("clear-after", cobra.FixedCompletions(choices, cobra.ShellCompDirectiveNoFileComp)); err != nil {
		panic("launch: " + err.Error())
	}
	every := []cobra.Completion{
		cobra.CompletionWithDesc("30s", "every half minute"), cobra.CompletionWithDesc("1m", "every minute"), cobra.CompletionWithDesc("5m", "every five minutes"),
	}
	if err := root.RegisterFlagCompletionFunc("refresh", cobra.FixedCompletions(every, cobra.ShellCompDirectiveNoFileComp)); err != nil {
		panic("launch: " + err.Error())
	}
}

// parseRefresh reads --refresh: a duration of at least tui.MinRefreshEvery,
// "" or 0 for off.
func parseRefresh(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "0" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	switch {
	case err != nil:
		return 0, fmt.Errorf("--refresh %q: use a duration such as 30s, 1m or 5m", s)
	case d < tui.MinRefreshEvery:
		return 0, fmt.Errorf("--refresh %q: at least %s (each refresh lists every token)", s, tui.MinRefreshEvery)
	}
	return d, nil
}

// Run resolves the profiles the flags and environment select and starts
// the dashboard. Every error before the start is one the user fixes with
// flags or config: exit 2.
func (d *dashboard) Run(ctx context.Context, stdio cli.IO, opts profile.Options) int {
	raw := d.clearAfter
	if raw == "" {
		raw = opts.Env("TOKENTUI_CLEAR_AFTER")
	}
	clearAfter, err := cli.ParseClearAfter(raw)
	if err != nil {
		fmt.Fprintln(stdio.Err, "tokentui:", err)
		return exitcode.Usage
	}
	refreshEvery, err := parseRefresh(d.refresh)
	if err != nil {
		fmt.Fprintln(stdio.Err, "tokentui:", err)
		return exitcode.Usage
	}
	opts.StartDemo = demo.Start
	resolve := profile.Resolve
	if d.allProfiles {
		resolve = profile.ResolveAll
	}
	sel, err := resolve(opts)
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
	if err := missingToken(ctx, sel); err != nil {
		// As the scripting commands say it, with their exit code: the
		// dashboard could only show this and wait.
		fmt.Fprintln(stdio.Err, "tokentui:", err)
		return exitcode.Auth
	}
	theme.Init()
	// The dashboard opens the profile itself (its token_command may take
	// seconds): a spinner meanwhile, and a failure it can retry or switch
	// away from.
	tuiOpts := tui.Options{
		Demo:         sel.Demo(),
		ClearAfter:   clearAfter,
		RefreshEvery: refreshEvery,
		Profiles:     sel.Profiles,
		Profile:      sel.SelectedIndex(),
		AllProfiles:  d.allProfiles,
		History:      historyLog(sel.Demo(), opts.Env, stdio),
		ManageMemory: true,
	}
	if err := d.start(tuiOpts); err != nil {
		fmt.Fprintln(stdio.Err, "tokentui:", err)
		return exitcode.Failure
	}
	return exitcode.OK
}

// missingToken is the error of a selected profile whose admin token is
// not there (an unset variable), when it is the only profile: with another
// one, the dashboard opens and p switches to it. A token that may prompt
// (a command, the keychain) is left to the dashboard, behind its spinner.
func missingToken(ctx context.Context, sel *profile.Selection) error {
	p := sel.Selected
	if len(sel.Profiles) != 1 || sel.Demo() || p.TokenMayPrompt() {
		return nil
	}
	_, err := p.Token(ctx)
	var tokErr *profile.TokenError
	if errors.As(err, &tokErr) {
		return err
	}
	return nil
}

// historyLog is where the dashboard keeps what it does: the history file,
// or for the demo, whose tokens live in memory, memory.
func historyLog(isDemo bool, getenv func(string) string, stdio cli.IO) history.Log {
	if isDemo {
		return &history.Memory{}
	}
	path, err := history.DefaultPath(getenv, os.UserHomeDir)
	if err != nil {
		fmt.Fprintln(stdio.Err, "tokentui: warning: no history is kept:", err)
		return nil
	}
	return &history.File{Path: path}
}
