// Command tokentui is a terminal dashboard for the API tokens of GoodAccess,
// Border0 and Unleash.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/fake"
	"github.com/tokentui/tokentui/client/goodaccess"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui"
)

// Exit codes: 2 is a usage problem the user can fix on the command line.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Getenv, os.Stderr))
}

// config is what the command line and environment asked for.
type config struct {
	demo     bool
	url      string
	token    string
	insecure bool
}

const usage = `tokentui — manage API tokens from the terminal

Usage:
  tokentui --demo                 try it on a built-in GoodAccess emulator
  tokentui [--url URL] [--insecure]

Environment:
  TOKENTUI_URL     GoodAccess API base URL (or --url)
  TOKENTUI_TOKEN   admin token; read from the environment only, so it never
                   shows in the process list or shell history
  NO_COLOR         disable colours

Flags:
`

// parseFlags reads the flags and the environment. It returns flag.ErrHelp
// for --help (usage already printed to stderr).
func parseFlags(args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("tokentui", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	fs.BoolVar(&cfg.demo, "demo", false, "open the dashboard on a built-in GoodAccess emulator with demo data")
	fs.StringVar(&cfg.url, "url", "", "GoodAccess API base URL (default $TOKENTUI_URL)")
	fs.BoolVar(&cfg.insecure, "insecure", false, "allow plain http:// to a host that is not loopback (sends the admin token unencrypted)")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q (see --help)", fs.Arg(0))
	}
	if cfg.demo {
		return cfg, nil
	}
	if cfg.url == "" {
		cfg.url = getenv("TOKENTUI_URL")
	}
	cfg.url = strings.TrimRight(strings.TrimSpace(cfg.url), "/")
	cfg.token = strings.TrimSpace(getenv("TOKENTUI_TOKEN"))
	switch {
	case cfg.url == "" && cfg.token == "":
		return cfg, errors.New("no API to talk to: set TOKENTUI_URL (or --url) and TOKENTUI_TOKEN, or try --demo")
	case cfg.url == "":
		return cfg, errors.New("no API URL: set TOKENTUI_URL or pass --url")
	case cfg.token == "":
		return cfg, errors.New("no admin token: set TOKENTUI_TOKEN")
	}
	if err := checkURL(cfg.url, cfg.insecure); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// checkURL refuses what would leak the admin token: plain http to another
// machine (unless --insecure), credentials or queries in the URL.
func checkURL(raw string, insecure bool) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("%q is not an http(s) URL such as https://integration.goodaccess.com", client.Sanitize(raw))
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return errors.New("the URL must be a plain base URL, without user:password, ?query or #fragment")
	}
	if u.Scheme == "http" && !insecure && !isLoopback(u.Hostname()) {
		return fmt.Errorf("refusing plain http to %s: the admin token would cross the network unencrypted; use https, or --insecure if you accept that",
			client.Sanitize(u.Hostname()))
	}
	return nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func run(args []string, getenv func(string) string, stderr io.Writer) int {
	cfg, err := parseFlags(args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintln(stderr, "tokentui:", err)
		return exitUsage
	}
	theme.Init()

	opts, closeFn, err := connect(cfg)
	if err != nil {
		fmt.Fprintln(stderr, "tokentui:", err)
		return exitError
	}
	defer closeFn()
	if err := runTUI(opts); err != nil {
		fmt.Fprintln(stderr, "tokentui:", err)
		return exitError
	}
	return exitOK
}

// connect builds the provider the dashboard opens on; closeFn releases what
// it started (the demo emulator).
func connect(cfg config) (opts tui.Options, closeFn func(), err error) {
	if cfg.demo {
		ga, err := fake.NewGoodAccess(fake.GoodAccessOptions{})
		if err != nil {
			return opts, nil, fmt.Errorf("starting the demo emulator: %w", err)
		}
		p, err := goodaccess.New(client.Connection{BaseURL: ga.URL, Token: ga.AdminToken})
		if err != nil {
			ga.Close()
			return opts, nil, err
		}
		return tui.Options{Provider: p, ProfileLabel: "demo · GoodAccess", URL: ga.URL, Demo: true}, ga.Close, nil
	}
	p, err := goodaccess.New(client.Connection{BaseURL: cfg.url, Token: cfg.token})
	if err != nil {
		return opts, nil, err
	}
	return tui.Options{Provider: p, ProfileLabel: "GoodAccess", URL: cfg.url}, func() {}, nil
}

// runTUI runs the dashboard until the user quits.
func runTUI(opts tui.Options) error {
	_, err := tea.NewProgram(tui.New(opts), tea.WithAltScreen()).Run()
	return err
}
