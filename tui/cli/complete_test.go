package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client/emulator"
)

// complete asks for completions as the shell scripts do (`tokentui
// __complete ARGS… PARTIAL`) and returns the candidates, without the
// directive line.
func complete(t *testing.T, o runOpts, args ...string) []string {
	t.Helper()
	r := run(t, o, append([]string{"__complete"}, args...)...)
	if r.code != 0 {
		t.Fatalf("__complete %v: exit %d, %s", args, r.code, r.err)
	}
	lines := strings.Split(strings.TrimSuffix(r.out, "\n"), "\n")
	if len(lines) == 0 || !strings.HasPrefix(lines[len(lines)-1], ":") {
		t.Fatalf("__complete %v: no directive in %q", args, r.out)
	}
	// Completion is silent: cobra's own directive note is all stderr holds.
	if strings.TrimSpace(strings.ReplaceAll(r.err, "Completion ended with directive: ShellCompDirectiveNoFileComp", "")) != "" {
		t.Errorf("__complete %v wrote to stderr: %q", args, r.err)
	}
	return lines[:len(lines)-1]
}

// withConfig writes config into a fresh config home and returns the
// environment that reads it.
func withConfig(t *testing.T, config string, env map[string]string) runOpts {
	t.Helper()
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, "tokentui"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, "tokentui", "config.yaml"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	all := map[string]string{"XDG_CONFIG_HOME": home}
	for k, v := range env {
		all[k] = v
	}
	return runOpts{env: all}
}

const twoProfiles = "default: prod\nprofiles:\n" +
	"  prod: {provider: border0, token_env: B0}\n" +
	"  staging: {provider: unleash, url: https://unleash.example.com, token_keyring: true}\n"

func TestCompleteProfileNames(t *testing.T) {
	o := withConfig(t, twoProfiles, nil)
	got := complete(t, o, "list", "--profile", "")
	want := []string{"prod\tBorder0 · https://api.border0.com/api/v1", "staging\tUnleash · https://unleash.example.com"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if got := complete(t, o, "check", "--profile", "st"); len(got) != 1 || !strings.HasPrefix(got[0], "staging\t") {
		t.Errorf("prefix st: %q", got)
	}
	// The root command (the dashboard) takes --profile too, as does the
	// --flag=value spelling.
	if got := complete(t, o, "--profile", ""); len(got) != 2 {
		t.Errorf("tokentui --profile: %q", got)
	}
	if got := complete(t, o, "--demo", "--profile", ""); len(got) != 3 || !strings.HasPrefix(got[0], "demo-goodaccess\t") {
		t.Errorf("with --demo: %q", got)
	}
	if got := complete(t, o, "auth", "set", ""); len(got) != 1 || !strings.HasPrefix(got[0], "staging\t") {
		t.Errorf("auth set offers the keychain profiles only: %q", got)
	}
}

func TestCompleteProvidersFromTheRegistry(t *testing.T) {
	got := complete(t, runOpts{}, "list", "--provider", "")
	if len(got) != 3 || !strings.HasPrefix(got[0], "goodaccess\tGoodAccess") || !strings.HasPrefix(got[2], "unleash\t") {
		t.Errorf("got %q", got)
	}
}

func TestCompleteTokenIDsWithNames(t *testing.T) {
	g := goodAccess(t, emulator.GoodAccessOptions{NoSeed: true})
	a, b := issueTwo(g)
	o, flags := against("goodaccess", g.URL, g.AdminToken)
	var adminID string
	for _, tok := range decodeList(t, run(t, o, args("list", flags, "--json")...).out) {
		if tok["name"] == "tokentui demo admin" {
			adminID = tok["id"].(string)
		}
	}
	got := complete(t, o, args("revoke", flags, "")...)
	// Sorted by name, as list prints them; the emulator's admin token is
	// one of its tokens.
	want := []string{a + "\talpha-bot", b + "\tbeta-bot", adminID + "\ttokentui demo admin"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q\nwant %q", got, want)
	}
	// An id already on the line is not offered again; a prefix narrows.
	if got := complete(t, o, args("revoke", flags, a, adminID, "")...); len(got) != 1 || got[0] != b+"\tbeta-bot" {
		t.Errorf("after %s: %q", a, got)
	}
	if got := complete(t, o, args("revoke", flags, b[:4])...); len(got) != 1 || got[0] != b+"\tbeta-bot" {
		t.Errorf("prefix: %q", got)
	}
	// The demo's tokens, through --demo.
	if got := complete(t, runOpts{}, "revoke", "--demo", ""); len(got) < 10 {
		t.Errorf("demo ids: %q", got)
	}
}

func TestCompletionNeverPrintsASecret(t *testing.T) {
	u := unleashServer(t)
	secret := u.IssueToken("sdk-token", "client", []string{"default"}, "development", time.Time{})
	o, flags := against("unleash", u.URL, u.AdminToken)
	got := strings.Join(complete(t, o, args("revoke", flags, "")...), "\n")
	hash := secret[strings.LastIndex(secret, ".")+1:]
	if !strings.Contains(got, "sdk-token") || strings.Contains(got, hash) || strings.Contains(got, u.AdminToken) {
		t.Fatalf("completion:\n%s", got)
	}
}

func TestCompleteCatalogValues(t *testing.T) {
	scopes := complete(t, runOpts{}, "create", "--demo", "--scope", "")
	if len(scopes) < 40 || !strings.Contains(strings.Join(scopes, "\n"), "token.create\t") {
		t.Errorf("--scope: %d candidates", len(scopes))
	}
	// A comma-separated list completes its last element.
	after := complete(t, runOpts{}, "create", "--demo", "--scope", "members.read,token.")
	for _, c := range after {
		if !strings.HasPrefix(c, "members.read,token.") {
			t.Errorf("--scope members.read,token.: %q", c)
		}
	}
	if len(after) == 0 {
		t.Error("--scope members.read,token.: nothing")
	}
	roles := complete(t, runOpts{}, "create", "--demo", "--profile", "demo-border0", "--role", "")
	if len(roles) == 0 || !strings.HasPrefix(roles[0], "admin\t") {
		t.Errorf("--role: %q", roles)
	}
	un := []string{"create", "--demo", "--profile", "demo-unleash"}
	if got := complete(t, runOpts{}, append(un, "--type", "")...); len(got) != 3 {
		t.Errorf("--type: %q", got)
	}
	if got := complete(t, runOpts{}, append(un, "--project", "")...); len(got) < 2 || got[len(got)-1] != "*\tall projects" {
		t.Errorf("--project: %q", got)
	}
	if got := complete(t, runOpts{}, append(un, "--environment", "")...); len(got) < 2 {
		t.Errorf("--environment: %q", got)
	}
}

func TestCompletionFetchesNoTokenThatMayPrompt(t *testing.T) {
	marker := filepath.Join(t.TempDir(), "ran")
	o := withConfig(t, "profiles:\n  pw: {provider: goodaccess, token_command: \"touch "+marker+"; echo tok\"}\n", nil)
	if got := complete(t, o, "revoke", "--profile", "pw", ""); len(got) != 0 {
		t.Errorf("candidates: %q", got)
	}
	if got := complete(t, o, "create", "--profile", "pw", "--scope", ""); len(got) != 0 {
		t.Errorf("candidates: %q", got)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("completion ran the token_command")
	}
}

func TestCompletionIsSilentOnFailure(t *testing.T) {
	for _, argv := range [][]string{
		{"revoke", "--provider", "unleash", "--url", "http://127.0.0.1:1", ""},            // nothing listens
		{"revoke", "--profile", "nope", ""},                                               // no such profile
		{"create", "--provider", "unleash", "--url", "https://127.0.0.1:1", "--type", ""}, // its catalog needs the server
	} {
		if got := complete(t, runOpts{env: map[string]string{"TOKENTUI_TOKEN": "x"}}, argv...); len(got) != 0 {
			t.Errorf("%v: %q", argv, got)
		}
	}
	o := withConfig(t, "profiles: [broken\n", nil)
	if got := complete(t, o, "list", "--profile", ""); len(got) != 0 {
		t.Errorf("broken config: %q", got)
	}
}

func TestCompleteFixedValues(t *testing.T) {
	if got := complete(t, runOpts{}, "create", "--expires", "n"); len(got) != 1 || !strings.HasPrefix(got[0], "never\t") {
		t.Errorf("--expires: %q", got)
	}
	if got := complete(t, runOpts{}, "check", "--within", ""); len(got) != 5 {
		t.Errorf("--within: %q", got)
	}
	if got := complete(t, runOpts{}, "help", "re"); len(got) != 1 || !strings.HasPrefix(got[0], "revoke\t") {
		t.Errorf("help re: %q", got)
	}
	if got := complete(t, runOpts{}, "li"); len(got) != 1 || !strings.HasPrefix(got[0], "list\t") {
		t.Errorf("li: %q", got)
	}
}
