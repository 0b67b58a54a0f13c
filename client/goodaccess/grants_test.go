package goodaccess

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator"
)

// GoodAccess documents a create body of name, expires_at and allowed_ips;
// a server that follows it ignores the scopes tokentui sends. The token it
// reports is what counts.
func TestCreateSaysWhenTheServerIgnoredTheScopes(t *testing.T) {
	g := newEmulator(t, emulator.GoodAccessOptions{NoSeed: true, IgnoreScopes: true})
	created, err := newProvider(t, g.URL, g.AdminToken).Create(context.Background(), client.NewToken{
		Name: "siem", Scopes: []string{"system-logs.read", "admin-logs.read", "gateway-log.read"}, AllowedIPs: []string{"203.0.113.10"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(created.GrantDiffs) != 1 || created.GrantDiffs[0] != "requested 3 scopes, the server granted none" {
		t.Errorf("differences %q", created.GrantDiffs)
	}
	if created.Warning != "" || created.GrantsUnconfirmed != "" || len(created.Token.Scopes) != 0 || created.Token.AllowedIPs[0] != "203.0.113.10" {
		t.Errorf("created %+v", created)
	}
}

// The zone of expires_at ("Y-m-d H:i:s") is not documented. A server in
// another zone than the profile's shifts the expiry by whole hours, which
// the read-back shows; with the profile's timezone set right, none.
func TestExpiryTimeZone(t *testing.T) {
	prague, err := time.LoadLocation("Europe/Prague")
	if err != nil {
		t.Fatal(err)
	}
	g := newEmulator(t, emulator.GoodAccessOptions{NoSeed: true, Zone: prague})
	exp := time.Now().Add(30 * 24 * time.Hour).UTC().Truncate(time.Second)
	req := client.NewToken{Name: "tz", Scopes: []string{"token.read"}, ExpiresAt: exp}

	utc := newProvider(t, g.URL, g.AdminToken)
	created, err := utc.Create(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	_, offset := time.Now().In(prague).Zone() // 1h in winter, 2h in summer
	ahead := (time.Duration(offset) * time.Second).String() + " ahead of this clock"
	if len(created.GrantDiffs) != 1 || !strings.Contains(created.GrantDiffs[0], ahead) || !strings.Contains(created.GrantDiffs[0], "another time zone") {
		t.Errorf("UTC profile against a Prague server: %q", created.GrantDiffs)
	}

	inPrague, err := New(client.Connection{BaseURL: g.URL, Token: g.AdminToken, TimeZone: prague})
	if err != nil {
		t.Fatal(err)
	}
	created, err = inPrague.Create(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(created.GrantDiffs) != 0 || !created.Token.ExpiresAt.Equal(exp) {
		t.Errorf("timezone: Europe/Prague: %q, expiry %v want %v", created.GrantDiffs, created.Token.ExpiresAt, exp)
	}
	tokens, _ := inPrague.List(context.Background())
	for _, tok := range tokens {
		if tok.ID == created.Token.ID && !tok.ExpiresAt.Equal(exp) {
			t.Errorf("listed expiry %v, want %v", tok.ExpiresAt, exp)
		}
	}
}

// A token that cannot be read back is not reported as granted what was
// asked for.
func TestCreateWithoutReadBackLeavesTheGrantsUnconfirmed(t *testing.T) {
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.Method == http.MethodPost {
			answer(w, http.StatusOK, `{"created_id":"5e9b1d3f-7a2c-4b6e-a8d0-4f6b8c0e2a3d","token":"ga_s3cret"}`)
			return
		}
		answer(w, http.StatusInternalServerError, `{"message":"boom"}`)
	})
	created, err := newProvider(t, srv.URL, "admin").Create(context.Background(), newTok)
	if err != nil {
		t.Fatal(err)
	}
	if created.Secret != "ga_s3cret" || created.Warning == "" || !strings.Contains(created.GrantsUnconfirmed, "not as granted") || len(created.GrantDiffs) != 0 {
		t.Errorf("created %+v", created)
	}
}

func TestTestConnection(t *testing.T) {
	g := newEmulator(t, emulator.GoodAccessOptions{NoSeed: true})
	msg, err := newProvider(t, g.URL, g.AdminToken).TestConnection(context.Background())
	if err != nil || msg != "Connection has been established successfully." {
		t.Errorf("ok: %q, %v", msg, err)
	}
	// A token with no scope at all still passes: the check needs none.
	_, bare := g.IssueToken("no scopes", nil, time.Time{}, nil)
	if _, err := newProvider(t, g.URL, bare).TestConnection(context.Background()); err != nil {
		t.Errorf("a token without scopes: %v", err)
	}
	var ua *client.UnauthorizedError
	if _, err := newProvider(t, g.URL, "ga_wrong").TestConnection(context.Background()); !errors.As(err, &ua) {
		t.Errorf("wrong token: %v", err)
	}
	_, err = newProvider(t, g.URL+"/oops", g.AdminToken).TestConnection(context.Background())
	var se *client.ServerError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "no GoodAccess Integration API at "+g.URL+"/oops") {
		t.Errorf("wrong URL: %v", err)
	}
	html, _ := server(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<html>login</html>"))
	})
	if _, err := newProvider(t, html.URL, "x").TestConnection(context.Background()); err == nil || !strings.Contains(err.Error(), "HTML") {
		t.Errorf("an HTML page: %v", err)
	}
}
