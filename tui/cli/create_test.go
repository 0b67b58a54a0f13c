package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client/emulator"
	"github.com/tokentui/tokentui/tui/clipboard"
	"github.com/tokentui/tokentui/tui/exitcode"
)

func TestCreatePrintsOnlyTheSecret(t *testing.T) {
	g := goodAccess(t, emulator.GoodAccessOptions{NoSeed: true})
	o, flags := against("goodaccess", g.URL, g.AdminToken)
	before := g.Len()
	r := run(t, o, args("create", flags, "--name", "ci", "--scope", "token.read-all,token.create", "--expires", "30d")...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	if g.Len() != before+1 {
		t.Fatalf("tokens %d → %d", before, g.Len())
	}
	secret := strings.TrimSuffix(r.out, "\n")
	if secret == "" || strings.ContainsAny(secret, " \n\t") || r.out != secret+"\n" {
		t.Fatalf("stdout is not exactly the secret and a newline: %q", r.out)
	}
	if strings.Contains(r.err, secret) {
		t.Fatal("stderr repeats the secret")
	}
	// The secret works: it lists tokens (it has token.read-all).
	o2, flags2 := against("goodaccess", g.URL, secret)
	if r2 := run(t, o2, args("list", flags2)...); r2.code != 0 {
		t.Fatalf("the new secret does not work: exit %d %s", r2.code, r2.err)
	}
	for _, want := range []string{"any IP address may use the token", "token.create", `created token "ci"`} {
		if !strings.Contains(r.err, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.err)
		}
	}
	if strings.Contains(r.err, "never expires") {
		t.Errorf("warned about expiry despite --expires:\n%s", r.err)
	}
}

func TestCreateWarnsAboutNoExpiryAndAdmin(t *testing.T) {
	r := run(t, runOpts{}, "create", "--demo", "--provider", "border0", "--name", "bot", "--role", "admin", "--expires", "never")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	for _, want := range []string{"never expires", "admin token"} {
		if !strings.Contains(r.err, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.err)
		}
	}
	if strings.Contains(r.err, "IP address") {
		t.Errorf("IP warning for a provider without IP restrictions:\n%s", r.err)
	}
}

func TestCreateDefaultsTo30Days(t *testing.T) {
	r := run(t, runOpts{}, "create", "--demo", "--provider", "border0", "--name", "bot", "--role", "member", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	var got struct {
		Token struct {
			ExpiresAt *time.Time `json:"expires_at"`
		} `json:"token"`
	}
	if err := json.Unmarshal([]byte(r.out), &got); err != nil {
		t.Fatalf("decoding %q: %v", r.out, err)
	}
	if got.Token.ExpiresAt == nil {
		t.Fatalf("a token created without --expires never expires; want 30 days:\n%s", r.out)
	}
	if d := time.Until(*got.Token.ExpiresAt); d < 29*24*time.Hour || d > 31*24*time.Hour {
		t.Errorf("default lifetime %s, want about 30 days", d)
	}
	if strings.Contains(r.err, "never expires") {
		t.Errorf("warned about no expiry for the 30-day default:\n%s", r.err)
	}
}

func TestCreateJSON(t *testing.T) {
	nextYear := testNow.AddDate(1, 0, 0)
	r := run(t, runOpts{}, "create", "--demo", "--provider", "unleash", "--name", "edge", "--type", "client",
		"--project", "default", "--environment", "production", "--expires", nextYear.Format("2006-01-02"), "--json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(r.out), &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.out)
	}
	if keys(v) != "grant_differences,grants_unconfirmed,secret,token,warning" {
		t.Fatalf("keys %s", keys(v))
	}
	tok := v["token"].(map[string]any)
	if keys(tok) != tokenKeys {
		t.Fatalf("token keys %s", keys(tok))
	}
	secret := v["secret"].(string)
	if !strings.HasPrefix(secret, "default:production.") {
		t.Errorf("secret %q", secret)
	}
	if tok["name"] != "edge" || tok["environment"] != "production" {
		t.Errorf("token %v", tok)
	}
	// A date means valid through that day, local time: expiry at the next
	// local midnight (the test clock is UTC).
	if tok["expires_at"] != nextYear.AddDate(0, 0, 1).Format("2006-01-02")+"T00:00:00Z" {
		t.Errorf("expires_at %v", tok["expires_at"])
	}
}

func TestCreateCopy(t *testing.T) {
	cb := clipboard.NewFake()
	r := run(t, runOpts{clipboard: cb}, "create", "--demo", "--provider", "border0", "--name", "c", "--role", "member", "--expires", "1w", "--copy")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	if cb.Content() != strings.TrimSpace(r.out) {
		t.Error("the clipboard does not hold the secret")
	}
	if !strings.Contains(r.err, "copied") {
		t.Errorf("stderr does not say it copied:\n%s", r.err)
	}
	// The clear outlives the command: handed off, at the time it says.
	at := testNow.Add(45 * time.Second)
	if later := cb.Later(); len(later) != 1 || !later[0].Equal(at) || !strings.Contains(r.err, "cleared at "+at.Format("15:04:05")+" if it still holds the secret") {
		t.Errorf("clear handed off for %v; stderr:\n%s", later, r.err)
	}
	cb.RunLater(at)
	if cb.Content() != "" {
		t.Error("the handed-off clear did not clear")
	}
	never := clipboard.NewFake()
	r = run(t, runOpts{clipboard: never}, "create", "--demo", "--provider", "border0", "--name", "c", "--role", "member", "--copy", "--clear-after", "0")
	if len(never.Later()) != 0 || !strings.Contains(r.err, "not cleared (--clear-after 0)") {
		t.Errorf("--clear-after 0: %v, stderr:\n%s", never.Later(), r.err)
	}

	failing := clipboard.NewFake()
	failing.FailSystem(errTest("no display"))
	failing.FailOSC52(errTest("no terminal"))
	r = run(t, runOpts{clipboard: failing}, "create", "--demo", "--provider", "border0", "--name", "c", "--role", "member", "--expires", "1w", "--copy")
	if r.code != 0 || !strings.Contains(r.err, "could not copy") || !strings.Contains(r.err, "no display") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.err)
	}
}

type errTest string

func (e errTest) Error() string { return string(e) }

func TestCreateUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--name", "x", "--scope", "members.raed"}, `unknown scope "members.raed" (did you mean members.create`},
		{[]string{"--scope", "members.read"}, "--name is required"},
		{[]string{"--name", "x"}, "at least one --scope"},
		{[]string{"--name", "x", "--scope", "members.read", "--expires", "soonish"}, "--expires"},
		{[]string{"--name", "x", "--scope", "members.read", "--expires", "2020-01-01"}, "in the past"},
		{[]string{"--name", "x", "--scope", "members.read", "--ip", "300.1.1.1"}, "--ip"},
		{[]string{"--name", "x", "--scope", "members.read", "--role", "admin"}, "no role or type"},
		{[]string{"--name", "x", "--provider", "border0", "--role", "owner"}, `role "owner" is not one of admin, member, connector`},
		{[]string{"--name", "x", "--provider", "border0", "--role", "member", "--ip", "10.0.0.1"}, "cannot restrict a token to IP addresses"},
		{[]string{"--name", "x", "--provider", "border0"}, "--role is required"},
		{[]string{"--name", "x", "--provider", "unleash", "--type", "admin", "--project", "*", "--environment", "production"}, "cannot be created"},
		{[]string{"--name", "x", "--provider", "unleash", "--type", "client", "--project", "nope", "--environment", "production"}, `unknown project "nope"`},
		{[]string{"--name", "x", "--provider", "unleash", "--type", "client", "--project", "default"}, "--environment is required"},
		{[]string{"--name", "x", "--role", "a", "--type", "b"}, "give one"},
		{[]string{"positional"}, "takes no arguments"},
	}
	for _, c := range cases {
		r := run(t, runOpts{}, append([]string{"create", "--demo"}, c.args...)...)
		if r.code != exitcode.Usage || r.out != "" || !strings.Contains(r.err, c.want) {
			t.Errorf("%v: exit %d out %q\nerr %q\nwant %q", c.args, r.code, r.out, r.err, c.want)
		}
	}
}

func TestCreateRefusedByProviderIsExit1WithFlagNames(t *testing.T) {
	g := goodAccess(t, emulator.GoodAccessOptions{NoSeed: true})
	o, flags := against("goodaccess", g.URL, g.AdminToken)
	before := g.Len()
	r := run(t, o, args("create", flags, "--name", "dup", "--scope", "members.read", "--ip", "10.0.0.1", "--ip", "10.0.0.1")...)
	if r.code != exitcode.Failure || r.out != "" || !strings.Contains(r.err, "--ip: ") || !strings.Contains(r.err, "twice") {
		t.Fatalf("exit %d out %q err %q", r.code, r.out, r.err)
	}
	if g.Len() != before {
		t.Fatal("a token was created")
	}
}
