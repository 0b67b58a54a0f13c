package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator"
	"github.com/tokentui/tokentui/client/hostile"
	"github.com/tokentui/tokentui/tui/exitcode"
)

func TestCreateWhoseAnswerIsLostSaysSoAndFindsIt(t *testing.T) {
	g := goodAccess(t, emulator.GoodAccessOptions{NoSeed: true})
	url, _ := hostile.LossyProxy(t, g.URL, "", hostile.Losses["500 from a proxy after the commit"].Spoil)
	o, flags := against("goodaccess", url, g.AdminToken)
	before := g.Len()
	r := run(t, o, args("create", flags, "--name", "ci-deploy", "--scope", "token.read")...)
	if r.code != exitcode.Unknown {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	if g.Len() != before+1 {
		t.Fatalf("%d tokens made, want exactly 1 (no retry)", g.Len()-before)
	}
	for _, want := range []string{`"ci-deploy" may have been created`, "does not retry", "it is in the list now", "revoke it with 'tokentui revoke "} {
		if !strings.Contains(r.err, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.err)
		}
	}
	if strings.Contains(r.err, "cannot reach the server") || r.out != "" {
		t.Errorf("reported as a plain failure, or printed %q", r.out)
	}
}

func TestCreateWithTheSecretElsewhereStillPrintsIt(t *testing.T) {
	u := unleashServer(t)
	url, _ := hostile.LossyProxy(t, u.URL, "", hostile.Losses["secret under another name"].Spoil)
	o, flags := against("unleash", url, u.AdminToken)
	create := args("create", flags, "--name", "edge", "--type", "client", "--environment", "production", "--project", "*")
	r := run(t, o, create...)
	if r.code != exitcode.Unknown {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	secret := strings.TrimSpace(r.out)
	if !strings.HasPrefix(secret, "*:production.") || !strings.Contains(r.err, "may be the secret") {
		t.Fatalf("stdout %q, stderr:\n%s", r.out, r.err)
	}
	// The candidate is the real secret: the new token's, as the list masks it.
	lo, lflags := against("unleash", u.URL, u.AdminToken)
	found := false
	for _, tok := range decodeList(t, run(t, lo, args("list", lflags, "--json")...).out) {
		found = found || tok["name"] == "edge" && tok["secret_masked"] == client.MaskSecret(secret)
	}
	if !found {
		t.Fatal("the candidate printed is not the secret of the token made")
	}
	r = run(t, o, args("create", flags, "--name", "edge-json", "--type", "client", "--environment", "production", "--project", "*", "--json")...)
	var v struct {
		Outcome    string
		Accepted   bool
		Candidates []string
		Searched   bool
		Found      []map[string]any
	}
	if err := json.Unmarshal([]byte(r.out), &v); err != nil || v.Outcome != "unknown" || !v.Accepted || len(v.Candidates) != 1 ||
		!v.Searched || len(v.Found) != 1 || v.Found[0]["name"] != "edge-json" || keys(v.Found[0]) != tokenKeys {
		t.Fatalf("--json: %v %+v\n%s", err, v, r.out)
	}
}

// ctrl+c while the create is in flight waits for the answer rather than
// throw away a secret the server may already have made.
func TestCreateInterruptedInFlightWaitsForTheSecret(t *testing.T) {
	g := goodAccess(t, emulator.GoodAccessOptions{NoSeed: true})
	ctx, interrupt := context.WithCancel(context.Background())
	arrived := make(chan struct{})
	url, _ := hostile.LossyProxy(t, g.URL, "", func(w http.ResponseWriter, status int, body []byte) {
		close(arrived)
		time.Sleep(300 * time.Millisecond) // the answer is slow; ctrl+c comes meanwhile
		w.WriteHeader(status)
		w.Write(body)
	})
	go func() { <-arrived; interrupt() }()
	var out, errb bytes.Buffer
	env := map[string]string{"TOKENTUI_TOKEN": g.AdminToken, "XDG_CONFIG_HOME": t.TempDir()}
	code := Execute(ctx, []string{"create", "--provider", "goodaccess", "--url", url, "--name", "slow", "--scope", "token.read"}, IO{
		Out: &out, Err: &errb, Env: func(k string) string { return env[k] }, Now: func() time.Time { return testNow },
	}, nil)
	if code != 0 || !strings.HasPrefix(out.String(), "ga_") || !strings.Contains(errb.String(), "interrupted: waiting for the answer to the create") {
		t.Fatalf("exit %d, out %q, err:\n%s", code, out.String(), errb.String())
	}
}

// ctrl+c during a revoke waits for the DELETE in flight (it may be carried
// out either way) and starts no other.
func TestRevokeInterruptedInFlightWaitsAndStops(t *testing.T) {
	g := goodAccess(t, emulator.GoodAccessOptions{NoSeed: true})
	a, b := issueTwo(g)
	ctx, interrupt := context.WithCancel(context.Background())
	first := make(chan struct{})
	target := g.URL
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodDelete {
			select {
			case <-first:
			default:
				close(first)
				time.Sleep(300 * time.Millisecond)
			}
		}
		req, _ := http.NewRequest(r.Method, target+r.URL.RequestURI(), r.Body)
		req.Header = r.Header.Clone()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		w.WriteHeader(resp.StatusCode)
		io.Copy(w, resp.Body)
	}))
	defer srv.Close()
	go func() { <-first; interrupt() }()
	var out, errb bytes.Buffer
	env := map[string]string{"TOKENTUI_TOKEN": g.AdminToken, "XDG_CONFIG_HOME": t.TempDir()}
	before := g.Len()
	code := Execute(ctx, []string{"revoke", "--provider", "goodaccess", "--url", srv.URL, a, b, "--yes"}, IO{
		Out: &out, Err: &errb, Env: func(k string) string { return env[k] }, Now: func() time.Time { return testNow },
	}, nil)
	if code != exitcode.Failure || g.Len() != before-1 || !strings.Contains(out.String(), "revoked "+a) ||
		!strings.Contains(errb.String(), "interrupted: waiting for the answer") || !strings.Contains(errb.String(), "1 token(s) not revoked") {
		t.Fatalf("exit %d, %d revoked, out %q, err:\n%s", code, before-g.Len(), out.String(), errb.String())
	}
}
