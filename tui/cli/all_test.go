package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator"
	"github.com/tokentui/tokentui/client/unleash"
	"github.com/tokentui/tokentui/tui/exitcode"
)

// threeProfiles is a config of a GoodAccess and an Unleash emulator and a
// Border0 profile that cannot be read, with the environment that holds
// their admin tokens. The Border0 profile's server is not there (a port
// nothing listens on: unreachable, after the retries of a GET), or with
// refused, there but refusing its admin token (at once).
type threeProfiles struct {
	opts runOpts
	ga   *emulator.GoodAccess
	un   *emulator.Unleash
}

func withThreeProfiles(t *testing.T, refused bool) threeProfiles {
	t.Helper()
	g := goodAccess(t, emulator.GoodAccessOptions{})
	u := unleashServer(t)
	downURL := "http://127.0.0.1:1/api/v1"
	if refused {
		downURL = border0Server(t).URL
	}
	home := t.TempDir()
	os.MkdirAll(filepath.Join(home, "tokentui"), 0o700)
	cfg := "default: ga\nprofiles:\n" +
		"  ga: {provider: goodaccess, url: \"" + g.URL + "\", token_env: GA}\n" +
		"  down: {provider: border0, url: \"" + downURL + "\", token_env: B0}\n" +
		"  un: {provider: unleash, url: \"" + u.URL + "\", token_env: UN}\n"
	if err := os.WriteFile(filepath.Join(home, "tokentui", "config.yaml"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"XDG_CONFIG_HOME": home, "GA": g.AdminToken, "UN": u.AdminToken, "B0": "not-a-real-border0-token"}
	return threeProfiles{opts: runOpts{env: env}, ga: g, un: u}
}

func TestListAllProfilesNamesTheOneDownAndListsTheOthers(t *testing.T) {
	p := withThreeProfiles(t, false)
	single := decodeList(t, run(t, p.opts, "list", "--json").out) // the default profile alone
	unOnly := decodeList(t, run(t, p.opts, "list", "--json", "--profile", "un").out)

	r := run(t, p.opts, "list", "--all-profiles", "--json")
	if r.code != exitcode.Failure {
		t.Fatalf("exit %d, want 1 (a profile could not be read); stderr %s", r.code, r.err)
	}
	if !strings.Contains(r.err, "profile down (Border0): cannot reach the server") || strings.Count(r.err, "\n") != 1 {
		t.Errorf("stderr should name the profile down, once: %q", r.err)
	}
	all := decodeList(t, r.out)
	if len(all) != len(single)+len(unOnly) {
		t.Fatalf("%d tokens, want %d + %d", len(all), len(single), len(unOnly))
	}
	seen := map[string]int{}
	for i, tok := range all {
		if keys(tok) != tokenKeys {
			t.Fatalf("token keys %s", keys(tok))
		}
		seen[tok["profile"].(string)+"/"+tok["provider"].(string)]++
		if i > 0 && all[i-1]["profile"] == "un" && tok["profile"] == "ga" {
			t.Fatal("profiles out of config order")
		}
	}
	if seen["ga/goodaccess"] != len(single) || seen["un/unleash"] != len(unOnly) {
		t.Errorf("tokens by profile: %v", seen)
	}

	table := run(t, p.opts, "list", "--all-profiles")
	lines := strings.Split(strings.TrimSpace(table.out), "\n")
	if !strings.HasPrefix(lines[0], "PROFILE  ID") || len(lines) != len(all)+1 || table.code != exitcode.Failure {
		t.Fatalf("table (exit %d):\n%s", table.code, table.out)
	}
	if !strings.HasPrefix(lines[1], "ga ") || !strings.HasPrefix(lines[len(lines)-1], "un ") {
		t.Errorf("rows do not start with their profile:\n%s", table.out)
	}
}

func TestListCSV(t *testing.T) {
	p := withThreeProfiles(t, true)
	r := run(t, p.opts, "list", "--all-profiles", "--csv")
	rows, err := csv.NewReader(strings.NewReader(r.out)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, r.out)
	}
	all := decodeList(t, run(t, p.opts, "list", "--all-profiles", "--json").out)
	if len(rows) != len(all)+1 || strings.Join(rows[0], ",") != "profile,provider,id,name,scopes,role,projects,environment,owner,allowed_ips,created_at,expires_at,expired,last_used_at,created_by,self,not_reported,invalid_dates,secret_masked,secret_note" {
		t.Fatalf("%d rows, header %v", len(rows), rows[0])
	}
	for i, row := range rows[1:] {
		if row[0] != all[i]["profile"] || row[2] != all[i]["id"] {
			t.Fatalf("row %d %v is not token %v", i, row, all[i])
		}
	}
	// Unleash v1 secrets are listed by the server: never in the CSV.
	prov, err := unleash.New(client.Connection{BaseURL: p.un.URL, Token: p.un.AdminToken})
	if err != nil {
		t.Fatal(err)
	}
	listed, _ := prov.List(context.Background())
	for _, tok := range listed {
		if tok.Secret != "" && strings.Contains(r.out, tok.Secret[len(tok.Secret)-20:]) {
			t.Fatal("the CSV holds a listed secret")
		}
	}
	if r := run(t, p.opts, "list", "--csv", "--json"); r.code != exitcode.Usage {
		t.Errorf("--csv --json: exit %d", r.code)
	}
}

func TestCheckAllProfiles(t *testing.T) {
	p := withThreeProfiles(t, true)
	r := run(t, p.opts, "check", "--all-profiles")
	if r.code != exitcode.Failure || !strings.Contains(r.err, "profile down (Border0): ") || !strings.Contains(r.err, "admin token") {
		t.Fatalf("exit %d, stderr %q", r.code, r.err)
	}
	if !strings.Contains(r.err, "on ga") || !strings.Contains(r.err, "on un") {
		t.Errorf("a summary for each profile read: %q", r.err)
	}
	if !strings.HasPrefix(r.out, "PROFILE  FINDING") || !strings.Contains(r.out, "\nga ") || !strings.Contains(r.out, "\nun ") {
		t.Errorf("findings name their profile:\n%s", r.out)
	}
	r = run(t, p.opts, "check", "--all-profiles", "--json")
	var out struct {
		Profiles []struct {
			Profile  string
			Findings []map[string]any
		}
		Failed []map[string]string
	}
	if err := json.Unmarshal([]byte(r.out), &out); err != nil {
		t.Fatalf("%v\n%s", err, r.out)
	}
	if len(out.Profiles) != 2 || out.Profiles[0].Profile != "ga" || out.Profiles[1].Profile != "un" || len(out.Failed) != 1 || out.Failed[0]["profile"] != "down" || out.Failed[0]["provider"] != "border0" {
		t.Fatalf("profiles %+v failed %+v", out.Profiles, out.Failed)
	}
	for _, f := range out.Profiles[1].Findings {
		if f["profile"] != "un" {
			t.Fatalf("finding %v", f)
		}
	}
}

func TestCheckConnectionAllProfiles(t *testing.T) {
	p := withThreeProfiles(t, true)
	r := run(t, p.opts, "check", "--connection", "--all-profiles")
	if r.code != exitcode.Auth || !strings.Contains(r.out, "ok: ga (GoodAccess") || !strings.Contains(r.out, "ok: un (Unleash") || !strings.Contains(r.err, "down") {
		t.Fatalf("exit %d\nout %s\nerr %s", r.code, r.out, r.err)
	}
}

func TestAllProfilesRefusesAProfileFlag(t *testing.T) {
	p := withThreeProfiles(t, true)
	r := run(t, p.opts, "list", "--all-profiles", "--profile", "ga")
	if r.code != exitcode.Usage || !strings.Contains(r.err, "--all-profiles") {
		t.Fatalf("exit %d %s", r.code, r.err)
	}
}

// With every profile, --ignore names a token of whichever profile holds
// it: only an entry that names none anywhere is warned about.
func TestCheckAllProfilesIgnore(t *testing.T) {
	p := withThreeProfiles(t, true)
	un := decodeList(t, run(t, p.opts, "list", "--profile", "un", "--json").out)
	name := un[0]["name"].(string)
	r := run(t, p.opts, "check", "--all-profiles", "--ignore", name, "--ignore", "no-such-token-anywhere")
	if strings.Contains(r.err, `"`+name+`" matches no token`) {
		t.Errorf("an --ignore of un's token warned on ga: %s", r.err)
	}
	if !strings.Contains(r.err, `--ignore "no-such-token-anywhere" matches no token on any profile`) {
		t.Errorf("no warning for the stale entry: %s", r.err)
	}
	if !strings.Contains(r.err, "ignored") {
		t.Errorf("nothing was ignored: %s", r.err)
	}
}
