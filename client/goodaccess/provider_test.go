package goodaccess

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator"
)

// These tests run the provider against the GoodAccess emulator: real HTTP on
// loopback, real auth, scopes, expiry, allowed IPs and validation.

func newEmulator(t *testing.T, opts emulator.GoodAccessOptions) *emulator.GoodAccess {
	t.Helper()
	g, err := emulator.NewGoodAccess(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(g.Close)
	return g
}

func newProvider(t *testing.T, url, token string) *Provider {
	t.Helper()
	p, err := New(client.Connection{BaseURL: url, Token: token, Timeout: 5 * time.Second, RetryBackoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// allScopesBut is every catalog scope except the named one.
func allScopesBut(scope string) []string {
	return slices.DeleteFunc(catalog().AllScopes(), func(s string) bool { return s == scope })
}

func TestKindAndDisplayName(t *testing.T) {
	p := newProvider(t, "", "x")
	if p.Kind() != "goodaccess" || p.DisplayName() != "GoodAccess" {
		t.Fatalf("Kind/DisplayName = %q/%q", p.Kind(), p.DisplayName())
	}
	if p.baseURL != DefaultBaseURL {
		t.Fatalf("empty BaseURL should default to %s, got %s", DefaultBaseURL, p.baseURL)
	}
}

func TestNewRefusesUnusableConnections(t *testing.T) {
	for _, conn := range []client.Connection{
		{BaseURL: "https://integration.goodaccess.com", Token: "  "},
		{BaseURL: "integration.goodaccess.com", Token: "t"},
		{BaseURL: "ftp://integration.goodaccess.com", Token: "t"},
		{BaseURL: "https://x", Token: "t", CAFile: "/nonexistent/ca.pem"},
	} {
		if _, err := New(conn); err == nil {
			t.Errorf("New(%+v) succeeded, want an error", conn)
		} else if conn.Token == "t" && strings.Contains(err.Error(), conn.Token+"\"") {
			t.Errorf("error names the token: %v", err)
		}
	}
}

func TestListSeededTokens(t *testing.T) {
	g := newEmulator(t, emulator.GoodAccessOptions{})
	p := newProvider(t, g.URL, g.AdminToken)
	tokens, err := p.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(tokens) != g.Len() || len(tokens) < 10 {
		t.Fatalf("listed %d tokens, emulator holds %d", len(tokens), g.Len())
	}
	byName := map[string]client.Token{}
	for _, tok := range tokens {
		byName[tok.Name] = tok
		if tok.ID == "" || tok.CreatedAt.IsZero() || len(tok.Scopes) == 0 {
			t.Errorf("incomplete token %+v", tok)
		}
		if tok.CreatedAt.Location() != time.UTC {
			t.Errorf("%s: created_at not in UTC", tok.Name)
		}
	}
	admin := byName["tokentui demo admin"]
	if admin.Expires() || len(admin.Scopes) != 52 {
		t.Errorf("admin token: expires=%v scopes=%d; want never and 52", admin.Expires(), len(admin.Scopes))
	}
	if admin.LastUsedAt.IsZero() || time.Since(admin.LastUsedAt) > time.Minute {
		t.Errorf("admin token's last use should be this request, got %v", admin.LastUsedAt)
	}
	splunk := byName["splunk-siem-log-export"]
	if !slices.Contains(splunk.AllowedIPs, "198.51.100.0/24") || !slices.Contains(splunk.Scopes, "admin-logs.read") {
		t.Errorf("splunk token = %+v", splunk)
	}
	now := time.Now()
	var expired, soon, neverUsed int
	for _, tok := range tokens {
		if tok.ExpiredAt(now) {
			expired++
		}
		if tok.ExpiresWithin(now, 7*24*time.Hour) {
			soon++
		}
		if tok.LastUsedAt.IsZero() {
			neverUsed++
		}
	}
	if expired == 0 || soon == 0 || neverUsed == 0 {
		t.Errorf("seed should hold expired (%d), expiring-soon (%d) and never-used (%d) tokens", expired, soon, neverUsed)
	}
}

func TestGet(t *testing.T) {
	g := newEmulator(t, emulator.GoodAccessOptions{NoSeed: true})
	exp := time.Now().Add(48 * time.Hour).UTC().Truncate(time.Second)
	id, _ := g.IssueToken("reader", []string{"members.read", "groups.read-all"}, exp, []string{"2001:db8::/32", "192.0.2.1"})
	p := newProvider(t, g.URL, g.AdminToken)
	tok, err := p.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if tok.ID != id || tok.Name != "reader" || !tok.ExpiresAt.Equal(exp) || !tok.LastUsedAt.IsZero() ||
		!slices.Equal(tok.Scopes, []string{"members.read", "groups.read-all"}) ||
		!slices.Equal(tok.AllowedIPs, []string{"2001:db8::/32", "192.0.2.1"}) {
		t.Fatalf("Get = %+v", tok)
	}
}

func TestCreateReturnsTheFullTokenAndAWorkingSecret(t *testing.T) {
	g := newEmulator(t, emulator.GoodAccessOptions{NoSeed: true})
	p := newProvider(t, g.URL, g.AdminToken)
	exp := time.Now().Add(30 * 24 * time.Hour)
	c, err := p.Create(context.Background(), client.NewToken{
		Name:       "  ci deploy  ",
		Scopes:     []string{"token.read-all", "systems.read", "token.read-all"},
		ExpiresAt:  exp,
		AllowedIPs: []string{"127.0.0.1", "10.1.2.3/16", "", "2001:0db8:0000::1"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.Warning != "" || !strings.HasPrefix(c.Secret, "ga_") {
		t.Fatalf("Created = %+v", c)
	}
	want := client.Token{ID: c.Token.ID, Name: "ci deploy",
		Scopes:     []string{"token.read-all", "systems.read"},
		AllowedIPs: []string{"127.0.0.1", "10.1.0.0/16", "2001:db8::1"}}
	got := c.Token
	if got.ID == "" || got.Name != want.Name || !slices.Equal(got.Scopes, want.Scopes) || !slices.Equal(got.AllowedIPs, want.AllowedIPs) {
		t.Fatalf("created token = %+v, want %+v", got, want)
	}
	if !got.ExpiresAt.Equal(exp.UTC().Truncate(time.Second)) || got.CreatedAt.IsZero() {
		t.Fatalf("dates: created %v expires %v (asked %v)", got.CreatedAt, got.ExpiresAt, exp)
	}
	if g.Len() != 2 {
		t.Fatalf("emulator holds %d tokens, want admin + new", g.Len())
	}
	// The secret is real: it authenticates, and its own scopes apply.
	q := newProvider(t, g.URL, c.Secret)
	if _, err := q.List(context.Background()); err != nil {
		t.Fatalf("listing with the new secret: %v", err)
	}
	var fe *client.ForbiddenError
	if err := q.Revoke(context.Background(), got); !errors.As(err, &fe) || fe.Need != "token.delete" {
		t.Fatalf("revoke with a token lacking token.delete = %v", err)
	}
}

func TestCreateNeverExpiringWithoutIPs(t *testing.T) {
	g := newEmulator(t, emulator.GoodAccessOptions{NoSeed: true})
	p := newProvider(t, g.URL, g.AdminToken)
	c, err := p.Create(context.Background(), client.NewToken{Name: "forever", Scopes: []string{"admin-logs.read"}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Token.Expires() || len(c.Token.AllowedIPs) != 0 {
		t.Fatalf("token = %+v; want no expiry, any IP", c.Token)
	}
}

func TestRevoke(t *testing.T) {
	g := newEmulator(t, emulator.GoodAccessOptions{NoSeed: true})
	id, secret := g.IssueToken("doomed", []string{"token.read"}, time.Time{}, nil)
	p := newProvider(t, g.URL, g.AdminToken)
	if err := p.Revoke(context.Background(), client.Token{ID: id}); err != nil {
		t.Fatal(err)
	}
	if g.Len() != 1 {
		t.Fatalf("emulator still holds %d tokens", g.Len())
	}
	var nf *client.NotFoundError
	if err := p.Revoke(context.Background(), client.Token{ID: id}); !errors.As(err, &nf) || !strings.Contains(err.Error(), id) {
		t.Fatalf("second revoke = %v, want not found naming the id", err)
	}
	// A revoked secret no longer authenticates.
	var ue *client.UnauthorizedError
	if _, err := newProvider(t, g.URL, secret).Get(context.Background(), id); !errors.As(err, &ue) {
		t.Fatalf("revoked secret: %v", err)
	}
}

func TestUnauthorized(t *testing.T) {
	g := newEmulator(t, emulator.GoodAccessOptions{NoSeed: true})
	_, expired := g.IssueToken("old", catalog().AllScopes(), time.Now().Add(-time.Hour), nil)
	_, elsewhere := g.IssueToken("office only", catalog().AllScopes(), time.Time{}, []string{"203.0.113.0/24", "2001:db8::/32"})
	_, loopback := g.IssueToken("this host", []string{"token.read-all"}, time.Time{}, []string{"127.0.0.0/8"})
	cases := map[string]struct{ token, says string }{
		"unknown token":  {"ga_" + strings.Repeat("0", 40), "Unauthenticated"},
		"expired token":  {expired, "expired"},
		"IP not allowed": {elsewhere, "127.0.0.1"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			p := newProvider(t, g.URL, c.token)
			_, err := p.List(context.Background())
			var ue *client.UnauthorizedError
			if !errors.As(err, &ue) || !client.IsAuth(err) {
				t.Fatalf("List = %v, want UnauthorizedError", err)
			}
			if !strings.Contains(err.Error(), c.says) {
				t.Errorf("error %q should carry the server's reason %q", err, c.says)
			}
			if strings.Contains(err.Error(), c.token) {
				t.Errorf("error contains the token")
			}
		})
	}
	if _, err := newProvider(t, g.URL, loopback).List(context.Background()); err != nil {
		t.Fatalf("a token allowed from 127.0.0.0/8 was refused: %v", err)
	}
}

func TestForbiddenNamesTheMissingScope(t *testing.T) {
	g := newEmulator(t, emulator.GoodAccessOptions{NoSeed: true})
	victim, _ := g.IssueToken("victim", []string{"members.read"}, time.Time{}, nil)
	ctx := context.Background()
	calls := map[string]func(p *Provider) error{
		"token.read-all": func(p *Provider) error { _, err := p.List(ctx); return err },
		"token.read":     func(p *Provider) error { _, err := p.Get(ctx, victim); return err },
		"token.create": func(p *Provider) error {
			_, err := p.Create(ctx, client.NewToken{Name: "n", Scopes: []string{"members.read"}})
			return err
		},
		"token.delete": func(p *Provider) error { return p.Revoke(ctx, client.Token{ID: victim}) },
	}
	for scope, call := range calls {
		t.Run(scope, func(t *testing.T) {
			_, secret := g.IssueToken("lacks "+scope, allScopesBut(scope), time.Time{}, nil)
			err := call(newProvider(t, g.URL, secret))
			var fe *client.ForbiddenError
			if !errors.As(err, &fe) || fe.Need != scope {
				t.Fatalf("err = %v, want ForbiddenError{Need: %s}", err, scope)
			}
			if !strings.Contains(err.Error(), scope) {
				t.Errorf("message %q does not name %s", err, scope)
			}
		})
	}
	if g.Len() != 6 {
		t.Fatalf("a forbidden call changed the store: %d tokens", g.Len())
	}
}

func TestNotFound(t *testing.T) {
	g := newEmulator(t, emulator.GoodAccessOptions{NoSeed: true})
	p := newProvider(t, g.URL, g.AdminToken)
	for _, id := range []string{"6a1f0c3e-0000-4000-8000-000000000000", "not-a-uuid", "../tokens", ".."} {
		_, err := p.Get(context.Background(), id)
		var nf *client.NotFoundError
		if !errors.As(err, &nf) {
			t.Errorf("Get(%q) = %v, want NotFoundError", id, err)
		}
		if err := p.Revoke(context.Background(), client.Token{ID: id}); !errors.As(err, &nf) {
			t.Errorf("Revoke(%q) = %v, want NotFoundError", id, err)
		}
	}
	if _, err := p.Get(context.Background(), ""); err == nil {
		t.Error("Get(\"\") succeeded")
	}
	if err := p.Revoke(context.Background(), client.Token{}); err == nil {
		t.Error("Revoke without id succeeded")
	}
	if g.Len() != 1 {
		t.Fatalf("store changed: %d", g.Len())
	}
}

func TestWrongBaseURLPathIsNotFoundWithAHint(t *testing.T) {
	g := newEmulator(t, emulator.GoodAccessOptions{NoSeed: true})
	p := newProvider(t, g.URL+"/v2", g.AdminToken)
	_, err := p.List(context.Background())
	var nf *client.NotFoundError
	if !errors.As(err, &nf) || !strings.Contains(err.Error(), "base URL") {
		t.Fatalf("List at a wrong path = %v", err)
	}
}

// The emulator's own validation, reached by pinning the provider's clock so
// its check passes and the server's refuses.
func TestServerValidationMapsToFields(t *testing.T) {
	g := newEmulator(t, emulator.GoodAccessOptions{NoSeed: true})
	p := newProvider(t, g.URL, g.AdminToken)
	p.now = func() time.Time { return time.Now().Add(-72 * time.Hour) }
	_, err := p.Create(context.Background(), client.NewToken{
		Name: "late", Scopes: []string{"token.read"}, ExpiresAt: time.Now().Add(-time.Hour),
	})
	var ve *client.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want ValidationError", err)
	}
	if msgs := ve.Fields[client.FieldExpiresAt]; len(msgs) != 1 || !strings.Contains(msgs[0], "after now") {
		t.Fatalf("fields = %v", ve.Fields)
	}
	if ve.Message != "The given data was invalid." {
		t.Errorf("message = %q", ve.Message)
	}
	if g.Len() != 1 {
		t.Fatal("a refused create stored a token")
	}
}

func TestEveryCatalogScopeIsAcceptedByTheServer(t *testing.T) {
	g := newEmulator(t, emulator.GoodAccessOptions{NoSeed: true})
	p := newProvider(t, g.URL, g.AdminToken)
	all := catalog().AllScopes()
	c, err := p.Create(context.Background(), client.NewToken{Name: "all", Scopes: all})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.Token.Scopes, all) {
		t.Fatalf("scopes read back = %v", c.Token.Scopes)
	}
}

// When the follow-up GET fails the secret must still come back: the token
// exists and the server will never send its secret again.
func TestCreateKeepsTheSecretWhenReadBackFails(t *testing.T) {
	g := newEmulator(t, emulator.GoodAccessOptions{NoSeed: true})
	_, creator := g.IssueToken("create only", []string{"token.create"}, time.Time{}, nil)
	p := newProvider(t, g.URL, creator)
	exp := time.Now().Add(time.Hour)
	c, err := p.Create(context.Background(), client.NewToken{Name: "blind", Scopes: []string{"admin-logs.read"}, ExpiresAt: exp, AllowedIPs: []string{"192.0.2.0/24"}})
	if err != nil {
		t.Fatalf("Create = %v; the secret would be lost", err)
	}
	if c.Secret == "" || !strings.HasPrefix(c.Warning, "created, but reading it back failed") || !strings.Contains(c.Warning, "token.read") {
		t.Fatalf("Created = %+v", c)
	}
	if strings.Contains(c.Warning, c.Secret) || strings.Contains(c.Warning, creator) {
		t.Fatal("the warning carries a secret")
	}
	tok := c.Token
	if tok.ID == "" || tok.Name != "blind" || !slices.Equal(tok.Scopes, []string{"admin-logs.read"}) ||
		!slices.Equal(tok.AllowedIPs, []string{"192.0.2.0/24"}) || !tok.ExpiresAt.Equal(exp.UTC().Truncate(time.Second)) {
		t.Fatalf("fallback token = %+v", tok)
	}
	admin := newProvider(t, g.URL, g.AdminToken)
	if got, err := admin.Get(context.Background(), tok.ID); err != nil || got.Name != "blind" {
		t.Fatalf("the id in the fallback token does not name the new token: %v %+v", err, got)
	}
}

func TestHostileNamesAreSanitised(t *testing.T) {
	g := newEmulator(t, emulator.GoodAccessOptions{NoSeed: true})
	hostile := "\x1b]52;c;cm0gLXJmIH4=\x07evil\x1b[2J\x1b[31m-\u202etoken\x1b]0;pwned\x1b\\\r\nname\u009b1;1H"
	id, _ := g.IssueToken(hostile, []string{"token.read", "\x1b[5mtoken.delete"}, time.Time{}, []string{"10.0.0.1\x07"})
	p := newProvider(t, g.URL, g.AdminToken)
	check := func(tok client.Token) {
		t.Helper()
		if tok.Name != "evil-⟨U+202E⟩token  name" { // the bidi override shown, not obeyed
			t.Errorf("name = %q", tok.Name)
		}
		for _, s := range append(append([]string{tok.Name}, tok.Scopes...), tok.AllowedIPs...) {
			if strings.ContainsAny(s, "\x1b\x07\u009b\r\n\u202e") {
				t.Errorf("unsanitised string %q", s)
			}
		}
	}
	tokens, err := p.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range tokens {
		if tok.ID == id {
			check(tok)
		}
	}
	tok, err := p.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	check(tok)
}

func TestConcurrentUse(t *testing.T) {
	g := newEmulator(t, emulator.GoodAccessOptions{})
	p := newProvider(t, g.URL, g.AdminToken)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := 0; i < 4; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			c, err := p.Create(ctx, client.NewToken{Name: "parallel", Scopes: []string{"token.read"}})
			if err == nil {
				err = p.Revoke(ctx, c.Token)
			}
			errs <- err
		}()
		go func() {
			defer wg.Done()
			_, err := p.List(ctx)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestCatalogFromProvider(t *testing.T) {
	p := newProvider(t, "", "x")
	c, err := p.Catalog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	c.ScopeGroups[0].Scopes[0].Name = "mutated"
	c2, _ := p.Catalog(context.Background())
	if c2.ScopeGroups[0].Scopes[0].Name != "members.create" {
		t.Fatal("a caller's change to the catalog leaked into the next one")
	}
}
