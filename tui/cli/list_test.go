package cli

import (
	"context"
	"io"

	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client/emulator"
	"github.com/tokentui/tokentui/tui/exitcode"
)

const tokenKeys = "allowed_ips,created_at,created_by,environment,expired,expires_at,id,invalid_dates,last_used_at,name,not_reported,owner,profile,projects,provider,role,scopes,secret_masked,secret_note,self"

func TestListTableIsSortedAlignedAndPlainWithoutTTY(t *testing.T) {
	r := run(t, runOpts{}, "list", "--demo")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	lines := strings.Split(strings.TrimRight(r.out, "\n"), "\n")
	if !strings.HasPrefix(lines[0], "ID ") || !strings.Contains(lines[0], "NAME") || !strings.Contains(lines[0], "EXPIRES") {
		t.Fatalf("header: %q", lines[0])
	}
	nameCol := strings.Index(lines[0], "NAME")
	var names []string
	for _, l := range lines[1:] {
		if strings.TrimRight(l, " ") != l {
			t.Errorf("trailing blanks: %q", l)
		}
		if l[nameCol-2:nameCol] != "  " {
			t.Errorf("NAME column not aligned: %q", l)
		}
		names = append(names, strings.ToLower(strings.Fields(l[nameCol:])[0]))
	}
	if !sortedStrings(names) {
		t.Errorf("not sorted by name: %v", names)
	}
	if strings.Contains(r.out, "\x1b[") {
		t.Error("colour written to a pipe")
	}
}

func sortedStrings(s []string) bool {
	for i := 1; i < len(s); i++ {
		if s[i-1] > s[i] {
			return false
		}
	}
	return true
}

func TestListColourOnlyOnTerminalWithoutNoColor(t *testing.T) {
	if r := run(t, runOpts{tty: true}, "list", "--demo"); !strings.Contains(r.out, "\x1b[") {
		t.Error("no colour on a terminal")
	}
	if r := run(t, runOpts{tty: true, env: map[string]string{"NO_COLOR": "1"}}, "list", "--demo"); strings.Contains(r.out, "\x1b[") {
		t.Error("colour despite NO_COLOR")
	}
}

func TestListJSONSchema(t *testing.T) {
	for _, provider := range []string{"goodaccess", "border0", "unleash"} {
		r := run(t, runOpts{}, "list", "--demo", "--provider", provider, "--json")
		if r.code != 0 {
			t.Fatalf("%s: exit %d: %s", provider, r.code, r.err)
		}
		tokens := decodeList(t, r.out)
		if len(tokens) < 5 {
			t.Fatalf("%s: %d tokens", provider, len(tokens))
		}
		for _, tok := range tokens {
			if got := keys(tok); got != tokenKeys {
				t.Fatalf("%s: keys %s", provider, got)
			}
			if _, ok := tok["scopes"].([]any); !ok {
				t.Errorf("%s: scopes is %T, want an array", provider, tok["scopes"])
			}
			if s, ok := tok["created_at"].(string); ok {
				if _, err := time.Parse(time.RFC3339, s); err != nil || !strings.HasSuffix(s, "Z") {
					t.Errorf("created_at %q is not RFC 3339 UTC", s)
				}
			}
			masked, _ := tok["secret_masked"].(string)
			note, _ := tok["secret_note"].(string)
			switch {
			case provider == "unleash" && note != "": // a secure token: nothing to mask
				if masked != "" || !strings.Contains(note, "only a hash") {
					t.Errorf("unleash secure token: secret_masked %q, secret_note %q", masked, note)
				}
			case provider == "unleash" && !strings.Contains(masked, "…") && !strings.Contains(masked, "•"):
				t.Errorf("unleash secret not masked: %q", masked)
			}
			if provider != "unleash" && masked != "" {
				t.Errorf("%s: secret_masked %q", provider, masked)
			}
		}
	}
}

func TestListJSONNeverHoldsAnUnleashSecret(t *testing.T) {
	u := unleashServer(t)
	secret := u.IssueToken("visible-in-api", "client", []string{"default"}, "development", time.Time{})
	o, flags := against("unleash", u.URL, u.AdminToken)
	r := run(t, o, args("list", flags, "--json")...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	hash := secret[strings.LastIndex(secret, ".")+1:]
	if strings.Contains(r.out, hash) || strings.Contains(r.out, u.AdminToken) {
		t.Fatal("list --json contains a secret")
	}
	if !strings.Contains(r.out, "visible-in-api") {
		t.Fatal("the issued token is missing")
	}
	r = run(t, o, args("list", flags)...)
	if strings.Contains(r.out, hash) {
		t.Fatal("the table contains a secret")
	}
}

func TestListFilters(t *testing.T) {
	all := decodeList(t, run(t, runOpts{}, "list", "--demo", "--json").out)
	name := all[len(all)/2]["name"].(string)
	word := strings.ToUpper(strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == ' ' })[0])

	want := 0
	for _, tok := range all {
		if matchesAny(tok, strings.ToLower(word)) {
			want++
		}
	}
	got := decodeList(t, run(t, runOpts{}, "list", "--demo", "--json", "--filter", word).out)
	if len(got) != want || want == 0 {
		t.Errorf("--filter %s: %d tokens, want %d", word, len(got), want)
	}

	expired := decodeList(t, run(t, runOpts{}, "list", "--demo", "--json", "--expired").out)
	wantExpired := 0
	for _, tok := range all {
		if tok["expired"] == true {
			wantExpired++
		}
	}
	if len(expired) != wantExpired || wantExpired == 0 {
		t.Errorf("--expired: %d, want %d", len(expired), wantExpired)
	}
	for _, tok := range expired {
		if tok["expired"] != true {
			t.Errorf("--expired listed %v", tok["name"])
		}
	}

	soon := decodeList(t, run(t, runOpts{}, "list", "--demo", "--json", "--expiring", "7d").out)
	if len(soon) == 0 {
		t.Fatal("--expiring 7d: the demo seed has tokens expiring this week")
	}
	for _, tok := range soon {
		at, err := time.Parse(time.RFC3339, tok["expires_at"].(string))
		if err != nil || !at.After(testNow) || at.After(testNow.Add(7*24*time.Hour)) || tok["expired"] == true {
			t.Errorf("--expiring 7d listed %v expiring %v", tok["name"], tok["expires_at"])
		}
	}
	both := decodeList(t, run(t, runOpts{}, "list", "--demo", "--json", "--expiring", "7d", "--expired").out)
	if len(both) != len(soon)+len(expired) {
		t.Errorf("--expiring with --expired: %d, want %d", len(both), len(soon)+len(expired))
	}

	r := run(t, runOpts{}, "list", "--demo", "--filter", "no-token-is-called-this")
	if r.code != 0 || r.out != "" || !strings.Contains(r.err, "no tokens match") {
		t.Errorf("empty result: exit %d out %q err %q", r.code, r.out, r.err)
	}
}

func matchesAny(tok map[string]any, word string) bool {
	for _, k := range []string{"id", "name", "role", "environment", "created_by"} {
		if s, _ := tok[k].(string); strings.Contains(strings.ToLower(s), word) {
			return true
		}
	}
	for _, k := range []string{"scopes", "projects"} {
		for _, v := range tok[k].([]any) {
			if strings.Contains(strings.ToLower(v.(string)), word) {
				return true
			}
		}
	}
	return false
}

func TestListUsageErrors(t *testing.T) {
	for _, a := range [][]string{
		{"list", "--demo", "extra"},
		{"list", "--demo", "--expiring", "soon"},
		{"list", "--demo", "--expiring", "7y"},
		{"list", "--nope"},
	} {
		if r := run(t, runOpts{}, a...); r.code != exitcode.Usage || r.out != "" || !strings.Contains(r.err, "tokentui list:") {
			t.Errorf("%v: exit %d out %q err %q", a, r.code, r.out, r.err)
		}
	}
}

func BenchmarkListJSON10k(b *testing.B) {
	g, err := emulator.NewGoodAccess(emulator.GoodAccessOptions{Extra: 10000})
	if err != nil {
		b.Fatal(err)
	}
	defer g.Close()
	env := map[string]string{"TOKENTUI_TOKEN": g.AdminToken, "XDG_CONFIG_HOME": b.TempDir()}
	stdio := IO{Out: io.Discard, Err: io.Discard, Env: func(k string) string { return env[k] }}
	argv := []string{"list", "--json", "--provider", "goodaccess", "--url", g.URL}
	b.ReportAllocs()
	for b.Loop() {
		if code := Execute(context.Background(), argv, stdio, nil); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

// Each provider's JSON says which token is the admin token in use where it
// can tell (null where it cannot), and which fields its API does not report.
func TestListJSONSaysSelfAndWhatIsNotReported(t *testing.T) {
	cases := map[string]struct {
		self        any // for "tokentui demo admin" (GoodAccess, Border0) or "admin" (Unleash)
		notReported string
	}{
		"goodaccess": {nil, "created_by"},
		"border0":    {true, "last_used_at"},
		"unleash":    {true, "created_by"},
	}
	for provider, c := range cases {
		r := run(t, runOpts{}, "list", "--demo", "--provider", provider, "--json")
		selves := 0
		for _, tok := range decodeList(t, r.out) {
			nr, _ := tok["not_reported"].([]any)
			if len(nr) != 1 || nr[0] != c.notReported {
				t.Errorf("%s %s: not_reported %v", provider, tok["name"], tok["not_reported"])
			}
			if tok["self"] == true {
				selves++
			}
			if c.self == nil && tok["self"] != nil {
				t.Errorf("%s %s: self %v, want null (the API cannot tell)", provider, tok["name"], tok["self"])
			}
			if c.self != nil && tok["self"] == nil {
				t.Errorf("%s %s: self null", provider, tok["name"])
			}
		}
		if want := map[bool]int{true: 1, false: 0}[c.self != nil]; selves != want {
			t.Errorf("%s: %d tokens marked self, want %d", provider, selves, want)
		}
	}
}

func TestListTableSaysNotReportedNeverNever(t *testing.T) {
	r := run(t, runOpts{}, "list", "--demo", "--provider", "border0")
	if strings.Contains(r.out, "never used") || !strings.Contains(r.out, "not reported") || !strings.Contains(r.out, "tokentui demo admin (you)") {
		t.Fatalf("border0 list:\n%s", r.out)
	}
	for _, line := range strings.Split(r.out, "\n")[1:] {
		if line != "" && !strings.Contains(line, "  not reported  ") {
			t.Errorf("a Border0 token's last use is not reported, yet: %q", line)
		}
	}
}
