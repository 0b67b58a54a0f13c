package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client/emulator"
	"github.com/tokentui/tokentui/tui/exitcode"
)

func TestUnauthorizedExits3(t *testing.T) {
	g := goodAccess(t, emulator.GoodAccessOptions{NoSeed: true})
	o, flags := against("goodaccess", g.URL, "ga_wrong")
	r := run(t, o, args("list", flags)...)
	if r.code != exitcode.Auth || !strings.Contains(r.err, "refused") {
		t.Fatalf("401: exit %d err %q", r.code, r.err)
	}
	if strings.Contains(r.err, "ga_wrong") {
		t.Fatal("the token is echoed")
	}
}

func TestForbiddenExits3(t *testing.T) {
	g := goodAccess(t, emulator.GoodAccessOptions{NoSeed: true})
	_, weak := g.IssueToken("weak", []string{"members.read"}, time.Time{}, nil)
	o, flags := against("goodaccess", g.URL, weak)
	r := run(t, o, args("list", flags)...)
	if r.code != exitcode.Auth || !strings.Contains(r.err, "token.read-all") {
		t.Fatalf("403: exit %d err %q", r.code, r.err)
	}
}

func TestMissingTokenExits3(t *testing.T) {
	r := run(t, runOpts{}, "list", "--provider", "border0")
	if r.code != exitcode.Auth || !strings.Contains(r.err, "TOKENTUI_TOKEN") || !strings.Contains(r.err, "BORDER0_ADMIN_TOKEN") {
		t.Fatalf("exit %d err %q", r.code, r.err)
	}
}

func TestUnreachableServerExits1(t *testing.T) {
	r := run(t, runOpts{env: map[string]string{"TOKENTUI_TOKEN": "x"}}, "list", "--provider", "unleash", "--url", "http://127.0.0.1:1")
	if r.code != exitcode.Failure {
		t.Fatalf("exit %d err %q", r.code, r.err)
	}
}

func TestNoProfileExits2WithAdvice(t *testing.T) {
	r := run(t, runOpts{}, "list")
	if r.code != exitcode.Usage || !strings.Contains(r.err, "tokentui --demo") || !strings.Contains(r.err, "config.yaml") {
		t.Fatalf("exit %d err %q", r.code, r.err)
	}
}

func TestConfigProfileIsUsed(t *testing.T) {
	g := goodAccess(t, emulator.GoodAccessOptions{NoSeed: true})
	home := t.TempDir()
	dir := filepath.Join(home, "tokentui")
	os.MkdirAll(dir, 0o700)
	cfg := "default: ga\nprofiles:\n  ga: {provider: goodaccess, url: " + g.URL + ", token_env: MY_GA}\n"
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	r := run(t, runOpts{env: map[string]string{"XDG_CONFIG_HOME": home, "MY_GA": g.AdminToken}}, "list", "--json")
	if r.code != 0 || len(decodeList(t, r.out)) != g.Len() {
		t.Fatalf("exit %d err %q", r.code, r.err)
	}
	r = run(t, runOpts{env: map[string]string{"XDG_CONFIG_HOME": home}}, "list", "--profile", "nope")
	if r.code != exitcode.Usage || !strings.Contains(r.err, "ga") {
		t.Fatalf("unknown profile: exit %d err %q", r.code, r.err)
	}
}

func TestInsecureHTTPRefused(t *testing.T) {
	r := run(t, runOpts{env: map[string]string{"TOKENTUI_TOKEN": "x"}}, "list", "--provider", "unleash", "--url", "http://unleash.corp.example")
	if r.code != exitcode.Usage || !strings.Contains(r.err, "--insecure") {
		t.Fatalf("exit %d err %q", r.code, r.err)
	}
}

func TestTopLevelUsage(t *testing.T) {
	// Without a dashboard (this package's tests), plain `tokentui` is a
	// usage error that shows the overview on stderr.
	if r := run(t, runOpts{}); r.code != exitcode.Usage || !strings.Contains(r.err, "Commands:") || r.out != "" {
		t.Errorf("no args: %d %q", r.code, r.err)
	}
	if r := run(t, runOpts{}, "frobnicate"); r.code != exitcode.Usage || r.out != "" || !strings.Contains(r.err, `tokentui: unknown command "frobnicate"`) || !strings.Contains(r.err, "Run 'tokentui --help'") {
		t.Errorf("unknown: %d %q", r.code, r.err)
	}
	if r := run(t, runOpts{}, "lst"); !strings.Contains(r.err, "did you mean list?") {
		t.Errorf("a near miss is not suggested: %q", r.err)
	}
	for _, help := range [][]string{{"help"}, {"--help"}, {"-h"}} {
		r := run(t, runOpts{}, help...)
		if r.code != 0 || r.err != "" || !strings.Contains(r.out, "revoke") || !strings.Contains(r.out, "completion") || !strings.Contains(r.out, "Exit codes") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", help, r.code, r.out, r.err)
		}
	}
	if r := run(t, runOpts{}, "help", "check"); r.code != 0 || !strings.Contains(r.out, "--within") {
		t.Errorf("help check: %d %q", r.code, r.out)
	}
	for _, argv := range [][]string{{"completion"}, {"completion", "tcsh"}} {
		if r := run(t, runOpts{}, argv...); r.code != exitcode.Usage || r.out != "" || !strings.Contains(r.err, "bash, zsh, fish, powershell") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", argv, r.code, r.out, r.err)
		}
	}
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		if r := run(t, runOpts{}, "completion", shell); r.code != 0 || !strings.Contains(r.out, "tokentui") || !strings.Contains(r.out, "__complete") {
			t.Errorf("completion %s: exit %d, %d bytes", shell, r.code, len(r.out))
		}
	}
	if r := run(t, runOpts{}, "help", "nope"); r.code != exitcode.Usage || r.out != "" || !strings.Contains(r.err, `unknown command "nope"`) {
		t.Errorf("help nope: %d %q %q", r.code, r.out, r.err)
	}
}

// commandsWithProfile are the commands that talk to a token system.
var commandsWithProfile = []string{"list", "create", "revoke", "check", "scopes"}

func TestEveryCommandHasHelpOnStdout(t *testing.T) {
	for _, name := range append(slices.Clone(commandsWithProfile), "inspect", "version", "auth", "auth set", "auth delete") {
		for _, spelling := range []string{"--help", "-h"} {
			r := run(t, runOpts{}, append(strings.Fields(name), spelling)...)
			if r.code != 0 || r.err != "" || !strings.Contains(r.out, "Usage:\n  tokentui "+name) || !strings.Contains(r.out, "Exit codes") {
				t.Errorf("%s %s: exit %d, stderr %q\n%s", name, spelling, r.code, r.err, r.out)
			}
		}
		r := run(t, runOpts{}, append([]string{"help"}, strings.Fields(name)...)...)
		if r.code != 0 || !strings.Contains(r.out, "Usage:\n  tokentui "+name) {
			t.Errorf("help %s: exit %d\n%s", name, r.code, r.out)
		}
	}
	for _, name := range commandsWithProfile {
		r := run(t, runOpts{}, name, "--help")
		for _, want := range []string{"Profile flags", "--demo", "--profile NAME", "--provider KIND", "--ca-file FILE"} {
			if !strings.Contains(r.out, want) {
				t.Errorf("%s --help lacks %q", name, want)
			}
		}
	}
	if r := run(t, runOpts{}, "inspect", "--help"); strings.Contains(r.out, "--profile") {
		t.Error("inspect needs no profile, yet its help offers the profile flags")
	}
}

func TestFlagsAreGNUStyle(t *testing.T) {
	g := goodAccess(t, emulator.GoodAccessOptions{NoSeed: true})
	o, _ := against("goodaccess", g.URL, g.AdminToken)
	// --flag value, --flag=value, and flags after arguments.
	for _, argv := range [][]string{
		{"list", "--provider", "goodaccess", "--url", g.URL, "--json"},
		{"list", "--provider=goodaccess", "--url=" + g.URL, "--json"},
		{"list", "--json", "--provider", "goodaccess", "--url", g.URL},
	} {
		if r := run(t, o, argv...); r.code != 0 || !strings.HasPrefix(r.out, "[") {
			t.Errorf("%v: exit %d err %q", argv, r.code, r.err)
		}
	}
	// Go-style single-dash long flags are gone: they read as shorthands.
	for argv, want := range map[string]string{
		"list -demo":           "unknown shorthand flag: 'd' in -demo",
		"list --nope":          "unknown flag: --nope",
		"check --within":       "flag needs an argument: --within",
		"revoke --yes=maybe x": `invalid argument "maybe" for "--yes" flag`,
	} {
		r := run(t, runOpts{}, strings.Fields(argv)...)
		cmd := "tokentui " + strings.Fields(argv)[0]
		if r.code != exitcode.Usage || r.out != "" || !strings.Contains(r.err, cmd+": "+want) || !strings.Contains(r.err, "Run '"+cmd+" --help' for usage.") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", argv, r.code, r.out, r.err)
		}
	}
}

func TestFlagOnlyCommandsRefuseArguments(t *testing.T) {
	cases := map[string]string{
		"list":   `list takes no arguments (got "extra"); to search, use --filter`,
		"check":  `check takes no arguments (got "extra")`,
		"scopes": `scopes takes no arguments (got "extra")`,
		"create": `create takes no arguments (got "extra"); give the name with --name`,
	}
	for name, want := range cases {
		r := run(t, runOpts{}, name, "--demo", "extra")
		if r.code != exitcode.Usage || r.out != "" || !strings.Contains(r.err, "tokentui "+name+": "+want+"\n") || !strings.Contains(r.err, "--help") {
			t.Errorf("%s extra: exit %d, stderr %q", name, r.code, r.err)
		}
	}
}
