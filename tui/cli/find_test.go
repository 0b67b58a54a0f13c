package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client/emulator"
	"github.com/tokentui/tokentui/client/history"
	"github.com/tokentui/tokentui/client/hostile/leak"
	"github.com/tokentui/tokentui/tui/exitcode"
)

// fourProfiles adds a live Border0 profile to threeProfiles' (whose
// Border0 profile is down) and keeps history in a directory of its own.
func fourProfiles(t *testing.T) (threeProfiles, *emulator.Border0, string) {
	t.Helper()
	p := withThreeProfiles(t, true)
	b := border0Server(t)
	cfgPath := filepath.Join(p.opts.env["XDG_CONFIG_HOME"], "tokentui", "config.yaml")
	cfg, _ := os.ReadFile(cfgPath)
	cfg = append(cfg, "  b0: {provider: border0, url: \""+b.URL+"\", token_env: B0LIVE}\n"...)
	if err := os.WriteFile(cfgPath, cfg, 0o600); err != nil {
		t.Fatal(err)
	}
	p.opts.env["B0LIVE"] = b.AdminToken
	state := t.TempDir()
	p.opts.env["XDG_STATE_HOME"] = state
	return p, b, filepath.Join(state, "tokentui", "history.jsonl")
}

// noLeak fails if any run of 12 characters of secret is in the text (an
// Unleash secret's readable "projects:environment." prefix aside, which
// every mask shows).
func noLeak(t *testing.T, what, text, secret string) {
	t.Helper()
	if i := strings.LastIndexByte(secret, '.'); strings.Contains(secret, ":") && i > 0 {
		secret = secret[i+1:]
	}
	if run := leak.Run(text, secret, 12); run != "" {
		t.Fatalf("%s holds the secret (%q):\n%s", what, run, text)
	}
}

func TestFindTellsWhichProfileAndToken(t *testing.T) {
	p, b, _ := fourProfiles(t)
	unSecret := p.un.IssueToken("leaked-unleash", "client", []string{"default"}, "production", time.Time{})
	b0ID, b0Secret := b.IssueToken("leaked-border0", "member", time.Time{})
	_, gaSecret := p.ga.IssueToken("leaked-ga", []string{"logs.read"}, time.Time{}, nil)

	o := p.opts
	o.stdin = unSecret + "\n"
	r := run(t, o, "find")
	if r.code != exitcode.OK {
		t.Fatalf("exit %d (a token found is 0, whatever profile is down)\n%s\n%s", r.code, r.out, r.err)
	}
	if !strings.Contains(r.out, "un       Unleash     found") || !strings.Contains(r.out, "leaked-unleash") {
		t.Errorf("table:\n%s", r.out)
	}
	// The Border0 profile down was not asked: an Unleash secret is not
	// Border0's, which needs no list to say.
	if strings.Contains(r.err, "profile down") || !strings.Contains(r.err, "tokentui revoke --profile un ") {
		t.Errorf("stderr: %s", r.err)
	}
	noLeak(t, "stdout", r.out, unSecret)
	noLeak(t, "stderr", r.err, unSecret)

	o.stdin = b0Secret
	r = run(t, o, "find", "--json")
	var out struct {
		Found   int
		Results []struct {
			Profile, Result string
			Token           map[string]any
		}
	}
	if err := json.Unmarshal([]byte(r.out), &out); err != nil {
		t.Fatalf("%v\n%s", err, r.out)
	}
	verdicts := map[string]string{}
	for _, res := range out.Results {
		verdicts[res.Profile] = res.Result
		if res.Result == "found" && (res.Token == nil || res.Token["id"] != b0ID || res.Token["profile"] != "b0" || res.Token["provider"] != "border0") {
			t.Errorf("found %+v", res.Token)
		}
	}
	if out.Found != 1 || verdicts["b0"] != "found" || verdicts["ga"] != "not-here" || verdicts["un"] != "not-here" || verdicts["down"] != "failed" {
		t.Fatalf("verdicts %v", verdicts)
	}
	noLeak(t, "find --json", r.out, b0Secret)
	if r.code != exitcode.OK || !strings.Contains(r.err, "profile down (Border0)") {
		t.Errorf("found, with a Border0 profile down: exit %d, stderr %s", r.code, r.err)
	}

	// GoodAccess keeps nothing of a secret: said plainly, exit 1.
	o.stdin = gaSecret
	r = run(t, o, "find")
	if r.code != exitcode.Failure || !strings.Contains(r.out, "cannot tell") || !strings.Contains(r.out, "GoodAccess's API keeps no secret") {
		t.Fatalf("exit %d\n%s", r.code, r.out)
	}
	noLeak(t, "stdout", r.out, gaSecret)

	if r := run(t, o, "find", gaSecret); r.code != exitcode.Usage || strings.Contains(r.err, gaSecret[5:]) {
		t.Errorf("a secret as an argument: exit %d %s", r.code, r.err)
	}
}

func TestFindRevokeRevokesItOnItsProfileAndKeepsHistory(t *testing.T) {
	p, _, historyPath := fourProfiles(t)
	secret := p.un.IssueToken("leaked", "client", []string{"default"}, "production", time.Time{})
	o := p.opts
	o.stdin = secret
	if r := run(t, o, "find", "--revoke"); r.code != exitcode.Usage || !strings.Contains(r.err, "--yes") {
		t.Fatalf("without a terminal or --yes: exit %d %s", r.code, r.err)
	}
	r := run(t, o, "find", "--revoke", "--yes")
	if r.code != exitcode.OK || !strings.Contains(r.out, "revoked ") || !strings.Contains(r.err, "on un") {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.out, r.err)
	}
	if strings.Contains(run(t, p.opts, "list", "--profile", "un").out, "leaked") {
		t.Fatal("still listed after find --revoke")
	}
	o.stdin = secret
	if r := run(t, o, "find"); r.code != exitcode.Failure || !strings.Contains(r.out, "not listed") {
		t.Errorf("a revoked secret: exit %d\n%s", r.code, r.out)
	}
	recs, _, err := (&history.File{Path: historyPath}).Read()
	if err != nil || len(recs) != 1 || recs[0].Action != "revoke" || recs[0].Profile != "un" || recs[0].Provider != "unleash" || recs[0].Name != "leaked" || recs[0].Via != "cli" {
		t.Fatalf("history %+v %v", recs, err)
	}
	raw, _ := os.ReadFile(historyPath)
	noLeak(t, "the history", string(raw), secret)
}

// Without a config file, find asks the profile the environment names.
func TestFindWithoutAConfigAsksTheEnvironmentsProfile(t *testing.T) {
	u := unleashServer(t)
	secret := u.IssueToken("leaked", "client", []string{"default"}, "production", time.Time{})
	r := run(t, runOpts{env: map[string]string{"UNLEASH_ADMIN_TOKEN": u.AdminToken}, stdin: secret}, "find", "--provider", "unleash", "--url", u.URL)
	if r.code != exitcode.OK || !strings.Contains(r.out, "found") || !strings.Contains(r.out, "leaked") {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.out, r.err)
	}
}

func TestFindWithOnlyTheLegacyEnvironment(t *testing.T) {
	g := goodAccess(t, emulator.GoodAccessOptions{NoSeed: true})
	_, secret := g.IssueToken("leaked", []string{"token.read"}, time.Time{}, nil)
	r := run(t, runOpts{env: map[string]string{"TOKENTUI_URL": g.URL, "TOKENTUI_TOKEN": g.AdminToken}, stdin: secret}, "find")
	if r.code != exitcode.Failure || !strings.Contains(r.out, "cannot tell") {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.out, r.err)
	}
}
