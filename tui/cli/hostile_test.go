package cli

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/hostile"
	"github.com/tokentui/tokentui/client/hostile/leak"
)

// What a script, a person or a CI log gets from the commands when the
// server is hostile (see client/hostile for the provider-level suite):
// names with invisible characters and escape sequences, dates that are no
// dates, and every error quoting back the admin token and the path of the
// token being revoked, which for Unleash is its secret.

const (
	cliAdminHash = "be4436a9c1f0e2d3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f3a2b"
	cliTargetKey = "7f3a9c2e41b04d6e8a1f5c3b9d2e7a40c1d2e3f4a5b6c7d8e9f0a1b2"
)

// hostileUnleash serves a token list with hostile names and odd dates, an
// honest catalog, and 404s that echo the admin token and the path.
func hostileUnleash(t *testing.T) (url, target string) {
	t.Helper()
	target = "default:production." + cliTargetKey
	type tok map[string]any
	tokens := []tok{
		{"secret": target, "tokenName": "prod-deploy", "type": "client", "environment": "production", "projects": []string{"default"}, "expiresAt": "0001-01-01T00:00:00.000Z"},
		{"secret": "default:production.11" + cliTargetKey[2:], "tokenName": "zero year", "type": "client", "environment": "production", "projects": []string{"default"}, "expiresAt": "0000-01-01T00:00:00Z", "createdAt": "2025-01-01T00:00:00Z"},
	}
	for i, n := range hostile.Names {
		tokens = append(tokens, tok{"secret": "default:production.2" + string(rune('a'+i)) + cliTargetKey[2:], "tokenName": n, "type": "client", "environment": "production", "projects": []string{"default"}})
	}
	list, _ := json.Marshal(map[string]any{"tokens": tokens})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/api-tokens"):
			_, _ = w.Write(list)
		case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/projects"):
			_, _ = w.Write([]byte(`{"projects":[{"id":"default","name":"Default"}]}`))
		case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/environments"):
			_, _ = w.Write([]byte(`{"environments":[{"name":"production","type":"production","enabled":true}]}`))
		default:
			w.WriteHeader(http.StatusNotFound)
			msg := "The path you were looking for (" + strings.ToLower(r.URL.EscapedPath()) + ") is not available to token Bearer " + strings.ToUpper(r.Header.Get("Authorization")) + "."
			b, _ := json.Marshal(map[string]string{"name": "NotFoundError", "message": msg})
			_, _ = w.Write(b)
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL, target
}

// clean fails the test when output holds a run of a secret, or a control
// or invisible character.
func clean(t *testing.T, what, output string, secrets ...string) {
	t.Helper()
	for _, line := range strings.Split(output, "\n") {
		if err := hostile.Shown(strings.ReplaceAll(line, "\t", " ")); err != nil {
			t.Errorf("%s: %v", what, err)
		}
		for _, s := range secrets {
			if run := leak.Run(line, s, 12); run != "" {
				t.Errorf("%s: %q holds %q of a secret", what, line, run)
			}
		}
	}
}

var rfc3339 = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`)

func TestCommandsAgainstAHostileServer(t *testing.T) {
	url, target := hostileUnleash(t)
	o, flags := against("unleash", url, "*:*."+cliAdminHash)
	id := client.Fingerprint(target)
	secrets := []string{cliAdminHash, cliTargetKey}

	text := run(t, o, args("list", flags)...)
	clean(t, "list", text.out+text.err, secrets...)
	for _, line := range strings.Split(text.out, "\n") {
		if strings.HasPrefix(line, id) && !strings.Contains(line, "invalid date") {
			t.Errorf("0001-01-01 is not shown as an invalid date: %s", line)
		}
	}
	if !strings.Contains(text.out, "prod⟨U+200B⟩-deploy") {
		t.Errorf("list hides the zero-width space:\n%s", text.out)
	}

	js := run(t, o, args("list", flags, "--json")...)
	clean(t, "list --json", js.out+js.err, secrets...)
	if !strings.Contains(js.out, `prod\u200b-deploy`) {
		t.Errorf("list --json does not escape the zero-width space:\n%.400s", js.out)
	}
	for _, tok := range decodeList(t, js.out) {
		for _, k := range []string{"created_at", "expires_at", "last_used_at"} {
			if v, ok := tok[k].(string); ok && !rfc3339.MatchString(v) {
				t.Errorf("%s %s = %q is not RFC 3339 with a four-digit year", tok["name"], k, v)
			}
		}
		if tok["id"] == id && (tok["expires_at"] != nil || len(tok["invalid_dates"].([]any)) == 0) {
			t.Errorf("0001-01-01 is not named invalid: %v", tok)
		}
	}

	check := run(t, o, args("check", flags, "--json")...)
	clean(t, "check", check.out+check.err, secrets...)
	var report struct {
		Findings []struct{ Finding, ID string }
	}
	if err := json.Unmarshal([]byte(check.out), &report); err != nil {
		t.Fatalf("check --json: %v\n%s", err, check.out)
	}
	kinds := map[string]bool{}
	for _, f := range report.Findings {
		if f.ID == id {
			kinds[f.Finding] = true
		}
	}
	if !kinds["invalid-date"] || kinds["no-expiry"] {
		t.Errorf("check files 0001-01-01 as %v", kinds)
	}

	revoke := run(t, o, args("revoke", flags, "--yes", id)...)
	clean(t, "revoke", revoke.out+revoke.err, secrets...)
	if revoke.code == 0 || !strings.Contains(revoke.err, "is not available") {
		t.Errorf("revoke against a 404: exit %d\n%s", revoke.code, revoke.err)
	}
}
