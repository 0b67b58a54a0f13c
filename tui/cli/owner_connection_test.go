package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client/emulator"
	"github.com/tokentui/tokentui/tui/exitcode"
)

// create --owner makes a token of a Border0 service account (by the name
// scopes lists) and refuses a role beside it; list shows the owner.
func TestCreateForAnOwner(t *testing.T) {
	r := run(t, runOpts{}, "scopes", "--demo", "--provider", "border0")
	if r.code != 0 || !strings.Contains(r.out, "--owner NAME") || !strings.Contains(r.out, "ci-deployer") {
		t.Fatalf("scopes: %d %s", r.code, r.out)
	}
	r = run(t, runOpts{}, "create", "--demo", "--provider", "border0", "--name", "x", "--owner", "ci-deployer", "--role", "member")
	if r.code != exitcode.Usage || !strings.Contains(r.err, "acts with its owner's role") {
		t.Errorf("--owner with --role: %d %s", r.code, r.err)
	}
	r = run(t, runOpts{}, "create", "--demo", "--provider", "border0", "--name", "x", "--owner", "nobody")
	if r.code != exitcode.Usage || !strings.Contains(r.err, `no owner "nobody"`) {
		t.Errorf("unknown owner: %d %s", r.code, r.err)
	}
	r = run(t, runOpts{}, "create", "--demo", "--provider", "border0", "--name", "deploy", "--owner", "edge-eu-west", "--json")
	if r.code != 0 {
		t.Fatalf("create for a connector: %d %s", r.code, r.err)
	}
	var v struct {
		Token struct {
			Owner string `json:"owner"`
			Role  string `json:"role"`
		} `json:"token"`
		GrantDifferences []string `json:"grant_differences"`
	}
	if err := json.Unmarshal([]byte(r.out), &v); err != nil || v.Token.Owner != "connector edge-eu-west" || v.Token.Role != "connector" || v.GrantDifferences == nil {
		t.Errorf("created %s (%v)", r.out, err)
	}
	r = run(t, runOpts{}, "list", "--demo", "--provider", "border0", "--filter", "ci-deployer")
	if r.code != 0 || !strings.Contains(r.out, "OWNER") || !strings.Contains(r.out, "gha-production") || strings.Contains(r.out, "terraform-prod") {
		t.Errorf("list --filter by owner: %s", r.out)
	}
}

// check --connection: the provider's own test where it has one, naming a
// refused token (exit 3) or a URL with no API behind it (exit 1).
func TestCheckConnection(t *testing.T) {
	r := run(t, runOpts{}, "check", "--demo", "--connection")
	if r.code != 0 || !strings.Contains(r.out, "Connection has been established successfully.") {
		t.Errorf("ok: %d %q %s", r.code, r.out, r.err)
	}
	g, err := emulator.NewGoodAccess(emulator.GoodAccessOptions{NoSeed: true, Clock: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	o, flags := against("goodaccess", g.URL, "ga_wrong")
	if r := run(t, o, args("check", flags, "--connection")...); r.code != exitcode.Auth || !strings.Contains(r.err, "admin token was refused") {
		t.Errorf("wrong token: %d %s", r.code, r.err)
	}
	o, flags = against("goodaccess", g.URL+"/wrong", g.AdminToken)
	if r := run(t, o, args("check", flags, "--connection", "--json")...); r.code != exitcode.Failure || !strings.Contains(r.out, `"ok":false`) || !strings.Contains(r.err, "no GoodAccess Integration API at") {
		t.Errorf("wrong URL: %d %s %s", r.code, r.out, r.err)
	}
	r = run(t, runOpts{}, "check", "--demo", "--provider", "unleash", "--connection")
	if r.code != 0 || !strings.Contains(r.out, "no connection-test endpoint") {
		t.Errorf("a provider without a test: %d %s %s", r.code, r.out, r.err)
	}
}
