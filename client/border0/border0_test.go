package border0

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator"
)

// These tests run the provider against the Border0 emulator: real HTTP,
// real JWTs, the emulator's auth, roles and validation.

var testNow = time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)

func fixedClock() time.Time { return testNow }

func newEmulator(t *testing.T, opts emulator.Border0Options) *emulator.Border0 {
	t.Helper()
	if opts.Clock == nil {
		opts.Clock = fixedClock
	}
	e, err := emulator.NewBorder0(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	return e
}

// newProvider connects to baseURL with token; its validation clock is the
// emulator's.
func newProvider(t *testing.T, baseURL, token string) *Provider {
	t.Helper()
	p, err := New(client.Connection{BaseURL: baseURL, Token: token, Timeout: 5 * time.Second, RetryBackoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	p.now = fixedClock
	return p
}

func byName(t *testing.T, tokens []client.Token, name string) client.Token {
	t.Helper()
	for _, tok := range tokens {
		if tok.Name == name {
			return tok
		}
	}
	t.Fatalf("no token named %q in %d tokens", name, len(tokens))
	return client.Token{}
}

func TestBorder0ListSeededTokens(t *testing.T) {
	e := newEmulator(t, emulator.Border0Options{})
	p := newProvider(t, e.URL, e.AdminToken)
	tokens, err := p.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(tokens) != e.Len() || len(tokens) < 10 {
		t.Fatalf("listed %d tokens, emulator holds %d", len(tokens), e.Len())
	}
	admin := byName(t, tokens, "tokentui demo admin")
	if admin.Role != "admin" || admin.Expires() || admin.ID == "" || admin.CreatedBy == "" {
		t.Errorf("admin token %+v", admin)
	}
	home := byName(t, tokens, "connector-homelab")
	if home.Role != "connector" || !home.ExpiresWithin(testNow, 7*24*time.Hour) {
		t.Errorf("connector-homelab %+v should expire within 7 days", home)
	}
	if got := home.ExpiresAt.Sub(home.CreatedAt); got != 365*24*time.Hour {
		t.Errorf("connector valid for %s, want one year", got)
	}
	if stale := byName(t, tokens, "connector-staging-k8s"); !stale.ExpiredAt(testNow) {
		t.Errorf("connector-staging-k8s %+v should be expired", stale)
	}
}

func TestBorder0CreateReadsBackAndRevokes(t *testing.T) {
	e := newEmulator(t, emulator.Border0Options{NoSeed: true})
	p := newProvider(t, e.URL, e.AdminToken)
	ctx := context.Background()
	exp := testNow.Add(90 * 24 * time.Hour)

	created, err := p.Create(ctx, client.NewToken{Name: "  github-actions  ", Role: "Member", ExpiresAt: exp})
	if err != nil {
		t.Fatal(err)
	}
	if created.Warning != "" {
		t.Fatalf("unexpected warning: %s", created.Warning)
	}
	tok := created.Token
	if tok.ID == "" || tok.Name != "github-actions" || tok.Role != "member" || !tok.ExpiresAt.Equal(exp) || !tok.CreatedAt.Equal(testNow) {
		t.Fatalf("created token %+v", tok)
	}
	claims, err := DecodeClaims(created.Secret)
	if err != nil {
		t.Fatal(err)
	}
	if claims.TokenID != tok.ID || claims.Role != "member" || !claims.ExpiresAt.Equal(exp) {
		t.Fatalf("claims %+v do not describe %+v", claims, tok)
	}

	// The secret works: a member may list.
	member := newProvider(t, e.URL, created.Secret)
	if _, err := member.List(ctx); err != nil {
		t.Fatalf("listing with the new member token: %v", err)
	}

	if err := p.Revoke(ctx, tok); err != nil {
		t.Fatal(err)
	}
	tokens, err := p.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, t2 := range tokens {
		if t2.ID == tok.ID {
			t.Fatal("revoked token still listed")
		}
	}
	err = p.Revoke(ctx, tok)
	var nf *client.NotFoundError
	if !errors.As(err, &nf) || !strings.Contains(err.Error(), `token "github-actions"`) {
		t.Fatalf("second revoke: %v, want NotFoundError naming the token", err)
	}
	if _, err := member.List(ctx); !isUnauthorized(err) {
		t.Fatalf("revoked secret still works: %v", err)
	}
}

func TestBorder0CreateNeverExpiring(t *testing.T) {
	e := newEmulator(t, emulator.Border0Options{NoSeed: true})
	p := newProvider(t, e.URL, e.AdminToken)
	created, err := p.Create(context.Background(), client.NewToken{Name: "terraform", Role: "admin"})
	if err != nil {
		t.Fatal(err)
	}
	if created.Token.Expires() || created.Warning != "" || created.Token.Role != "admin" {
		t.Fatalf("created %+v", created.Token)
	}
	if c, _ := DecodeClaims(created.Secret); c.Expires() {
		t.Fatalf("never-expiring token has exp %s", c.ExpiresAt)
	}
}

func isUnauthorized(err error) bool {
	var u *client.UnauthorizedError
	return errors.As(err, &u)
}

func TestBorder0Unauthorized(t *testing.T) {
	e := newEmulator(t, emulator.Border0Options{NoSeed: true})
	_, expired := e.IssueToken("old", "admin", testNow.Add(-time.Hour))
	for name, token := range map[string]string{
		"garbage": "eyJ.not.valid",
		"expired": expired,
	} {
		p := newProvider(t, e.URL, token)
		_, err := p.List(context.Background())
		if !isUnauthorized(err) || !strings.Contains(err.Error(), "please login") {
			t.Errorf("%s: %v, want UnauthorizedError saying please login", name, err)
		}
		if strings.Contains(err.Error(), token) {
			t.Errorf("%s: the error repeats the admin token", name)
		}
	}
}

func TestBorder0ForbiddenNamesAdminRole(t *testing.T) {
	e := newEmulator(t, emulator.Border0Options{NoSeed: true})
	_, member := e.IssueToken("ci", "member", time.Time{})
	_, connector := e.IssueToken("conn", "connector", time.Time{})
	id, _ := e.IssueToken("victim", "member", time.Time{})
	ctx := context.Background()

	m := newProvider(t, e.URL, member)
	checks := map[string]error{}
	_, checks["member create"] = m.Create(ctx, client.NewToken{Name: "x", Role: "member"})
	checks["member revoke"] = m.Revoke(ctx, client.Token{ID: id, Name: "victim"})
	_, checks["connector list"] = newProvider(t, e.URL, connector).List(ctx)
	for name, err := range checks {
		var f *client.ForbiddenError
		if !errors.As(err, &f) || f.Need != "admin role" {
			t.Errorf("%s: %v, want ForbiddenError{Need: admin role}", name, err)
		}
	}
	if e.Len() != 4 {
		t.Fatalf("forbidden calls changed the store: %d tokens", e.Len())
	}
}

func TestBorder0ServerValidationLandsOnField(t *testing.T) {
	// The emulator's clock runs an hour ahead of the provider's, so an
	// expiry 30 minutes out passes the client check and the server refuses it.
	e := newEmulator(t, emulator.Border0Options{NoSeed: true, Clock: func() time.Time { return testNow.Add(time.Hour) }})
	p := newProvider(t, e.URL, e.AdminToken)
	_, err := p.Create(context.Background(), client.NewToken{Name: "soon", Role: "admin", ExpiresAt: testNow.Add(30 * time.Minute)})
	var v *client.ValidationError
	if !errors.As(err, &v) {
		t.Fatalf("got %v, want ValidationError", err)
	}
	if got := v.Fields[client.FieldExpiresAt]; len(got) != 1 || got[0] != "expires_at must be in the future" {
		t.Fatalf("fields %v", v.Fields)
	}
}

func TestBorder0EmptyOrgListsNothing(t *testing.T) {
	e := newEmulator(t, emulator.Border0Options{NoSeed: true})
	p := newProvider(t, e.URL, e.AdminToken)
	tokens, err := p.List(context.Background())
	if err != nil || len(tokens) != 1 {
		t.Fatalf("list = %d tokens, %v; want just the admin", len(tokens), err)
	}
	if err := p.Revoke(context.Background(), tokens[0]); err != nil {
		t.Fatal(err)
	}
	// The admin revoked itself: the next call is refused, as on Border0.
	if _, err := p.List(context.Background()); !isUnauthorized(err) {
		t.Fatalf("after self-revoke: %v", err)
	}
}

func TestBorder0NamesWithEscapesAreSanitised(t *testing.T) {
	e := newEmulator(t, emulator.Border0Options{NoSeed: true})
	e.IssueToken("evil\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J-name\r\n", "member", time.Time{})
	p := newProvider(t, e.URL, e.AdminToken)
	tokens, err := p.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tok := byName(t, tokens, "evil-name  ")
	if strings.ContainsAny(tok.Name, "\x1b\x07\r\n") {
		t.Fatalf("name not sanitised: %q", tok.Name)
	}
}

func TestBorder0Catalog(t *testing.T) {
	e := newEmulator(t, emulator.Border0Options{})
	p := newProvider(t, e.URL, e.AdminToken)
	c, err := p.Catalog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if c.RoleLabel != "Role" || c.AllowedIPs || !c.NeverExpires || !c.NameRequired || c.NameMaxLen != NameMaxLen || len(c.ScopeGroups) != 0 {
		t.Fatalf("catalog %+v", c)
	}
	// The portal's words; Read Only listed but not offered: its wire
	// spelling is not published.
	var names []string
	for _, r := range c.Roles {
		names = append(names, r.Name)
		if r.Creatable == (r.Name == "read only") || r.Description == "" || (!r.Creatable && r.Reason == "") {
			t.Errorf("role %+v", r)
		}
	}
	if strings.Join(names, ",") != "admin,member,connector,client,read only" {
		t.Fatalf("roles %v", names)
	}
	if !strings.Contains(c.Roles[1].Description, "sockets") || !strings.HasPrefix(c.Roles[3].Description, "Client Access Only") || !strings.HasPrefix(c.Roles[4].Description, "Read Only") {
		t.Errorf("descriptions do not follow Border0's: %+v", c.Roles)
	}
	// Owners: the service accounts (by name) and the connector.
	var owners []string
	for _, o := range c.Owners {
		owners = append(owners, o.ID+"="+o.Label)
	}
	if got := strings.Join(owners, ","); !strings.HasPrefix(got, "ci-deployer=ci-deployer,metrics-exporter=metrics-exporter,kiosk-clients=kiosk-clients,connector:") ||
		!strings.HasSuffix(got, "=connector edge-eu-west") {
		t.Errorf("owners %s", got)
	}
	if !strings.Contains(c.Owners[1].Description, "role read only") || c.OwnerNone == "" || !c.OwnerSetsRole || c.OwnerLabel == "" {
		t.Errorf("owner fields %+v", c)
	}
	c.Roles[0].Name = "changed"
	if again, _ := p.Catalog(context.Background()); again.Roles[0].Name != "admin" {
		t.Fatal("editing a returned catalog changed the provider's")
	}
}

func TestBorder0New(t *testing.T) {
	if _, err := New(client.Connection{}); err == nil || !strings.Contains(err.Error(), TokenEnv) {
		t.Fatalf("no token: %v, want an error naming %s", err, TokenEnv)
	}
	secretish := "abc\ndef"
	if _, err := New(client.Connection{Token: secretish}); err == nil || strings.Contains(err.Error(), secretish) {
		t.Fatalf("token with a newline: %v", err)
	}
	p, err := New(client.Connection{Token: " tok \n"})
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind() != "border0" || p.DisplayName() != "Border0" {
		t.Fatalf("Kind %q DisplayName %q", p.Kind(), p.DisplayName())
	}
}

func TestBorder0MarksTheAdminTokenInUse(t *testing.T) {
	e := newEmulator(t, emulator.Border0Options{})
	tokens, err := newProvider(t, e.URL, e.AdminToken).List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	selves := 0
	for _, tok := range tokens {
		if !tok.SelfKnown() || tok.LastUseReported() || !tok.CreatorReported() {
			t.Fatalf("%s: reported %b", tok.Name, tok.Reported)
		}
		if tok.Self {
			selves++
			if tok.Name != "tokentui demo admin" {
				t.Errorf("%s marked as the admin token in use", tok.Name)
			}
		}
	}
	if selves != 1 {
		t.Fatalf("%d tokens marked as the admin token in use", selves)
	}

	// A token whose claims name no id (the seed's sample) says nothing.
	const noID = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJvcmdfaWQiOiJteS1hd2Vzb21lLW9yZy1pZCIsInR5cGUiOiJ0b2tlbiIsInVzZXJfaWQiOiJ0aGlzLWlzLW15LXVzZXItaWQifQ.m6sk5616to2_y_Y4hA2BbjCD_a_h64A7Rs6hWbUWS4k"
	p := newProvider(t, e.URL, noID)
	fresh := []client.Token{{ID: "a"}, {ID: ""}}
	p.markSelf(fresh)
	for _, tok := range fresh {
		if tok.Self || tok.SelfKnown() {
			t.Fatalf("claims without an id marked %+v", tok)
		}
	}
}
