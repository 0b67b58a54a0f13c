package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/tui/exitcode"
)

// Every create and revoke of the command line lands in the history, and
// no secret does: neither the admin tokens, nor a secret created, nor an
// Unleash secret a revoke addressed.
func TestHistoryKeepsWhatWasDoneAndNoSecret(t *testing.T) {
	p, _, path := fourProfiles(t)
	o := p.opts
	gaSecret := strings.TrimSpace(run(t, o, "create", "--profile", "ga", "--name", "ci-deploy", "--scope", "system-logs.read", "--expires", "30d").out)
	unSecret := strings.TrimSpace(run(t, o, "create", "--profile", "un", "--name", "edge", "--type", "client", "--project", "default", "--environment", "production").out)
	if gaSecret == "" || unSecret == "" {
		t.Fatal("the creates printed no secret")
	}
	var unID string
	for _, tok := range decodeList(t, run(t, o, "list", "--profile", "un", "--json").out) {
		if tok["name"] == "edge" {
			unID = tok["id"].(string)
		}
	}
	if r := run(t, o, "revoke", "--profile", "un", unID, "--yes"); r.code != exitcode.OK {
		t.Fatalf("revoke: %d %s", r.code, r.err)
	}
	if r := run(t, o, "revoke", "--profile", "un", "no-such-token-id", "--yes"); r.code == exitcode.OK {
		t.Fatal("a revoke of nothing succeeded")
	}

	r := run(t, o, "history")
	lines := strings.Split(strings.TrimSpace(r.out), "\n")
	if r.code != exitcode.OK || len(lines) != 4 || !strings.HasPrefix(lines[0], "TIME") {
		t.Fatalf("history (exit %d):\n%s\n%s", r.code, r.out, r.err)
	}
	for i, want := range []string{"create ok ga", "create ok un", "revoke ok un"} {
		if !strings.Contains(strings.Join(strings.Fields(lines[i+1]), " "), want) {
			t.Errorf("line %d %q, want %q", i+1, lines[i+1], want)
		}
	}
	if !strings.Contains(lines[1], "system-logs.read") || !strings.Contains(lines[1], "expires 20") || !strings.Contains(lines[2], "env production") {
		t.Errorf("grants and expiry missing:\n%s", r.out)
	}
	var recs []map[string]any
	r = run(t, o, "history", "--json", "--profile", "un", "--last", "1")
	if err := json.Unmarshal([]byte(r.out), &recs); err != nil || len(recs) != 1 || recs[0]["action"] != "revoke" || recs[0]["token_id"] != unID || recs[0]["provider"] != "unleash" {
		t.Fatalf("--json --profile un --last 1: %v %s", err, r.out)
	}

	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("history file: %v, mode %v", err, info.Mode())
	}
	raw, _ := os.ReadFile(path)
	for what, secret := range map[string]string{
		"the GoodAccess admin token": p.ga.AdminToken, "the Unleash admin token": p.un.AdminToken,
		"the Border0 admin token": p.opts.env["B0LIVE"], "the GoodAccess secret created": gaSecret, "the Unleash secret created and revoked": unSecret,
	} {
		noLeak(t, "the history file ("+what+")", string(raw), secret)
	}
}

func TestHistoryThatCannotBeWrittenOnlyWarns(t *testing.T) {
	p, _, _ := fourProfiles(t)
	blocker := filepath.Join(t.TempDir(), "not-a-directory")
	os.WriteFile(blocker, nil, 0o600)
	p.opts.env["XDG_STATE_HOME"] = blocker
	r := run(t, p.opts, "create", "--profile", "ga", "--name", "still-made", "--scope", "system-logs.read")
	if r.code != exitcode.OK || r.out == "" || !strings.Contains(r.err, "warning: the history was not written (the token work is done)") {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.out, r.err)
	}
}

func TestHistorySkipsACorruptLineWithAWarning(t *testing.T) {
	p, _, path := fourProfiles(t)
	run(t, p.opts, "create", "--profile", "ga", "--name", "first", "--scope", "system-logs.read")
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("{half a record\n")
	f.Close()
	run(t, p.opts, "create", "--profile", "ga", "--name", "second", "--scope", "system-logs.read", "--expires", "never")
	r := run(t, p.opts, "history")
	if r.code != exitcode.OK || !strings.Contains(r.out, "first") || !strings.Contains(r.out, "second") || !strings.Contains(r.out, "never expires") ||
		!strings.Contains(r.err, "line 2 is not a history record: skipped") {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.out, r.err)
	}
	empty := runOpts{env: map[string]string{"XDG_STATE_HOME": t.TempDir()}}
	if r := run(t, empty, "history"); r.code != exitcode.OK || !strings.Contains(r.err, "no history yet") {
		t.Errorf("no history: exit %d %s", r.code, r.err)
	}
	if r := run(t, empty, "history", "--json"); r.code != exitcode.OK || r.out != "[]\n" {
		t.Errorf("no history, --json: exit %d %q", r.code, r.out)
	}
	_ = time.Now
}
