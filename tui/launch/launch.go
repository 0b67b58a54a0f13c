// Package launch starts the dashboard: it reads the flags and environment of
// a plain `tokentui` run, resolves the profiles and hands tui.Options to the
// program. It lives outside package main so it can be tested like any other
// package and main.go stays a dispatcher.
package launch

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client/emulator/demo"
	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/client/registry"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui"
	"github.com/tokentui/tokentui/tui/cli"
	"github.com/tokentui/tokentui/tui/exitcode"
)

// config is what the command line and environment asked for.
type config struct {
	profile    profile.Options
	clearAfter time.Duration // negative: never
}

const usage = `tokentui — manage API tokens from the terminal

Usage:
  tokentui --demo                      try it on built-in emulators ({{displayNames}})
  tokentui [--profile NAME]            open a profile from the config file
  tokentui --provider KIND [--url URL] an ad hoc profile; --url alone means {{legacy}}
  tokentui COMMAND [flags]             scripting: {{commands}}
                                       (tokentui help COMMAND for details)

Providers (KIND):
{{providers}}
Environment:
  TOKENTUI_URL, TOKENTUI_TOKEN  a {{legacy}} API and its admin token (the token is
                                read from the environment only, so it never shows
                                in the process list or shell history)
  TOKENTUI_CLEAR_AFTER          default for --clear-after
  NO_COLOR                      disable colours

Flags:
`

// usageText fills the usage with the registry's providers and the
// scripting commands, so no provider is listed by hand.
func usageText() string {
	var names []string
	var rows strings.Builder
	for _, d := range registry.All() {
		names = append(names, d.DisplayName)
		url := d.DefaultURL
		if url == "" {
			url = "self-hosted: --url " + d.URLExample
		}
		fmt.Fprintf(&rows, "  %-12s %s: %s\n  %-12s %s · token from $%s\n", d.Kind, d.DisplayName, d.Can.Summary(),
			"", url, strings.Join(profile.DefaultTokenEnvs(d.Kind), " or $"))
	}
	return strings.NewReplacer(
		"{{displayNames}}", strings.Join(names, ", "),
		"{{legacy}}", registry.Legacy().DisplayName,
		"{{commands}}", strings.Join(cli.Subcommands(), ", "),
		"{{providers}}", rows.String(),
	).Replace(usage)
}

// parseFlags reads the flags and the environment. It returns flag.ErrHelp
// for --help (usage already printed to stderr).
func parseFlags(args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	cfg := config{profile: profile.Options{Env: getenv, StartDemo: demo.Start}}
	fs := flag.NewFlagSet("tokentui", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usageText())
		fs.PrintDefaults()
	}
	cfg.profile.RegisterFlags(fs)
	clearAfter := fs.String("clear-after", "", "clear a copied secret from the clipboard after `DURATION` (45s, 2m; 0 = never; default $TOKENTUI_CLEAR_AFTER or 45s)")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q (see --help)", fs.Arg(0))
	}
	raw := *clearAfter
	if raw == "" {
		raw = getenv("TOKENTUI_CLEAR_AFTER")
	}
	d, err := parseClearAfter(raw)
	if err != nil {
		return cfg, err
	}
	cfg.clearAfter = d
	// Early versions took --url for one provider alone; keep that meaning.
	if cfg.profile.URL != "" && cfg.profile.Provider == "" {
		cfg.profile.Provider = registry.Legacy().Kind
	}
	return cfg, nil
}

// parseClearAfter reads "45s", "2m" or a number of seconds; "0" means never
// (returned as -1, the dialog's "never"), "" the default (0).
func parseClearAfter(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		n, nerr := strconv.Atoi(s)
		if nerr != nil {
			return 0, fmt.Errorf("--clear-after %q: use a duration such as 45s or 2m, or 0 for never", s)
		}
		d = time.Duration(n) * time.Second
	}
	switch {
	case d < 0:
		return 0, fmt.Errorf("--clear-after %q: must not be negative (0 means never)", s)
	case d == 0:
		return -1, nil
	}
	return d, nil
}

// Run turns the command line and environment into the dashboard's options,
// resolves the profiles and calls start with them. It returns the process
// exit code: 2 for anything the user fixes with flags or config.
func Run(args []string, getenv func(string) string, stderr io.Writer, start func(tui.Options) error) int {
	cfg, err := parseFlags(args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitcode.OK
	}
	if err != nil {
		fmt.Fprintln(stderr, "tokentui:", err)
		return exitcode.Usage
	}
	sel, err := profile.Resolve(cfg.profile)
	if err != nil {
		// A NoProfileError explains how to add a profile and that --demo
		// exists; every error here is one the user fixes with flags or config.
		fmt.Fprintln(stderr, "tokentui:", err)
		return exitcode.Usage
	}
	defer sel.Close()
	if sel.ConfigErr != nil {
		fmt.Fprintln(stderr, "tokentui: warning:", sel.ConfigErr)
	}
	theme.Init()
	// The dashboard opens the profile itself (its token_command may take
	// seconds): a spinner meanwhile, and a failure it can retry or switch
	// away from.
	opts := tui.Options{
		Demo:       sel.Demo(),
		ClearAfter: cfg.clearAfter,
		Profiles:   sel.Profiles,
		Profile:    sel.SelectedIndex(),
	}
	if err := start(opts); err != nil {
		fmt.Fprintln(stderr, "tokentui:", err)
		return exitcode.Failure
	}
	return exitcode.OK
}
