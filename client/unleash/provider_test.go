package unleash

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator"
)

var testNow = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

func newEmulator(t *testing.T, opts emulator.UnleashOptions) *emulator.Unleash {
	t.Helper()
	if opts.Clock == nil {
		opts.Clock = func() time.Time { return testNow }
	}
	u, err := emulator.NewUnleash(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(u.Close)
	return u
}

func newProvider(t *testing.T, url, token string) *Provider {
	t.Helper()
	p, err := New(client.Connection{BaseURL: url, Token: token, Retries: -1, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	p.now = func() time.Time { return testNow }
	return p
}

func findSecret(tokens []client.Token, secret string) (client.Token, bool) {
	for _, t := range tokens {
		if t.Secret == secret {
			return t, true
		}
	}
	return client.Token{}, false
}

func TestUnleashNewNeedsAnInstanceURLAndAToken(t *testing.T) {
	for _, c := range []struct{ url, token, want string }{
		{"", "x", "no default URL"},
		{"unleash.example.com", "x", "not an http(s) URL"},
		{"ftp://unleash.example.com", "x", "not an http(s) URL"},
		{"https://user:pw@unleash.example.com", "x", "must not contain a user name"},
		{"https://unleash.example.com", " ", TokenEnv},
	} {
		if _, err := New(client.Connection{BaseURL: c.url, Token: c.token}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("New(%q): %v, want an error about %q", c.url, err, c.want)
		}
	}
	for in, want := range map[string]string{
		"https://unleash.example.com":               "https://unleash.example.com",
		"https://unleash.example.com/":              "https://unleash.example.com",
		"https://unleash.example.com/api/":          "https://unleash.example.com",
		"https://unleash.example.com/api/admin":     "https://unleash.example.com",
		"https://example.com/unleash/api?x=1#frag":  "https://example.com/unleash",
		"http://127.0.0.1:4242/feature-flags/api/":  "http://127.0.0.1:4242/feature-flags",
		"https://example.com/apis":                  "https://example.com/apis",
		"  https://unleash.example.com/api/admin/ ": "https://unleash.example.com",
	} {
		if got, err := baseURL(in); err != nil || got != want {
			t.Errorf("baseURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	p := newProvider(t, "http://127.0.0.1:1", "x")
	if p.Kind() != "unleash" || p.DisplayName() != "Unleash" {
		t.Errorf("Kind %q DisplayName %q", p.Kind(), p.DisplayName())
	}
}

func TestUnleashListMapsEveryField(t *testing.T) {
	u := newEmulator(t, emulator.UnleashOptions{})
	p := newProvider(t, u.URL+"/api/", u.AdminToken) // the SDK-style URL works
	tokens, err := p.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(tokens) != u.Len() {
		t.Fatalf("listed %d, emulator holds %d", len(tokens), u.Len())
	}
	admin, ok := findSecret(tokens, u.AdminToken)
	if !ok || admin.Role != "admin" || admin.Environment != "*" || len(admin.Projects) != 1 || admin.Projects[0] != "*" || admin.Expires() {
		t.Fatalf("admin token %+v", admin)
	}
	if admin.ID != client.Fingerprint(u.AdminToken) || admin.Name != "admin" || admin.CreatedAt.IsZero() || admin.LastUsedAt.IsZero() {
		t.Errorf("admin token %+v", admin)
	}
	var multi, expiring, neverUsed bool
	for _, tok := range tokens {
		if tok.Role == "backend" {
			t.Errorf("%s listed as backend; Unleash lists backend tokens as client", tok.Name)
		}
		if strings.HasPrefix(tok.Secret, "[]:") {
			multi = len(tok.Projects) > 1
		}
		expiring = expiring || tok.ExpiresWithin(testNow, 30*24*time.Hour)
		neverUsed = neverUsed || tok.LastUsedAt.IsZero()
	}
	if !multi || !expiring || !neverUsed {
		t.Errorf("multi-project %v, expiring soon %v, never used %v", multi, expiring, neverUsed)
	}
}

func TestUnleashListSanitisesWhatTheServerSays(t *testing.T) {
	u := newEmulator(t, emulator.UnleashOptions{NoSeed: true})
	secret := u.IssueToken("evil\x1b]52;c;aGk=\x07name\x1b[2J", "client", []string{"default"}, "production", time.Time{})
	tokens, err := newProvider(t, u.URL, u.AdminToken).List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tok, ok := findSecret(tokens, secret)
	if !ok || tok.Name != "evilname" {
		t.Fatalf("name %q", tok.Name)
	}
}

func TestUnleashCreateEachType(t *testing.T) {
	u := newEmulator(t, emulator.UnleashOptions{})
	p := newProvider(t, u.URL, u.AdminToken)
	ctx := context.Background()
	expiry := testNow.Add(90 * 24 * time.Hour).Truncate(time.Millisecond)
	cases := []struct {
		req        client.NewToken
		prefix     string
		listedRole string
	}{
		{client.NewToken{Name: "orders-sdk", Role: "client", Projects: []string{"checkout"}, Environment: "production", ExpiresAt: expiry}, "checkout:production.", "client"},
		{client.NewToken{Name: " billing ", Role: "Backend", Projects: []string{"default", "checkout", "default"}, Environment: "development"}, "[]:development.", "client"},
		{client.NewToken{Name: "web", Role: "frontend", Projects: []string{"default", "*"}, Environment: "production"}, "*:production.", "frontend"},
	}
	for _, c := range cases {
		created, err := p.Create(ctx, c.req)
		if err != nil {
			t.Fatalf("create %s: %v", c.req.Role, err)
		}
		if !strings.HasPrefix(created.Secret, c.prefix) || created.Token.Secret != created.Secret || created.Warning != "" {
			t.Errorf("create %s: secret %q token %+v warning %q", c.req.Role, created.Secret, created.Token, created.Warning)
		}
		wantRole := strings.ToLower(c.req.Role)
		if created.Token.Role != wantRole || created.Token.Name != strings.TrimSpace(c.req.Name) || created.Token.ID != client.Fingerprint(created.Secret) {
			t.Errorf("created token %+v", created.Token)
		}
		if !created.Token.ExpiresAt.Equal(c.req.ExpiresAt) {
			t.Errorf("expiry %v, want %v", created.Token.ExpiresAt, c.req.ExpiresAt)
		}
		tokens, err := p.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		listed, ok := findSecret(tokens, created.Secret)
		if !ok {
			t.Fatalf("created %s token not listed", c.req.Role)
		}
		if listed.Role != c.listedRole || listed.Environment != c.req.Environment || !listed.ExpiresAt.Equal(c.req.ExpiresAt) {
			t.Errorf("listed %+v", listed)
		}
	}
	tokens, _ := p.List(ctx)
	for _, tok := range tokens {
		if tok.Name == "billing" && strings.Join(tok.Projects, ",") != "default,checkout" {
			t.Errorf("duplicate project not dropped: %v", tok.Projects)
		}
		if tok.Name == "web" && strings.Join(tok.Projects, ",") != "*" {
			t.Errorf("* with others not reduced to *: %v", tok.Projects)
		}
	}
}

// countingServer answers every request with status and body and counts them.
func countingServer(t *testing.T, status int, contentType, body string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(s.Close)
	return s, &n
}

func TestUnleashCreateRefusesBeforeSending(t *testing.T) {
	srv, calls := countingServer(t, 201, "application/json", `{}`)
	p := newProvider(t, srv.URL, "*:*.x")
	cases := []struct {
		req    client.NewToken
		fields []string
	}{
		{client.NewToken{Name: "  ", Role: "client", Environment: "production", Projects: []string{"*"}}, []string{client.FieldName}},
		{client.NewToken{Name: "a", Role: "admin", Environment: "*", Projects: []string{"*"}}, []string{client.FieldRole, client.FieldEnvironment}},
		{client.NewToken{Name: "a", Role: "superuser", Environment: "production", Projects: []string{"*"}}, []string{client.FieldRole}},
		{client.NewToken{Name: "a", Environment: "production", Projects: []string{"*"}}, []string{client.FieldRole}},
		{client.NewToken{Name: "a", Role: "client", Environment: "*", Projects: []string{"*"}}, []string{client.FieldEnvironment}},
		{client.NewToken{Name: "a", Role: "frontend", Projects: []string{"*"}}, []string{client.FieldEnvironment}},
		{client.NewToken{Name: "a", Role: "client", Environment: "production", Projects: []string{" ", ""}}, []string{client.FieldProjects}},
		{client.NewToken{Name: "a", Role: "client", Environment: "production", Projects: []string{"*"}, ExpiresAt: testNow.Add(-time.Second)}, []string{client.FieldExpiresAt}},
		{client.NewToken{Name: "a", Role: "client", Environment: "production", Projects: []string{"*"}, AllowedIPs: []string{"10.0.0.0/8"}, Scopes: []string{"x"}}, []string{client.FieldAllowedIPs, client.FieldScopes}},
	}
	for _, c := range cases {
		_, err := p.Create(context.Background(), c.req)
		var v *client.ValidationError
		if !errors.As(err, &v) {
			t.Fatalf("%+v: %v, want a ValidationError", c.req, err)
		}
		for _, f := range c.fields {
			if len(v.Fields[f]) == 0 {
				t.Errorf("%+v: no message for %s in %v", c.req, f, v.Fields)
			}
		}
		if len(v.Fields) != len(c.fields) {
			t.Errorf("%+v: fields %v, want only %v", c.req, v.Fields, c.fields)
		}
	}
	_, err := p.Create(context.Background(), client.NewToken{Name: "a", Role: "admin", Environment: "production", Projects: []string{"*"}})
	if err == nil || !strings.Contains(err.Error(), "start-up configuration") {
		t.Errorf("admin refusal does not say why: %v", err)
	}
	if calls.Load() != 0 {
		t.Errorf("%d requests sent for invalid input", calls.Load())
	}
}

func TestUnleashCreateServerValidationLandsOnFields(t *testing.T) {
	u := newEmulator(t, emulator.UnleashOptions{NoSeed: true})
	p := newProvider(t, u.URL, u.AdminToken)
	cases := []struct {
		req   client.NewToken
		field string
		want  string
	}{
		{client.NewToken{Name: "a", Role: "client", Environment: "staging", Projects: []string{"*"}}, client.FieldEnvironment, "Environment=staging does not exist"},
		{client.NewToken{Name: "a", Role: "backend", Environment: "production", Projects: []string{"default", "nope"}}, client.FieldProjects, "Project=nope does not exist"},
	}
	for _, c := range cases {
		_, err := p.Create(context.Background(), c.req)
		var v *client.ValidationError
		if !errors.As(err, &v) || len(v.Fields[c.field]) != 1 || v.Fields[c.field][0] != c.want || v.Message != "" {
			t.Errorf("%+v: %#v", c.req, err)
		}
	}
	if u.Len() != 1 {
		t.Errorf("refused creates stored tokens")
	}
}

func TestUnleashCreateOverTheLimit(t *testing.T) {
	u := newEmulator(t, emulator.UnleashOptions{NoSeed: true, MaxTokens: 1})
	_, err := newProvider(t, u.URL, u.AdminToken).Create(context.Background(), client.NewToken{Name: "a", Role: "client", Environment: "production", Projects: []string{"*"}})
	var v *client.ValidationError
	if !errors.As(err, &v) || !strings.Contains(v.Message, "limit of 1") || !strings.Contains(v.Message, "Revoke") {
		t.Errorf("%#v", err)
	}
}

func TestUnleashCreateKeepsTheSecretWhenTheAnswerIsOdd(t *testing.T) {
	req := client.NewToken{Name: "a", Role: "client", Environment: "production", Projects: []string{"default"}}
	srv, _ := countingServer(t, 201, "application/json", `{"secret":"default:production.0123456789abcdef0123456789abcdef","tokenName":"a","environment":12}`)
	created, err := newProvider(t, srv.URL, "*:*.x").Create(context.Background(), req)
	if err != nil || created.Secret != "default:production.0123456789abcdef0123456789abcdef" || created.Warning == "" || created.Token.Name != "a" {
		t.Errorf("odd answer: %+v, %v", created, err)
	}
	if strings.Contains(created.Warning, created.Secret) {
		t.Error("the warning carries the secret")
	}
	srv, _ = countingServer(t, 201, "application/json", `{"tokenName":"a","token":"default:production.0123456789abcdef0123456789abcdef"}`)
	_, err = newProvider(t, srv.URL, "*:*.x").Create(context.Background(), req)
	if u, ok := client.AsUnknownOutcome(err); !ok || !u.Accepted || !strings.Contains(err.Error(), `no "secret"`) ||
		len(u.Candidates) != 1 || u.Candidates[0] != "default:production.0123456789abcdef0123456789abcdef" {
		t.Errorf("secret under another name: %v", err)
	}
	srv, _ = countingServer(t, 201, "text/html", `<html>proxy page</html>`)
	_, err = newProvider(t, srv.URL, "*:*.x").Create(context.Background(), req)
	var s *client.ServerError
	if u, ok := client.AsUnknownOutcome(err); !ok || !u.Accepted || !errors.As(err, &s) || !strings.Contains(err.Error(), "HTML") {
		t.Errorf("HTML 201: %v", err)
	}
}

func TestUnleashCreateSaysWhetherTheSecretStaysListed(t *testing.T) {
	req := client.NewToken{Name: "a", Role: "client", Environment: "production", Projects: []string{"default"}}
	for body, listed := range map[string]bool{
		`{"secret":"default:production.0123456789abcdef0123456789abcdef","secure":false}`:                                     true,
		`{"secret":"default:production.0123456789abcdef0123456789abcdef"}`:                                                    true,
		`{"secret":"default:production.v2_oCMDWlZC_Z82MEpzo1zNLQ_0WZ7FeTetq55lDs_6b3_r_l6P2eD6XJkBu19mRXmRAI","secure":true}`: false,
		`{"secret":"default:production.v2_oCMDWlZC_Z82MEpzo1zNLQ_0WZ7FeTetq55lDs_6b3_r_l6P2eD6XJkBu19mRXmRAI"}`:               false,
	} {
		srv, _ := countingServer(t, 201, "application/json", body)
		created, err := newProvider(t, srv.URL, "*:*.x").Create(context.Background(), req)
		if err != nil || created.Retrievable != listed {
			t.Errorf("%s: Retrievable %t, %v", body, created.Retrievable, err)
		}
	}
}

func TestUnleashMarksTheAdminTokenInUse(t *testing.T) {
	u := newEmulator(t, emulator.UnleashOptions{})
	for _, admin := range []string{u.AdminToken, "Bearer " + u.AdminToken} {
		tokens, err := newProvider(t, u.URL, admin).List(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		selves := 0
		for _, tok := range tokens {
			if !tok.SelfKnown() || !tok.LastUseReported() || tok.CreatorReported() {
				t.Fatalf("%s: reported %b", tok.Name, tok.Reported)
			}
			if tok.Self {
				selves++
				if tok.Secret != u.AdminToken {
					t.Errorf("%s marked as the admin token in use", tok.Name)
				}
			}
		}
		if selves != 1 {
			t.Errorf("%q: %d tokens marked as the admin token in use", admin[:7], selves)
		}
	}
	const v2 = "*:*.v2_oCMDWlZC_Z82MEpzo1zNLQ_0WZ7FeTetq55lDs_6b3_r_l6P2eD6XJkBu19mRXmRAI"
	is := selfMatcher(v2)
	if !is(client.Token{ID: "oCMDWlZC_Z82MEpzo1zNLQ"}) || is(client.Token{ID: "oCMDWlZC_Z82MEpzo1zNLx"}) || is(client.Token{}) ||
		is(client.Token{ID: "x", Secret: "*:*.unleash-insecure-admin-api-token"}) {
		t.Error("a v2 admin token is not recognised by its selector alone")
	}
}

func TestUnleashCreateHTML400SaysTheBodyWasUnreadable(t *testing.T) {
	srv, _ := countingServer(t, 400, "text/html; charset=utf-8", "<html><head><title>SyntaxError</title></head></html>")
	_, err := newProvider(t, srv.URL, "*:*.x").Create(context.Background(), client.NewToken{Name: "a", Role: "client", Environment: "production", Projects: []string{"*"}})
	var v *client.ValidationError
	if !errors.As(err, &v) || !strings.Contains(v.Message, "could not read the request body as JSON") {
		t.Errorf("%#v", err)
	}
}

func TestUnleashRevoke(t *testing.T) {
	u := newEmulator(t, emulator.UnleashOptions{})
	p := newProvider(t, u.URL, u.AdminToken)
	ctx := context.Background()
	// A project id with characters that need escaping in a path.
	secret := u.IssueToken("odd", "client", []string{"team/a b"}, "production", time.Time{})
	before := u.Len()
	if err := p.Revoke(ctx, client.Token{Secret: secret}); err != nil {
		t.Fatal(err)
	}
	tokens, _ := p.List(ctx)
	if _, ok := findSecret(tokens, secret); ok || u.Len() != before-1 {
		t.Fatalf("token still listed after revoke")
	}
	// Unleash answers 200 for a secret it does not know: already gone.
	if err := p.Revoke(ctx, client.Token{Secret: secret}); err != nil {
		t.Errorf("revoking a gone token: %v", err)
	}
	var v *client.ValidationError
	if err := p.Revoke(ctx, client.Token{ID: "abc"}); !errors.As(err, &v) {
		t.Errorf("revoke without secret: %v", err)
	}
}

func TestUnleashUpdateExpiry(t *testing.T) {
	u := newEmulator(t, emulator.UnleashOptions{NoSeed: true})
	p := newProvider(t, u.URL, u.AdminToken)
	ctx := context.Background()
	secret := u.IssueToken("ci-backend", "backend", []string{"*"}, "development", time.Time{})
	at := time.Date(2031, 1, 1, 12, 30, 0, 0, time.FixedZone("CET", 3600))
	if err := p.UpdateExpiry(ctx, client.Token{Secret: secret}, at); err != nil {
		t.Fatal(err)
	}
	tokens, _ := p.List(ctx)
	if tok, _ := findSecret(tokens, secret); !tok.ExpiresAt.Equal(at) {
		t.Errorf("expiry %v, want %v", tok.ExpiresAt, at)
	}

	var nf *client.NotFoundError
	err := p.UpdateExpiry(ctx, client.Token{Secret: "*:development.00112233445566778899aabbccddeeff"}, at)
	if !errors.As(err, &nf) || strings.Contains(err.Error(), "00112233445566778899aabbccddeeff") {
		t.Errorf("unknown secret: %v (must be NotFound without the whole secret)", err)
	}
	var v *client.ValidationError
	if err := p.UpdateExpiry(ctx, client.Token{Secret: secret}, time.Time{}); !errors.As(err, &v) || len(v.Fields[client.FieldExpiresAt]) == 0 {
		t.Errorf("zero expiry: %v", err)
	}
}

func TestUnleashUpdateExpiryReportsAnIgnoredChange(t *testing.T) {
	// A server that says 200 to the PUT but keeps the old expiry.
	mux := http.NewServeMux()
	mux.HandleFunc("PUT /api/admin/api-tokens/{secret}", func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("GET /api/admin/api-tokens", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"tokens":[{"secret":"*:development.aa","tokenName":"x","type":"client","projects":["*"],"environment":"development","expiresAt":null}]}`))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	err := newProvider(t, srv.URL, "*:*.x").UpdateExpiry(context.Background(), client.Token{Secret: "*:development.aa"}, testNow.Add(time.Hour))
	var s *client.ServerError
	if !errors.As(err, &s) || !strings.Contains(err.Error(), "no expiry") {
		t.Errorf("%v", err)
	}
}

func TestUnleashCatalog(t *testing.T) {
	u := newEmulator(t, emulator.UnleashOptions{})
	cat, err := newProvider(t, u.URL, u.AdminToken).Catalog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if cat.RoleLabel != "Type" || !cat.NameRequired || !cat.NeverExpires || cat.AllowedIPs || len(cat.ScopeGroups) != 0 {
		t.Errorf("catalog flags %+v", cat)
	}
	var names []string
	for _, r := range cat.Roles {
		names = append(names, r.Name)
		if r.Description == "" || (r.Name == "admin") == r.Creatable {
			t.Errorf("role %+v", r)
		}
		if r.Name == "admin" && !strings.Contains(r.Reason, "start-up configuration") {
			t.Errorf("admin reason %q", r.Reason)
		}
	}
	if strings.Join(names, ",") != "client,backend,frontend,admin" {
		t.Errorf("roles %v", names)
	}
	var projects []string
	for _, o := range cat.Projects {
		projects = append(projects, o.ID+"="+o.Label)
	}
	if got := strings.Join(projects, ","); got != "analytics=Analytics,checkout=Checkout,default=Default,mobile=Mobile apps,search=Search" {
		t.Errorf("projects %s", got)
	}
	// Every environment is offered, a disabled one too, marked as such: a
	// token that lives in it must be recreatable (the seed has one in qa).
	var envs []string
	for _, o := range cat.Environments {
		envs = append(envs, o.ID+"="+o.Description)
	}
	if got := strings.Join(envs, ","); got != "development=development,production=production,qa=test · disabled in Unleash" {
		t.Errorf("environments %s", got)
	}
}

func TestUnleashErrorClasses(t *testing.T) {
	u := newEmulator(t, emulator.UnleashOptions{NoSeed: true})
	ctx := context.Background()
	frontend := u.IssueToken("web", "frontend", []string{"default"}, "production", time.Time{})
	expired := u.IssueToken("old", "admin", []string{"*"}, "*", testNow.Add(-time.Hour))

	_, err := newProvider(t, u.URL, "*:*.wrong-secret").List(ctx)
	var ua *client.UnauthorizedError
	if !errors.As(err, &ua) || !strings.Contains(err.Error(), "unknown, revoked or expired") || !client.IsAuth(err) {
		t.Errorf("wrong token: %v", err)
	}
	if _, err = newProvider(t, u.URL, expired).List(ctx); !errors.As(err, &ua) {
		t.Errorf("expired token: %v", err)
	}
	_, err = newProvider(t, u.URL, frontend).Catalog(ctx)
	var fb *client.ForbiddenError
	if !errors.As(err, &fb) || !strings.Contains(err.Error(), "not an admin token") || !strings.Contains(err.Error(), "admin API token") {
		t.Errorf("frontend token: %v", err)
	}
	if strings.Contains(err.Error(), frontend) {
		t.Error("the error carries the secret")
	}

	// No token at all reaches the server only if someone bypasses New.
	srv, _ := countingServer(t, 401, "application/json", `{"id":"x","name":"AuthenticationRequired","message":"You must log in to use Unleash. Your request had no authorization header"}`)
	if _, err := newProvider(t, srv.URL, "t").List(ctx); !errors.As(err, &ua) || !strings.Contains(err.Error(), TokenEnv) {
		t.Errorf("no token: %v", err)
	}

	for _, c := range []struct {
		status int
		ctype  string
		body   string
		check  func(error) bool
	}{
		{200, "text/html", "<!DOCTYPE html><html>Unleash UI</html>", func(err error) bool { var s *client.ServerError; return errors.As(err, &s) }},
		{200, "application/json", `{"features":[]}`, func(err error) bool { return strings.Contains(err.Error(), `no "tokens" list`) }},
		{200, "application/json", `{"tokens":[{"secret":5}]}`, func(err error) bool { return strings.Contains(err.Error(), "unexpected shape") }},
		{404, "application/json", `{"name":"NotFoundError","message":"The path you were looking for (/api/admin/api-tokens) is not available."}`, func(err error) bool { var n *client.NotFoundError; return errors.As(err, &n) }},
		{500, "application/json", `{"name":"UnknownError","message":"db down"}`, func(err error) bool { var s *client.ServerError; return errors.As(err, &s) && s.Status == 500 }},
	} {
		srv, _ := countingServer(t, c.status, c.ctype, c.body)
		if _, err := newProvider(t, srv.URL, "t").List(ctx); err == nil || !c.check(err) {
			t.Errorf("%d %.30s: %v", c.status, c.body, err)
		}
	}
	_, err = newProvider(t, "http://127.0.0.1:1", "t").List(ctx)
	var ne *client.NetworkError
	if !errors.As(err, &ne) {
		t.Errorf("unreachable server: %T %v", err, err)
	}
}
