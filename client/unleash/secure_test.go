package unleash

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator"
)

// Secure token storage (UNLEASH_EXPERIMENTAL_SECURE_TOKEN, 8.2.0): the
// emulator does what the real server does (see integration_test.go, which
// runs the same checks against a real server in both modes).

func byName(tokens []client.Token, name string) (client.Token, bool) {
	return findBy(tokens, func(t client.Token) bool { return t.Name == name })
}

// findBy is the first token keep accepts.
func findBy(tokens []client.Token, keep func(client.Token) bool) (client.Token, bool) {
	for _, t := range tokens {
		if keep(t) {
			return t, true
		}
	}
	return client.Token{}, false
}

func TestUnleashSecureListMixesBothKinds(t *testing.T) {
	u := newEmulator(t, emulator.UnleashOptions{SecureTokens: true})
	tokens, err := newProvider(t, u.URL, u.AdminToken).List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	v1, ok := byName(tokens, "legacy-monolith")
	if !ok || v1.Secret == "" || v1.SecretNote != "" || v1.ID != client.Fingerprint(v1.Secret) {
		t.Errorf("v1 token %+v", v1)
	}
	v2, ok := byName(tokens, "checkout-payments")
	if !ok || v2.Secret != "" || !IsSelector(v2.ID) || !strings.Contains(v2.SecretNote, "only a hash") {
		t.Fatalf("v2 token %+v", v2)
	}
	// The v2 store keeps the type as created: a backend token stays backend.
	if v2.Role != "backend" || v2.Environment != "production" || strings.Join(v2.Projects, ",") != "checkout" || v2.Expires() || v2.LastUsedAt.IsZero() {
		t.Errorf("v2 fields %+v", v2)
	}
	if never, _ := byName(tokens, "storefront-preview"); !never.LastUsedAt.IsZero() || !never.Expires() {
		t.Errorf("a v2 token never used, with an expiry: %+v", never)
	}
}

func TestUnleashSecureCreateKeepsItsIDFromCreateToList(t *testing.T) {
	u := newEmulator(t, emulator.UnleashOptions{NoSeed: true, SecureTokens: true})
	p := newProvider(t, u.URL, u.AdminToken)
	ctx := context.Background()
	expiry := testNow.Add(90 * 24 * time.Hour)
	created, err := p.Create(ctx, client.NewToken{Name: "sec", Role: "backend", Projects: []string{"default"}, Environment: "production", ExpiresAt: expiry})
	if err != nil {
		t.Fatal(err)
	}
	info, ok := ParseSecret(created.Secret)
	if !ok || info.Version != 2 || created.Token.ID != info.Selector || created.Token.Secret != "" || created.Token.SecretNote == "" {
		t.Fatalf("created %+v (secret %s): %+v", created.Token, client.MaskSecret(created.Secret), info)
	}
	if created.Warning != "" || len(created.GrantDiffs) != 0 || created.Token.Role != "backend" {
		t.Errorf("created %+v", created)
	}
	tokens, err := p.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	listed, ok := byName(tokens, "sec")
	if !ok || listed.ID != created.Token.ID || listed.Secret != "" || !listed.ExpiresAt.Equal(expiry) {
		t.Fatalf("listed %+v, created id %s", listed, created.Token.ID)
	}
	// The secret works on the client API; the selector alone does not.
	if code := clientFeatures(t, u.URL, created.Secret); code != http.StatusOK {
		t.Errorf("the new secret: %d", code)
	}
	if code := clientFeatures(t, u.URL, listed.ID); code != http.StatusUnauthorized {
		t.Errorf("the selector as a credential: %d", code)
	}

	// Expiry edits address it by its selector, from the create answer and
	// from the list alike, and the read-back finds it by ID.
	for i, tok := range []client.Token{created.Token, listed} {
		at := testNow.Add(time.Duration(200+i) * 24 * time.Hour).Truncate(time.Millisecond)
		if err := p.UpdateExpiry(ctx, tok, at); err != nil {
			t.Fatalf("update %d: %v", i, err)
		}
		after, _ := p.List(ctx)
		if got, _ := byName(after, "sec"); !got.ExpiresAt.Equal(at) {
			t.Errorf("update %d: expiry %v, want %v", i, got.ExpiresAt, at)
		}
	}

	if err := p.Revoke(ctx, listed); err != nil {
		t.Fatal(err)
	}
	after, _ := p.List(ctx)
	if _, still := byName(after, "sec"); still {
		t.Error("revoked token still listed")
	}
	if code := clientFeatures(t, u.URL, created.Secret); code != http.StatusUnauthorized {
		t.Errorf("a revoked secret: %d", code)
	}
}

// clientFeatures is the status /api/client/features answers credential.
func clientFeatures(t *testing.T, base, credential string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, strings.TrimRight(base, "/")+"/api/client/features", nil)
	req.Header.Set("Authorization", credential)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// Turning the flag off (a restart on the same database) makes new tokens
// v1 again; the v2 ones stay listed, editable and revocable.
func TestUnleashSecureTokensSurviveTheFlagGoingOff(t *testing.T) {
	u := newEmulator(t, emulator.UnleashOptions{NoSeed: true, SecureTokens: true})
	p := newProvider(t, u.URL, u.AdminToken)
	ctx := context.Background()
	v2, err := p.Create(ctx, client.NewToken{Name: "made-secure", Role: "client", Projects: []string{"*"}, Environment: "development"})
	if err != nil {
		t.Fatal(err)
	}
	u.SetSecureTokens(false)
	v1, err := p.Create(ctx, client.NewToken{Name: "made-plain", Role: "client", Projects: []string{"*"}, Environment: "development"})
	if err != nil {
		t.Fatal(err)
	}
	if info, _ := ParseSecret(v1.Secret); info.Version != 1 || v1.Token.Secret != v1.Secret || v1.Token.SecretNote != "" {
		t.Fatalf("after the flag went off: %+v", v1.Token)
	}
	tokens, _ := p.List(ctx)
	listed, ok := byName(tokens, "made-secure")
	if !ok || listed.ID != v2.Token.ID || listed.Secret != "" {
		t.Fatalf("v2 token after the flag went off: %+v", listed)
	}
	if err := p.UpdateExpiry(ctx, listed, testNow.Add(48*time.Hour)); err != nil {
		t.Errorf("update: %v", err)
	}
	for _, tok := range []client.Token{listed, v1.Token} {
		if err := p.Revoke(ctx, tok); err != nil {
			t.Errorf("revoke %s: %v", tok.Name, err)
		}
	}
	if left, _ := p.List(ctx); len(left) != 1 { // the admin token
		t.Errorf("%d tokens left", len(left))
	}
}

// A list entry must never put an unexpected value on screen as an ID: only
// a selector-shaped value of a secure entry is one; anything else is
// treated as a secret (masked everywhere), whatever "secure" says.
func TestUnleashSecureEntryThatIsNoSelectorStaysSecret(t *testing.T) {
	full := "default:production.v2_oCMDWlZC_Z82MEpzo1zNLQ_0WZ7FeTetq55lDs_6b3_r_l6P2eD6XJkBu19mRXmRAI"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"tokens":[
			{"secret":"default:production.` + strings.Repeat("ab", 28) + `","tokenName":"odd","type":"client","secure":true},
			{"secret":"` + full + `","tokenName":"full","type":"client","secure":true},
			{"secret":"oCMDWlZC_Z82MEpzo1zNLQ","tokenName":"sel","type":"client"}]}`))
	}))
	defer srv.Close()
	tokens, err := newProvider(t, srv.URL, "x").List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	odd, _ := byName(tokens, "odd")
	if odd.Secret == "" || strings.Contains(odd.ID, "ab") || odd.SecretNote != "" {
		t.Errorf("secure entry holding a v1 secret: %+v", odd)
	}
	// A full v2 secret in a list (no server sends one) is still known by its
	// selector, and never copyable.
	if f, _ := byName(tokens, "full"); f.ID != "oCMDWlZC_Z82MEpzo1zNLQ" || f.Secret != "" {
		t.Errorf("full v2 secret listed: %+v", f)
	}
	// Without "secure" (an older server) a value is a secret, even if it
	// happens to look like a selector.
	if s, _ := byName(tokens, "sel"); s.Secret != "oCMDWlZC_Z82MEpzo1zNLQ" || s.SecretNote != "" {
		t.Errorf("selector-shaped secret without secure: %+v", s)
	}
}

// Revoke and expiry edits address a v2 token by its selector, never by a
// rebuilt secret; a token with neither a secret nor a selector is refused
// before anything is sent.
func TestUnleashSecureAddressing(t *testing.T) {
	var paths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.Method+" "+r.URL.EscapedPath())
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"tokens":[{"secret":"oCMDWlZC_Z82MEpzo1zNLQ","tokenName":"s","type":"client","expiresAt":"2031-01-01T00:00:00.000Z","secure":true}]}`))
	}))
	defer srv.Close()
	p := newProvider(t, srv.URL, "x")
	tok := client.Token{ID: "oCMDWlZC_Z82MEpzo1zNLQ", Name: "s"}
	if err := p.Revoke(context.Background(), tok); err != nil {
		t.Fatal(err)
	}
	if err := p.UpdateExpiry(context.Background(), tok, time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	want := "DELETE /api/admin/api-tokens/oCMDWlZC_Z82MEpzo1zNLQ,PUT /api/admin/api-tokens/oCMDWlZC_Z82MEpzo1zNLQ,GET /api/admin/api-tokens"
	if got := strings.Join(paths, ","); got != want {
		t.Errorf("requests %s", got)
	}
	if err := p.Revoke(context.Background(), client.Token{ID: "3f2a9c4e1b2d", Name: "nothing"}); err == nil || len(paths) != 3 {
		t.Errorf("a token without secret or selector: %v (%d requests)", err, len(paths))
	}
}

// With secure storage Unleash 8.2.0 answers an unknown project with a
// database error (500); the provider puts it on the projects field.
func TestUnleashSecureUnknownProjectLandsOnTheField(t *testing.T) {
	u := newEmulator(t, emulator.UnleashOptions{NoSeed: true, SecureTokens: true})
	_, err := newProvider(t, u.URL, u.AdminToken).Create(context.Background(),
		client.NewToken{Name: "x", Role: "client", Projects: []string{"nope"}, Environment: "production"})
	var v *client.ValidationError
	if !errors.As(err, &v) || len(v.Fields[client.FieldProjects]) == 0 || !strings.Contains(v.Error(), "does not exist") {
		t.Errorf("unknown project: %v", err)
	}
}
