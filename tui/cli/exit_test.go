package cli

import (
	"os"
	"path/filepath"
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
	if r := run(t, runOpts{}); r.code != exitcode.Usage || !strings.Contains(r.err, "Commands:") {
		t.Errorf("no args: %d %q", r.code, r.err)
	}
	if r := run(t, runOpts{}, "frobnicate"); r.code != exitcode.Usage || !strings.Contains(r.err, `unknown command "frobnicate"`) {
		t.Errorf("unknown: %d %q", r.code, r.err)
	}
	if r := run(t, runOpts{}, "help"); r.code != 0 || !strings.Contains(r.out, "revoke") {
		t.Errorf("help: %d %q", r.code, r.out)
	}
	if r := run(t, runOpts{}, "help", "check"); r.code != 0 || !strings.Contains(r.out, "--within") {
		t.Errorf("help check: %d %q", r.code, r.out)
	}
	for _, name := range Subcommands() {
		if !IsSubcommand(name) {
			t.Errorf("IsSubcommand(%q) = false", name)
		}
		r := run(t, runOpts{}, name, "--help")
		if r.code != 0 || !strings.Contains(r.out, "Usage:") || !strings.Contains(r.out, "--demo") || !strings.Contains(r.out, "Exit codes") {
			t.Errorf("%s --help: exit %d\n%s", name, r.code, r.out)
		}
	}
	if IsSubcommand("--demo") || IsSubcommand("") {
		t.Error("flags are not subcommands")
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
