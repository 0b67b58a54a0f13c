package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator"
	"github.com/tokentui/tokentui/tui/exitcode"
)

func TestCheckFindingsExit1(t *testing.T) {
	r := run(t, runOpts{}, "check", "--demo")
	if r.code != exitcode.Failure {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	for _, kind := range []string{findingExpired, findingExpiring, findingNoExpiry, findingNoIPLimit, findingCreatesTokens} {
		if !strings.Contains(r.out, kind) {
			t.Errorf("the demo seed should give a %s finding:\n%s", kind, r.out)
		}
	}
	if !strings.Contains(r.err, "finding(s) in") {
		t.Errorf("no summary on stderr: %q", r.err)
	}
	// Border0 has no IP restrictions: never a no-ip-restriction finding.
	if r := run(t, runOpts{}, "check", "--demo", "--provider", "border0"); strings.Contains(r.out, findingNoIPLimit) {
		t.Errorf("IP finding on Border0:\n%s", r.out)
	}
}

func TestCheckJSON(t *testing.T) {
	r := run(t, runOpts{}, "check", "--demo", "--json", "--within", "2w")
	if r.code != exitcode.Failure {
		t.Fatalf("exit %d", r.code)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(r.out), &v); err != nil {
		t.Fatal(err)
	}
	if keys(v) != "checked_at,findings,ignored,last_use_reported,profile,provider,tokens_checked,unused_seconds,within_seconds" {
		t.Fatalf("keys %s", keys(v))
	}
	if v["within_seconds"].(float64) != 14*24*3600 || v["provider"] != "goodaccess" || v["profile"] != "demo-goodaccess" {
		t.Errorf("%v", v)
	}
	findings := v["findings"].([]any)
	if len(findings) == 0 {
		t.Fatal("no findings")
	}
	for _, f := range findings {
		if k := keys(f.(map[string]any)); k != "detail,expires_at,finding,id,name,profile" {
			t.Fatalf("finding keys %s", k)
		}
	}
}

func TestCheckWindowWidensExpiring(t *testing.T) {
	count := func(within string) int {
		var v struct{ Findings []struct{ Finding string } }
		json.Unmarshal([]byte(run(t, runOpts{}, "check", "--demo", "--json", "--within", within).out), &v)
		n := 0
		for _, f := range v.Findings {
			if f.Finding == findingExpiring {
				n++
			}
		}
		return n
	}
	if narrow, wide := count("1d"), count("400d"); wide <= narrow {
		t.Errorf("expiring within 1d: %d, within 400d: %d", narrow, wide)
	}
}

func TestCheckCleanExit0(t *testing.T) {
	g := goodAccess(t, emulator.GoodAccessOptions{NoSeed: true})
	_, careful := g.IssueToken("careful", []string{"token.read-all", "token.delete"}, testNow.Add(90*24*time.Hour), []string{"127.0.0.1", "::1"})
	o, flags := against("goodaccess", g.URL, careful)
	// The emulator's admin token is a finding (no expiry, every scope):
	// revoke it with the careful one, leaving only the careful token.
	list := decodeList(t, run(t, o, args("list", flags, "--json", "--filter", "admin")...).out)
	if len(list) != 1 {
		t.Fatalf("admin tokens: %d", len(list))
	}
	if r := run(t, o, args("revoke", flags, list[0]["id"].(string), "--yes")...); r.code != 0 {
		t.Fatalf("revoke admin: %d %s", r.code, r.err)
	}
	r := run(t, o, args("check", flags)...)
	if r.code != exitcode.OK || r.out != "" || !strings.Contains(r.err, "0 finding(s) in 1 token(s)") {
		t.Fatalf("exit %d out %q err %q", r.code, r.out, r.err)
	}
	if r := run(t, o, args("check", flags, "--within", "100d")...); r.code != exitcode.Failure || !strings.Contains(r.out, findingExpiring) {
		t.Fatalf("within 100d: exit %d out %q", r.code, r.out)
	}
}

func TestCheckUsage(t *testing.T) {
	if r := run(t, runOpts{}, "check", "--demo", "--within", "0d"); r.code != exitcode.Usage {
		t.Errorf("exit %d", r.code)
	}
}

// A token is called unused only where the API reports last use.
func TestCheckUnusedOnlyWhereUseIsReported(t *testing.T) {
	ga := run(t, runOpts{}, "check", "--demo", "--unused", "3d")
	if !strings.Contains(ga.out, findingUnused) || strings.Contains(ga.err, "does not report") {
		t.Errorf("GoodAccess reports last use; hr-onboarding-bot, last used 4d ago, is unused for 3d:\n%s\n%s", ga.out, ga.err)
	}
	b0 := run(t, runOpts{}, "check", "--demo", "--provider", "border0", "--unused", "1d", "--json")
	var v struct {
		LastUseReported bool `json:"last_use_reported"`
		Findings        []struct{ Finding string }
	}
	if err := json.Unmarshal([]byte(b0.out), &v); err != nil {
		t.Fatal(err)
	}
	if v.LastUseReported {
		t.Error("Border0 does not report last use, yet last_use_reported is true")
	}
	for _, f := range v.Findings {
		if f.Finding == findingUnused {
			t.Fatal("a Border0 token, whose use is unknown, was called unused")
		}
	}
	if !strings.Contains(b0.err, "Border0 does not report when a token was last used") {
		t.Errorf("stderr does not say why nothing is unused: %q", b0.err)
	}
}

// A known finding is left out by --ignore (ID, prefix or name, with or
// without its kind) or the profile's check_ignore, and says so.
func TestCheckIgnoresKnownFindings(t *testing.T) {
	admin := "tokentui demo admin"
	base := run(t, runOpts{}, "check", "--demo", "--json")
	count := func(r result, name, kind string) int {
		var v struct {
			Findings []struct{ Finding, Name string }
		}
		if err := json.Unmarshal([]byte(r.out), &v); err != nil {
			t.Fatalf("%v: %s", err, r.out)
		}
		n := 0
		for _, f := range v.Findings {
			if f.Name == name && (kind == "" || f.Finding == kind) {
				n++
			}
		}
		return n
	}
	if count(base, admin, findingNoExpiry) != 1 {
		t.Fatalf("the demo admin token should have no-expiry:\n%s", base.out)
	}
	one := run(t, runOpts{}, "check", "--demo", "--json", "--ignore", admin+":"+findingNoExpiry)
	if count(one, admin, findingNoExpiry) != 0 || count(one, admin, findingCreatesTokens) != 1 || !strings.Contains(one.err, "; 1 ignored") {
		t.Errorf("--ignore NAME:KIND left out the wrong findings (stderr %q):\n%s", one.err, one.out)
	}
	all := run(t, runOpts{}, "check", "--demo", "--json", "--ignore", admin)
	if count(all, admin, "") != 0 {
		t.Errorf("--ignore NAME kept findings:\n%s", all.out)
	}
	stale := run(t, runOpts{}, "check", "--demo", "--ignore", "no-such-token")
	if !strings.Contains(stale.err, `ignore "no-such-token" matches no token`) {
		t.Errorf("a stale ignore is not mentioned: %q", stale.err)
	}

	// The same from the config file, by ID prefix.
	g := goodAccess(t, emulator.GoodAccessOptions{NoSeed: true})
	o, flags := against("goodaccess", g.URL, g.AdminToken)
	list := decodeList(t, run(t, o, args("list", flags, "--json")...).out)
	if len(list) != 1 {
		t.Fatalf("tokens: %d", len(list))
	}
	home := t.TempDir()
	os.MkdirAll(filepath.Join(home, "tokentui"), 0o700)
	cfg := "profiles:\n  ga:\n    provider: goodaccess\n    url: " + g.URL + "\n    token_env: GA\n    check_ignore: [\"" + list[0]["id"].(string)[:8] + "\"]\n"
	if err := os.WriteFile(filepath.Join(home, "tokentui", "config.yaml"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	r := run(t, runOpts{env: map[string]string{"XDG_CONFIG_HOME": home, "GA": g.AdminToken}}, "check")
	if r.code != exitcode.OK || !strings.Contains(r.err, "0 finding(s) in 1 token(s) on ga") || !strings.Contains(r.err, "ignored") {
		t.Errorf("check_ignore: exit %d out %q err %q", r.code, r.out, r.err)
	}
}

// unused: no use within --unused, where the provider reports last use.
func TestCheckUnused(t *testing.T) {
	now := testNow
	day := 24 * time.Hour
	tok := func(lastUsed, created time.Duration) client.Token {
		t := client.Token{ID: "x", Name: "x", CreatedAt: now.Add(-created), ExpiresAt: now.Add(30 * day)}
		if lastUsed > 0 {
			t.LastUsedAt = now.Add(-lastUsed)
		}
		return t
	}
	for _, c := range []struct {
		name         string
		tok          client.Token
		reports, hit bool
		detail       string
	}{
		{"used yesterday", tok(day, 400*day), true, false, ""},
		{"last used 120 days ago", tok(120*day, 400*day), true, true, "last used"},
		{"never used, created long ago", tok(0, 200*day), true, true, "never used; created"},
		{"never used, created last week", tok(0, 7*day), true, false, ""},
		{"the provider does not say", tok(0, 200*day), false, false, ""},
	} {
		f, ok := unusedFinding(c.tok, now, 90*day, c.reports)
		if ok != c.hit || !strings.Contains(f.Detail, c.detail) {
			t.Errorf("%s: %v %q", c.name, ok, f.Detail)
		}
	}
	r := run(t, runOpts{}, "check", "--demo", "--provider", "border0", "--unused", "1d")
	if !strings.Contains(r.err, "Border0 does not report when a token was last used") || strings.Contains(r.out, findingUnused) {
		t.Errorf("Border0: out %q err %q", r.out, r.err)
	}
	if r := run(t, runOpts{}, "check", "--demo", "--unused", "1d"); !strings.Contains(r.out, findingUnused) {
		t.Errorf("no unused finding in the GoodAccess demo with --unused 1d:\n%s", r.out)
	}
}
