package cli

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator"
	"github.com/tokentui/tokentui/tui/exitcode"
)

// issue adds two tokens to a GoodAccess emulator and returns their ids.
func issueTwo(g *emulator.GoodAccess) (string, string) {
	a, _ := g.IssueToken("alpha-bot", []string{"members.read"}, testNow.Add(30*24*time.Hour), nil)
	b, _ := g.IssueToken("beta-bot", []string{"members.read"}, time.Time{}, nil)
	return a, b
}

func TestRevokeWithYes(t *testing.T) {
	g := goodAccess(t, emulator.GoodAccessOptions{NoSeed: true})
	a, b := issueTwo(g)
	o, flags := against("goodaccess", g.URL, g.AdminToken)
	before := g.Len()
	r := run(t, o, args("revoke", flags, a, b[:8], "--yes")...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	if g.Len() != before-2 {
		t.Fatalf("tokens %d → %d", before, g.Len())
	}
	if !strings.Contains(r.out, "revoked "+a) || !strings.Contains(r.out, "revoked "+b) {
		t.Errorf("stdout: %q", r.out)
	}
	if !strings.Contains(r.err, "alpha-bot") || !strings.Contains(r.err, "beta-bot") {
		t.Errorf("the names are not shown first: %q", r.err)
	}
}

func TestRevokeRefusesWithoutTerminalOrYes(t *testing.T) {
	g := goodAccess(t, emulator.GoodAccessOptions{NoSeed: true})
	a, _ := issueTwo(g)
	o, flags := against("goodaccess", g.URL, g.AdminToken)
	before := g.Len()
	r := run(t, o, args("revoke", flags, a)...)
	if r.code != exitcode.Usage || !strings.Contains(r.err, "--yes") || g.Len() != before {
		t.Fatalf("exit %d err %q, tokens %d → %d", r.code, r.err, before, g.Len())
	}
}

func TestRevokeAsksOnATerminal(t *testing.T) {
	g := goodAccess(t, emulator.GoodAccessOptions{NoSeed: true})
	a, b := issueTwo(g)
	o, flags := against("goodaccess", g.URL, g.AdminToken)
	o.terminal = true

	o.stdin = "n\n"
	before := g.Len()
	r := run(t, o, args("revoke", flags, a)...)
	if r.code != exitcode.Usage || g.Len() != before || !strings.Contains(r.err, "[y/N]") || !strings.Contains(r.err, "nothing revoked") {
		t.Fatalf("declined: exit %d err %q", r.code, r.err)
	}
	o.stdin = "yes\n"
	r = run(t, o, args("revoke", flags, b)...)
	if r.code != 0 || g.Len() != before-1 {
		t.Fatalf("confirmed: exit %d err %q", r.code, r.err)
	}
}

// failingProxy forwards to target but answers status to DELETEs of failID.
func failingProxy(t *testing.T, target, failID string, status int) string {
	t.Helper()
	u, _ := url.Parse(target)
	proxy := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodDelete && strings.HasSuffix(r.URL.Path, "/"+failID) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			w.Write([]byte(`{"message":"database is on fire"}`))
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// A 500 to a DELETE may come after the delete was made: it is not called a
// failure, and the exit code says the outcome is unknown.
func TestRevokeWithALostAnswerSaysMayHaveBeenRevoked(t *testing.T) {
	g := goodAccess(t, emulator.GoodAccessOptions{NoSeed: true})
	a, b := issueTwo(g)
	o, flags := against("goodaccess", failingProxy(t, g.URL, b, http.StatusBadGateway), g.AdminToken)
	r := run(t, o, args("revoke", flags, a, b, "--yes")...)
	if r.code != exitcode.Unknown {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	if !strings.Contains(r.out, "revoked "+a) || !strings.Contains(r.err, "beta-bot\" may have been revoked") ||
		!strings.Contains(r.err, "check with 'tokentui list'") || strings.Contains(r.err, "failed") {
		t.Errorf("out %q err %q", r.out, r.err)
	}
}

func TestRevokePartialFailureExits1NamingWhich(t *testing.T) {
	g := goodAccess(t, emulator.GoodAccessOptions{NoSeed: true})
	a, b := issueTwo(g)
	o, flags := against("goodaccess", failingProxy(t, g.URL, b, http.StatusConflict), g.AdminToken)
	before := g.Len()
	r := run(t, o, args("revoke", flags, a, b, "--yes")...)
	if r.code != exitcode.Failure {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	if g.Len() != before-1 || !strings.Contains(r.out, "revoked "+a) {
		t.Errorf("the good revoke did not happen: out %q", r.out)
	}
	if !strings.Contains(r.err, "failed to revoke "+b) || !strings.Contains(r.err, "beta-bot") || !strings.Contains(r.err, "database is on fire") {
		t.Errorf("stderr does not name the failure and why: %q", r.err)
	}
}

func TestRevokeUnresolvedArgumentsRevokeNothing(t *testing.T) {
	g := goodAccess(t, emulator.GoodAccessOptions{NoSeed: true})
	a, _ := issueTwo(g)
	o, flags := against("goodaccess", g.URL, g.AdminToken)
	before := g.Len()
	cases := []struct {
		ids  []string
		code int
		want string
	}{
		{[]string{a, "00000000-0000-4000-8000-000000000000"}, exitcode.Failure, "no token with id"},
		{[]string{a, "abc"}, exitcode.Usage, "at least 6 characters"},
		{[]string{}, exitcode.Usage, "at least one token ID"},
	}
	for _, c := range cases {
		r := run(t, o, append(args("revoke", flags, c.ids...), "--yes")...)
		if r.code != c.code || !strings.Contains(r.err, c.want) {
			t.Errorf("%v: exit %d err %q", c.ids, r.code, r.err)
		}
	}
	if g.Len() != before {
		t.Fatalf("tokens %d → %d", before, g.Len())
	}
}

func TestResolveAmbiguousPrefix(t *testing.T) {
	tokens := []client.Token{{ID: "abcdef01-1"}, {ID: "abcdef02-2"}, {ID: "123456-3"}}
	if _, problem, usage := resolveOne("abcdef", tokens); !usage || !strings.Contains(problem, "matches 2 tokens") {
		t.Errorf("ambiguous: problem %q usage %v", problem, usage)
	}
	if tok, problem, _ := resolveOne("abcdef02", tokens); problem != "" || tok.ID != "abcdef02-2" {
		t.Errorf("unique prefix: %q %q", tok.ID, problem)
	}
	if _, err := resolveTargets([]string{"abcdef"}, tokens); exitCode(err) != exitcode.Usage {
		t.Errorf("ambiguous exit %d", exitCode(err))
	}
}

func TestRevokeUnleashBySecret(t *testing.T) {
	u := unleashServer(t)
	secret := u.IssueToken("doomed", "client", []string{"default"}, "development", time.Time{})
	o, flags := against("unleash", u.URL, u.AdminToken)
	before := u.Len()
	r := run(t, o, args("revoke", flags, secret, "--yes")...)
	if r.code != 0 || u.Len() != before-1 {
		t.Fatalf("exit %d err %q, tokens %d → %d", r.code, r.err, before, u.Len())
	}
	hash := secret[strings.LastIndex(secret, ".")+1:]
	if strings.Contains(r.out+r.err, hash) {
		t.Fatal("the secret is echoed")
	}
}

func TestRevokeAuthFailureExits3(t *testing.T) {
	g := goodAccess(t, emulator.GoodAccessOptions{NoSeed: true})
	a, _ := issueTwo(g)
	_, reader := g.IssueToken("reader", []string{"token.read-all"}, time.Time{}, nil)
	o, flags := against("goodaccess", g.URL, reader)
	before := g.Len()
	r := run(t, o, args("revoke", flags, a, "--yes")...)
	if r.code != exitcode.Auth || g.Len() != before || !strings.Contains(r.err, "token.delete") {
		t.Fatalf("exit %d err %q", r.code, r.err)
	}
}

// blockingReader never returns, like a terminal nobody types into.
type blockingReader struct{ ch chan struct{} }

func (b blockingReader) Read([]byte) (int, error) { <-b.ch; return 0, io.EOF }

func TestRevokePromptEndsOnCancel(t *testing.T) {
	g := goodAccess(t, emulator.GoodAccessOptions{NoSeed: true})
	a, _ := issueTwo(g)
	before := g.Len()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	block := blockingReader{make(chan struct{})}
	defer close(block.ch)
	var errb strings.Builder
	env := map[string]string{"TOKENTUI_TOKEN": g.AdminToken, "XDG_CONFIG_HOME": t.TempDir()}
	code := Execute(ctx, []string{"revoke", "--provider", "goodaccess", "--url", g.URL, a}, IO{
		In: block, InIsTerminal: true, Err: &errb, Env: func(k string) string { return env[k] },
	}, nil)
	if code != exitcode.Usage || !strings.Contains(errb.String(), "interrupted") || g.Len() != before {
		t.Fatalf("exit %d err %q", code, errb.String())
	}
}

// The admin token in use is refused unless --allow-self: --yes alone is
// not enough. With the flag it is revoked after the others.
func TestRevokeSelfNeedsAllowSelf(t *testing.T) {
	b := border0Server(t)
	o, flags := against("border0", b.URL, b.AdminToken)
	var selfID, otherID string
	for _, tok := range decodeList(t, run(t, o, args("list", flags, "--json")...).out) {
		switch {
		case tok["self"] == true:
			selfID = tok["id"].(string)
		case otherID == "":
			otherID = tok["id"].(string)
		}
	}
	if selfID == "" || otherID == "" {
		t.Fatal("no admin token marked self in the Border0 list")
	}
	before := b.Len()
	r := run(t, o, args("revoke", flags, selfID, otherID, "--yes")...)
	if r.code != exitcode.Usage || b.Len() != before || !strings.Contains(r.err, "the admin token this command runs with") ||
		!strings.Contains(r.err, "--allow-self") || !strings.Contains(r.err, "nothing revoked") {
		t.Fatalf("--yes alone: exit %d, %d → %d tokens, err %q", r.code, before, b.Len(), r.err)
	}
	r = run(t, o, args("revoke", flags, selfID, otherID, "--yes", "--allow-self")...)
	if r.code != 0 || b.Len() != before-2 {
		t.Fatalf("--allow-self: exit %d, err %q", r.code, r.err)
	}
	if strings.Index(r.out, otherID) > strings.Index(r.out, selfID) || !strings.Contains(r.err, "tokentui loses access") {
		t.Errorf("the admin token must go last, said so: out %q err %q", r.out, r.err)
	}
}
