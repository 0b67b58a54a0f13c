package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

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
	if keys(v) != "checked_at,findings,last_use_reported,profile,provider,tokens_checked,unused_seconds,within_seconds" {
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
		if k := keys(f.(map[string]any)); k != "detail,expires_at,finding,id,name" {
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
