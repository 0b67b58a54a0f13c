//go:build integration

// Integration tests against a real Unleash server: run them with
// .ci/integration.sh, which brings up two server processes on one database
// on loopback, one with secure token storage (UNLEASH_EXPERIMENTAL_SECURE_TOKEN)
// and one without, and runs this suite once against each: UNLEASH_URL is
// the server under test, UNLEASH_SECURE_TOKENS its mode ("true" or
// "false"), UNLEASH_OTHER_URL the other one, UNLEASH_ADMIN_TOKEN the admin
// token of both. Without UNLEASH_URL they skip (the script treats a skip as
// a failure). Every token they create is revoked at the end.
package unleash

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator"
	"github.com/tokentui/tokentui/client/internal/rest"
)

// realServer returns a provider for the server under test, and a name
// prefix unique to this test, whose tokens are all revoked at cleanup.
func realServer(t *testing.T) (*Provider, string) {
	t.Helper()
	base := os.Getenv("UNLEASH_URL")
	if base == "" {
		t.Skip("UNLEASH_URL is not set: run .ci/integration.sh to test against a real Unleash server")
	}
	token := os.Getenv(TokenEnv)
	if token == "" {
		t.Fatalf("UNLEASH_URL is set but %s is not", TokenEnv)
	}
	p, err := New(client.Connection{BaseURL: base, Token: token, Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	prefix := "tokentui-it-" + hex.EncodeToString(b)
	t.Cleanup(func() { revokeByPrefix(t, p, prefix) })
	return p, prefix
}

// secureMode reports whether the server under test creates v2 tokens; the
// script says so, and the server's own flag must agree.
func secureMode(t *testing.T) bool {
	t.Helper()
	want := os.Getenv("UNLEASH_SECURE_TOKENS")
	if want != "true" && want != "false" {
		t.Fatalf("UNLEASH_SECURE_TOKENS is %q; .ci/integration.sh sets it to true or false", want)
	}
	if got := serverFlag(t, os.Getenv("UNLEASH_URL")); got != (want == "true") {
		t.Fatalf("the server at UNLEASH_URL reports secureTokenStorage=%v, the script says %s", got, want)
	}
	return want == "true"
}

// serverFlag reads flags.secureTokenStorage from GET /api/admin/ui-config.
func serverFlag(t *testing.T, base string) bool {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, strings.TrimRight(base, "/")+"/api/admin/ui-config", nil)
	req.Header.Set("Authorization", os.Getenv(TokenEnv))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var cfg struct {
		Flags struct {
			SecureTokenStorage bool `json:"secureTokenStorage"`
		} `json:"flags"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&cfg); err != nil {
		t.Fatalf("ui-config: %v", err)
	}
	return cfg.Flags.SecureTokenStorage
}

// otherServer is a provider for the other process on the same database,
// started with the opposite flag.
func otherServer(t *testing.T) *Provider {
	t.Helper()
	base := os.Getenv("UNLEASH_OTHER_URL")
	if base == "" {
		t.Fatal("UNLEASH_OTHER_URL is not set: .ci/integration.sh runs a second server with the opposite flag")
	}
	p, err := New(client.Connection{BaseURL: base, Token: os.Getenv(TokenEnv), Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func findID(tokens []client.Token, id string) (client.Token, bool) {
	return findBy(tokens, func(t client.Token) bool { return t.ID == id })
}

func revokeByPrefix(t *testing.T, p *Provider, prefix string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tokens, err := p.List(ctx)
	if err != nil {
		t.Errorf("cleanup: listing: %v", err)
		return
	}
	for _, tok := range tokens {
		if strings.HasPrefix(tok.Name, prefix) {
			if err := p.Revoke(ctx, tok); err != nil {
				t.Errorf("cleanup: revoking %s: %v", tok.Name, err)
			}
		}
	}
}

func TestUnleashIntegrationList(t *testing.T) {
	p, _ := realServer(t)
	tokens, err := p.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	admin, ok := findSecret(tokens, os.Getenv(TokenEnv))
	if !ok {
		t.Fatalf("the admin token is not among the %d listed", len(tokens))
	}
	if admin.Role != "admin" || admin.Environment != "*" || strings.Join(admin.Projects, ",") != "*" || admin.Expires() || admin.CreatedAt.IsZero() {
		t.Errorf("admin token %+v", admin)
	}
	if info, ok := ParseSecret(admin.Secret); !ok || !info.Admin {
		t.Errorf("ParseSecret(admin) = %+v, %v", info, ok)
	}
}

func TestUnleashIntegrationCatalog(t *testing.T) {
	p, _ := realServer(t)
	cat, err := p.Catalog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var projects, envs []string
	for _, o := range cat.Projects {
		projects = append(projects, o.ID)
	}
	for _, o := range cat.Environments {
		envs = append(envs, o.ID)
	}
	if !contains(projects, "default") || !contains(envs, "development") || !contains(envs, "production") {
		t.Errorf("projects %v, environments %v", projects, envs)
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func TestUnleashIntegrationCreateEachType(t *testing.T) {
	p, prefix := realServer(t)
	secure := secureMode(t)
	ctx := context.Background()
	expiry := time.Now().Add(30 * 24 * time.Hour).UTC().Truncate(time.Millisecond)
	cases := []struct {
		req        client.NewToken
		prefix     string
		listedRole string
	}{
		{client.NewToken{Name: prefix + "-client", Role: "client", Projects: []string{"default"}, Environment: "production", ExpiresAt: expiry}, "default:production.", "client"},
		{client.NewToken{Name: prefix + "-backend", Role: "backend", Projects: []string{"*"}, Environment: "development"}, "*:development.", map[bool]string{false: "client", true: "backend"}[secure]},
		{client.NewToken{Name: prefix + "-frontend", Role: "frontend", Projects: []string{"default"}, Environment: "development", ExpiresAt: expiry}, "default:development.", "frontend"},
	}
	for _, c := range cases {
		created, err := p.Create(ctx, c.req)
		if err != nil {
			t.Fatalf("create %s: %v", c.req.Role, err)
		}
		if !strings.HasPrefix(created.Secret, c.prefix) || created.Token.Role != c.req.Role || created.Warning != "" || len(created.GrantDiffs) != 0 {
			t.Errorf("created %s: %q %+v", c.req.Role, client.MaskSecret(created.Secret), created)
		}
		wantVersion := map[bool]int{false: 1, true: 2}[secure]
		if info, ok := ParseSecret(created.Secret); !ok || info.Version != wantVersion || info.Environment != c.req.Environment {
			t.Errorf("ParseSecret(created) = %+v, %v; want version %d", info, ok, wantVersion)
		}
		tokens, err := p.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// Found by the ID the create answer gave it: a v2 token's selector
		// must be the same from create to list.
		listed, ok := findID(tokens, created.Token.ID)
		if !ok {
			t.Fatalf("%s token %s not listed", c.req.Role, created.Token.ID)
		}
		if listed.Role != c.listedRole || listed.Name != c.req.Name || listed.Environment != c.req.Environment ||
			strings.Join(listed.Projects, ",") != strings.Join(c.req.Projects, ",") || !listed.ExpiresAt.Equal(c.req.ExpiresAt) {
			t.Errorf("listed %s: %+v", c.req.Role, listed)
		}
		if secure != (listed.Secret == "") || secure != (listed.SecretNote != "") || (!secure && listed.Secret != created.Secret) {
			t.Errorf("listed %s in secure=%v: secret %q, note %q", c.req.Role, secure, client.MaskSecret(listed.Secret), listed.SecretNote)
		}
	}
}

func TestUnleashIntegrationUpdateExpiry(t *testing.T) {
	p, prefix := realServer(t)
	ctx := context.Background()
	created, err := p.Create(ctx, client.NewToken{Name: prefix + "-expiry", Role: "backend", Projects: []string{"default"}, Environment: "development"})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(400 * 24 * time.Hour).Truncate(time.Millisecond)
	if err := p.UpdateExpiry(ctx, created.Token, at); err != nil {
		t.Fatal(err)
	}
	tokens, _ := p.List(ctx)
	listed, _ := findID(tokens, created.Token.ID)
	if !listed.ExpiresAt.Equal(at) {
		t.Errorf("expiry %v, want %v", listed.ExpiresAt, at)
	}
	// Again, from the listed token (a v2 one now known only by its selector).
	at = at.Add(24 * time.Hour)
	if err := p.UpdateExpiry(ctx, listed, at); err != nil {
		t.Fatal(err)
	}
	tokens, _ = p.List(ctx)
	if tok, _ := findID(tokens, created.Token.ID); !tok.ExpiresAt.Equal(at) {
		t.Errorf("expiry %v, want %v", tok.ExpiresAt, at)
	}
	var nf *client.NotFoundError
	if err := p.UpdateExpiry(ctx, client.Token{Secret: "*:development." + strings.Repeat("0", 56)}, at); !errors.As(err, &nf) {
		t.Errorf("unknown secret: %v", err)
	}
	if err := p.UpdateExpiry(ctx, client.Token{ID: "AAAAAAAAAAAAAAAAAAAAAA"}, at); !errors.As(err, &nf) {
		t.Errorf("unknown selector: %v", err)
	}
}

func TestUnleashIntegrationRevoke(t *testing.T) {
	p, prefix := realServer(t)
	ctx := context.Background()
	created, err := p.Create(ctx, client.NewToken{Name: prefix + "-revoke", Role: "frontend", Projects: []string{"*"}, Environment: "production"})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Revoke(ctx, created.Token); err != nil {
		t.Fatal(err)
	}
	tokens, _ := p.List(ctx)
	if _, ok := findID(tokens, created.Token.ID); ok {
		t.Fatal("revoked token still listed")
	}
	if err := p.Revoke(ctx, created.Token); err != nil {
		t.Errorf("revoking again: %v", err)
	}
}

// TestIntegrationValidation checks both layers: what the provider refuses
// before sending, and how the real server's refusals (sent raw, past the
// provider's checks) land on form fields.
func TestUnleashIntegrationValidation(t *testing.T) {
	p, prefix := realServer(t)
	ctx := context.Background()
	before := len(mustList(t, p))
	cases := []struct {
		name  string
		req   client.NewToken
		field string
	}{
		{"unknown environment", client.NewToken{Name: prefix + "-v", Role: "backend", Projects: []string{"*"}, Environment: "staging"}, client.FieldEnvironment},
		{"unknown project", client.NewToken{Name: prefix + "-v", Role: "client", Projects: []string{"nope-" + prefix}, Environment: "development"}, client.FieldProjects},
		{"empty name", client.NewToken{Name: "", Role: "client", Projects: []string{"*"}, Environment: "development"}, client.FieldName},
		{"admin type", client.NewToken{Name: prefix + "-v", Role: "admin", Projects: []string{"*"}, Environment: "development"}, client.FieldRole},
		{"all environments", client.NewToken{Name: prefix + "-v", Role: "client", Projects: []string{"*"}, Environment: "*"}, client.FieldEnvironment},
		{"all environments frontend", client.NewToken{Name: prefix + "-v", Role: "frontend", Projects: []string{"*"}, Environment: "*"}, client.FieldEnvironment},
		{"bad expiry", client.NewToken{Name: prefix + "-v", Role: "client", Projects: []string{"*"}, Environment: "development", ExpiresAt: time.Now().Add(-time.Hour)}, client.FieldExpiresAt},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := p.Create(ctx, c.req)
			var v *client.ValidationError
			if !errors.As(err, &v) || len(v.Fields[c.field]) == 0 {
				t.Errorf("provider: %v, want a message on %s", err, c.field)
			}
			// The same request sent raw, so the server's own answer is tested.
			body := createBody{TokenName: c.req.Name, Type: c.req.Role, Environment: c.req.Environment, Projects: c.req.Projects}
			if !c.req.ExpiresAt.IsZero() {
				body.ExpiresAt = "not-a-date"
			}
			_, err = p.api.Do(ctx, restPost(body))
			// With secure token storage an unknown project is a database
			// error (500) that the provider maps onto the field.
			err = explainUnknownProject(err)
			v = nil
			if !errors.As(err, &v) || len(v.Fields[c.field]) == 0 {
				t.Errorf("server: %#v, want a message on %s", err, c.field)
			} else {
				t.Logf("server said: %s", v.Error())
			}
		})
	}
	if after := len(mustList(t, p)); after != before {
		t.Errorf("refused requests changed the token count: %d -> %d", before, after)
	}
}

func restPost(body createBody) rest.Request {
	return rest.Request{Method: http.MethodPost, Path: tokensPath, Body: body}
}

func TestUnleashIntegrationFrontendTokenForbidden(t *testing.T) {
	p, prefix := realServer(t)
	ctx := context.Background()
	created, err := p.Create(ctx, client.NewToken{Name: prefix + "-fe", Role: "frontend", Projects: []string{"default"}, Environment: "development"})
	if err != nil {
		t.Fatal(err)
	}
	fe, err := New(client.Connection{BaseURL: os.Getenv("UNLEASH_URL"), Token: created.Secret})
	if err != nil {
		t.Fatal(err)
	}
	_, err = fe.List(ctx)
	var fb *client.ForbiddenError
	if !errors.As(err, &fb) || !strings.Contains(err.Error(), "not an admin token") {
		t.Errorf("frontend token on the admin API: %v", err)
	}
	_, err = fe.Catalog(ctx)
	if !errors.As(err, &fb) {
		t.Errorf("frontend token on projects: %v", err)
	}
	wrong, _ := New(client.Connection{BaseURL: os.Getenv("UNLEASH_URL"), Token: "*:*.wrong-secret"})
	var ua *client.UnauthorizedError
	if _, err := wrong.List(ctx); !errors.As(err, &ua) {
		t.Errorf("wrong token: %v", err)
	}
}

// parityStep is one raw request, sent alike to the real server and to the
// emulator. {p} in path or body is the run's name prefix; {secret:NAME} in
// a path is the secret each server gave token NAME; auth is "admin", "none",
// "wrong" or "secret:NAME".
type parityStep struct {
	method, path, body, auth, ctype string
}

func TestUnleashIntegrationEmulatorParity(t *testing.T) {
	_, prefix := realServer(t) // also revokes the run's tokens on the real server
	secure := secureMode(t)
	emu, err := emulator.NewUnleash(emulator.UnleashOptions{NoSeed: true, SecureTokens: secure})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	realBase := strings.TrimRight(os.Getenv("UNLEASH_URL"), "/")
	real := &paritySide{base: realBase, admin: os.Getenv(TokenEnv), editor: editorToken(t, realBase), secrets: map[string]string{}}
	sim := &paritySide{base: emu.URL, admin: emu.AdminToken, editor: emu.IssueEditorToken(), secrets: map[string]string{}}

	const tokens = "/api/admin/api-tokens"
	steps := []parityStep{
		{"POST", tokens, `{"tokenName":"{p}-backend","type":"backend","environment":"development","projects":["*"]}`, "admin", ""},
		{"POST", tokens, `{"tokenName":"{p}-client","type":"client","environment":"production","projects":["default"],"expiresAt":"2030-01-01T00:00:00.000Z"}`, "admin", ""},
		{"POST", tokens, `{"tokenName":"{p}-frontend","type":"frontend","environment":"development","projects":["default"]}`, "admin", ""},
		{"POST", tokens, `{"tokenName":"{p}-def-env","type":"frontend"}`, "admin", ""},
		{"POST", tokens, `{"tokenName":"{p}-upper","type":"BACKEND","environment":"production"}`, "admin", ""},
		{"POST", tokens, `{"tokenName":"{p}-proj","type":"backend","environment":"production","project":"default"}`, "admin", ""},
		{"POST", tokens, `{"tokenName":"{p}-mix","type":"client","environment":"development","projects":["*","default"]}`, "admin", ""},
		{"POST", tokens, `{"tokenName":"{p}-notz","type":"client","expiresAt":"2031-06-01T00:00:00"}`, "admin", ""},
		{"POST", tokens, `{"tokenName":"{p}-past","type":"backend","environment":"development","expiresAt":"2001-01-01T00:00:00Z"}`, "admin", ""},
		{"POST", tokens, `{"tokenName":"{p}-admin","type":"admin","environment":"*","projects":["*"]}`, "admin", ""},
		{"POST", tokens, `{"type":"admin"}`, "admin", ""},
		{"POST", tokens, `{"tokenName":"{p}-x","type":"superuser","environment":"development"}`, "admin", ""},
		{"POST", tokens, `{"tokenName":"{p}-x","type":"backend","environment":"staging"}`, "admin", ""},
		{"POST", tokens, `{"type":"backend","environment":"development"}`, "admin", ""},
		{"POST", tokens, `{"tokenName":"","type":"backend","environment":"development"}`, "admin", ""},
		{"POST", tokens, `{"tokenName":"","type":"client","environment":"","projects":[]}`, "admin", ""},
		{"POST", tokens, `{"tokenName":"{p}-x","type":"backend","expiresAt":"not-a-date"}`, "admin", ""},
		{"POST", tokens, `{"tokenName":"{p}-x","type":"backend","expiresAt":"2031-06-01"}`, "admin", ""},
		{"POST", tokens, `{"tokenName":"{p}-x","type":"backend","environment":"*"}`, "admin", ""},
		{"POST", tokens, `{"tokenName":"{p}-x","type":"frontend","environment":"*"}`, "admin", ""},
		{"POST", tokens, `{"tokenName":"{p}-x","type":"backend","projects":["nope-{p}"]}`, "admin", ""},
		{"POST", tokens, `{"tokenName":"{p}-x","type":"client","environment":"nope","projects":["nope"]}`, "admin", ""},
		{"POST", tokens, `{"tokenName":"{p}-x"}`, "admin", ""},
		{"POST", tokens, `{"tokenName":"{p}-x","type":"client","projects":"default"}`, "admin", ""},
		{"POST", tokens, `{"tokenName":{},"type":"client"}`, "admin", ""},
		{"POST", tokens, `{"tokenName":null,"type":"client"}`, "admin", ""},
		{"POST", tokens, `{"tokenName":"{p}-x","type":"client","projects":["default","default"]}`, "admin", ""},
		{"POST", tokens, `[]`, "admin", ""},
		{"POST", tokens, `not json`, "admin", ""},
		{"POST", tokens, `not json`, "none", ""},
		{"POST", tokens, `{"tokenName":"{p}-x","type":"client"}`, "admin", "text/plain"},
		{"PUT", tokens + "/{secret:{p}-backend}", `{"expiresAt":"2031-01-01T00:00:00.000Z"}`, "admin", ""},
		{"GET", tokens + "/{p}-backend", "", "admin", ""},
		{"PUT", tokens + "/{secret:{p}-backend}", `{}`, "admin", ""},
		{"PUT", tokens + "/{secret:{p}-backend}", `{"expiresAt":"garbage"}`, "admin", ""},
		{"PUT", tokens + "/{secret:{p}-backend}", `{"expiresAt":null}`, "admin", ""},
		{"PUT", tokens + "/does-not-exist", `{"expiresAt":"2031-01-01T00:00:00Z"}`, "admin", ""},
		{"DELETE", tokens + "/does-not-exist", "", "admin", ""},
		{"DELETE", tokens + "/{secret:{p}-frontend}", "", "admin", ""},
		{"GET", tokens + "/{p}-frontend", "", "admin", ""},
		{"GET", tokens + "/{p}-client", "", "admin", ""},
		{"GET", tokens, "", "none", ""},
		{"GET", tokens, "", "wrong", ""},
		{"GET", tokens, "", "secret:{p}-client", ""},
		{"GET", tokens, "", "secret:{p}-def-env", ""},
		{"GET", tokens, "", "secret:{p}-past", ""},
		{"POST", tokens, `{"tokenName":"x","type":"backend","environment":"development"}`, "secret:{p}-client", ""},
		{"GET", "/api/admin/nosuch", "", "admin", ""},
		{"PATCH", tokens + "/x", `{}`, "admin", ""},
		{"DELETE", tokens, "", "admin", ""},
		{"GET", "/api/client/features", "", "secret:{p}-client", ""},
		{"GET", "/api/client/features", "", "secret:{p}-def-env", ""},
		{"GET", "/api/client/features", "", "secret:{p}-past", ""},
		{"GET", "/api/client/features", "", "admin", ""},
		{"GET", "/api/client/features", "", "none", ""},
		{"GET", "/api/frontend", "", "secret:{p}-def-env", ""},
		{"GET", "/api/frontend", "", "secret:{p}-client", ""},
		{"GET", "/health", "", "none", ""},
		// Addressed by the id the list gives (a v1 secret, a v2 selector).
		// {p}-upper was never used: the real server records a use about a
		// minute late, so a used token's seenAt would differ.
		{"PUT", tokens + "/{id:{p}-upper}", `{"expiresAt":"2032-02-02T00:00:00.000Z"}`, "admin", ""},
		{"GET", tokens + "/{p}-upper", "", "admin", ""},
		{"PUT", tokens + "/{id:{p}-upper}", `{}`, "admin", ""},
		{"PUT", tokens + "/AAAAAAAAAAAAAAAAAAAAAA", `{"expiresAt":"2032-02-02T00:00:00.000Z"}`, "admin", ""},
		{"DELETE", tokens + "/AAAAAAAAAAAAAAAAAAAAAA", "", "admin", ""},
		{"DELETE", tokens + "/{id:{p}-mix}", "", "admin", ""},
		{"GET", tokens + "/{p}-mix", "", "admin", ""},
		// An editor's personal access token: no creating, changing or
		// deleting on the token routes; the project routes instead.
		{"POST", tokens, `{"tokenName":"{p}-ed","type":"client","environment":"production","projects":["default"]}`, "editor", ""},
		{"PUT", tokens + "/{id:{p}-upper}", `{"expiresAt":"2032-02-02T00:00:00.000Z"}`, "editor", ""},
		{"DELETE", tokens + "/{id:{p}-upper}", "", "editor", ""},
		{"GET", tokens + "/{p}-upper", "", "editor", ""},
		{"POST", "/api/admin/projects/default/api-tokens", `{"tokenName":"{p}-pe","type":"client","environment":"production","projects":["*"]}`, "editor", ""},
		{"POST", "/api/admin/projects/default/api-tokens", `{"tokenName":"{p}-pe2","type":"client","environment":"nope"}`, "editor", ""},
		{"POST", "/api/admin/projects/default/api-tokens", `{"type":"client"}`, "editor", ""},
		{"POST", "/api/admin/projects/nope-{p}/api-tokens", `{"tokenName":"{p}-x","type":"client"}`, "editor", ""},
		{"GET", "/api/admin/projects/nope-{p}/api-tokens", "", "admin", ""},
		{"DELETE", "/api/admin/projects/default/api-tokens/{id:{p}-notz}", "", "editor", ""},
		{"DELETE", "/api/admin/projects/default/api-tokens/{id:{p}-pe}", "", "editor", ""},
		{"GET", tokens + "/{p}-pe", "", "admin", ""},
	}
	if secure {
		steps = append(steps,
			// A forged secret part still addresses a v2 token on admin
			// routes (only the selector counts), but is no credential; nor
			// is the selector alone.
			parityStep{"PUT", tokens + "/{forged:{p}-upper}", `{"expiresAt":"2033-03-03T00:00:00.000Z"}`, "admin", ""},
			parityStep{"GET", tokens + "/{p}-upper", "", "admin", ""},
			parityStep{"GET", "/api/client/features", "", "forged:{p}-upper", ""},
			parityStep{"GET", "/api/client/features", "", "id:{p}-upper", ""},
			parityStep{"DELETE", tokens + "/{forged:{p}-proj}", "", "admin", ""},
			parityStep{"GET", tokens + "/{p}-proj", "", "admin", ""},
			// A deleted v2 secret is refused at once (v1 ones linger in the
			// server's cache for a while).
			parityStep{"DELETE", tokens + "/{id:{p}-def-env}", "", "admin", ""},
			parityStep{"GET", "/api/frontend", "", "secret:{p}-def-env", ""},
		)
	}
	for _, s := range steps {
		s.path = strings.ReplaceAll(s.path, "{p}", prefix)
		s.body = strings.ReplaceAll(s.body, "{p}", prefix)
		s.auth = strings.ReplaceAll(s.auth, "{p}", prefix)
		rr := real.send(t, s)
		sr := sim.send(t, s)
		what := s.method + " " + s.path + " " + s.body + " (auth " + s.auth + ")"
		if rr.status != sr.status {
			t.Errorf("%s:\n  status real %d, emulator %d\n  real: %.400s\n  emu:  %.400s", what, rr.status, sr.status, rr.body, sr.body)
			continue
		}
		if rr.html != sr.html {
			t.Errorf("%s: HTML real %v, emulator %v", what, rr.html, sr.html)
			continue
		}
		if rr.html {
			continue // the page text is the framework's; only its kind matters
		}
		if !reflect.DeepEqual(rr.norm, sr.norm) {
			t.Errorf("%s:\n  real: %s\n  emu:  %s", what, rr.normText(), sr.normText())
		}
	}
}

type paritySide struct {
	base, admin, editor string
	secrets             map[string]string
}

type parityReply struct {
	status int
	html   bool
	body   []byte
	norm   any
}

func (r parityReply) normText() string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(r.norm)
	return strings.TrimSpace(b.String())
}

func (s *paritySide) send(t *testing.T, step parityStep) parityReply {
	t.Helper()
	path := step.path
	for name, secret := range s.secrets {
		path = strings.ReplaceAll(path, "{secret:"+name+"}", url.PathEscape(secret))
		path = strings.ReplaceAll(path, "{id:"+name+"}", url.PathEscape(listedID(secret)))
		path = strings.ReplaceAll(path, "{forged:"+name+"}", url.PathEscape(forged(secret)))
	}
	var body io.Reader
	if step.body != "" {
		body = strings.NewReader(step.body)
	}
	req, err := http.NewRequest(step.method, s.base+path, body)
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case step.auth == "admin":
		req.Header.Set("Authorization", s.admin)
	case step.auth == "editor":
		req.Header.Set("Authorization", s.editor)
	case step.auth == "wrong":
		req.Header.Set("Authorization", "*:*.wrong-secret")
	case strings.Contains(step.auth, ":"):
		kind, name, _ := strings.Cut(step.auth, ":")
		secret, ok := s.secrets[name]
		if !ok {
			t.Fatalf("no secret recorded for %s", step.auth)
		}
		req.Header.Set("Authorization", map[string]string{"secret": secret, "id": listedID(secret), "forged": forged(secret)}[kind])
	}
	switch {
	case step.ctype != "":
		req.Header.Set("Content-Type", step.ctype)
	case step.body != "":
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	r := parityReply{status: resp.StatusCode, body: raw, html: strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html")}
	if len(raw) > 0 && !r.html {
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatalf("%s %s: not JSON: %.200s", step.method, path, raw)
		}
		r.norm = normalise(v)
		if m, ok := v.(map[string]any); ok && resp.StatusCode == 201 {
			s.secrets[m["tokenName"].(string)] = m["secret"].(string)
		}
	}
	return r
}

// listedID is what the list shows in "secret" for a token with this
// secret: the secret itself (v1) or its selector (v2).
func listedID(secret string) string {
	if info, ok := ParseSecret(secret); ok && info.Version == 2 {
		return info.Selector
	}
	return secret
}

// forged is a v2 secret with another secret part (a v1 one unchanged).
func forged(secret string) string {
	if info, ok := ParseSecret(secret); ok && info.Version == 2 {
		return secret[:len(secret)-43] + strings.Repeat("A", 43)
	}
	return secret
}

// normalise replaces what legitimately differs between two servers: error
// ids, times of creation and use, the random part of secrets and v2
// selectors, and hashes of client queries.
func normalise(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, val := range x {
			switch {
			case k == "id" || k == "etag" || k == "queryHash":
				out[k] = "<id>"
			case (k == "createdAt" || k == "seenAt") && val != nil:
				out[k] = "<time>"
			case k == "secret":
				s, _ := val.(string)
				if i := strings.LastIndexByte(s, '.'); i >= 0 {
					s = s[:i+1] + "<hash>"
				} else if IsSelector(s) {
					s = "<selector>"
				}
				out[k] = s
			default:
				out[k] = normalise(val)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalise(e)
		}
		return out
	}
	return v
}
