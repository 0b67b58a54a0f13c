package emulator

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

var border0TestNow = time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)

func newBorder0Test(t *testing.T, opts Border0Options) *Border0 {
	t.Helper()
	if opts.Clock == nil {
		opts.Clock = func() time.Time { return border0TestNow }
	}
	b, err := NewBorder0(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return b
}

// border0Call sends one request; header picks how the credential travels.
func border0Call(t *testing.T, b *Border0, method, header, token string, body any) (int, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		if s, ok := body.(string); ok {
			rd = strings.NewReader(s)
		} else {
			buf, _ := json.Marshal(body)
			rd = bytes.NewReader(buf)
		}
	}
	req, err := http.NewRequest(method, b.URL+"/organizations/tokens", rd)
	if err != nil {
		t.Fatal(err)
	}
	switch header {
	case "bearer":
		req.Header.Set("Authorization", "Bearer "+token)
	case "bare":
		req.Header.Set("Authorization", token)
	case "x-access-token":
		req.Header.Set("x-access-token", token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

type border0TestList struct {
	List []border0WireToken `json:"list"`
}

func border0List(t *testing.T, b *Border0, token string) []border0WireToken {
	t.Helper()
	status, body := border0Call(t, b, "GET", "bearer", token, nil)
	if status != 200 {
		t.Fatalf("list: HTTP %d %s", status, body)
	}
	var l border0TestList
	if err := json.Unmarshal(body, &l); err != nil {
		t.Fatal(err)
	}
	return l.List
}

func border0ErrorMessage(t *testing.T, body []byte) string {
	t.Helper()
	var e struct {
		StatusCode   int    `json:"status_code"`
		ErrorMessage string `json:"error_message"`
	}
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("error body %q: %v", body, err)
	}
	return e.ErrorMessage
}

func TestBorder0SeedIsRealisticAndDeterministic(t *testing.T) {
	a := newBorder0Test(t, Border0Options{})
	b := newBorder0Test(t, Border0Options{})
	la, lb := border0List(t, a, a.AdminToken), border0List(t, b, b.AdminToken)
	// 12 organisation tokens listed; 5 more belong to service accounts and
	// connectors, which have lists of their own.
	if len(la) != 12 || a.Len() != 17 {
		t.Fatalf("seeded %d tokens (Len %d), want 12 (17)", len(la), a.Len())
	}
	ja, _ := json.Marshal(la)
	jb, _ := json.Marshal(lb)
	if !bytes.Equal(ja, jb) {
		t.Fatalf("two emulators with one clock differ:\n%s\n%s", ja, jb)
	}
	if a.AdminToken == b.AdminToken {
		t.Fatal("secrets must differ between emulators (random signing key)")
	}
	var expired, soon, never, connectors int
	for _, tok := range la {
		if tok.ExpiresAt == nil {
			never++
			continue
		}
		exp := time.Unix(*tok.ExpiresAt, 0)
		switch {
		case !exp.After(border0TestNow):
			expired++
		case exp.Sub(border0TestNow) <= 7*24*time.Hour:
			soon++
		}
		if tok.Role == "connector" {
			connectors++
			created, err := time.Parse(time.RFC3339, tok.CreatedAt)
			if err != nil {
				t.Fatal(err)
			}
			if exp.Sub(created) != 365*24*time.Hour {
				t.Errorf("connector %s valid %s, want one year", tok.Name, exp.Sub(created))
			}
		}
	}
	if expired == 0 || soon == 0 || never < 2 || connectors < 3 {
		t.Fatalf("seed lacks variety: expired %d, within 7 days %d, never %d, connectors %d", expired, soon, never, connectors)
	}
}

func TestBorder0NoSeedKeepsAdmin(t *testing.T) {
	b := newBorder0Test(t, Border0Options{NoSeed: true})
	l := border0List(t, b, b.AdminToken)
	if len(l) != 1 || l[0].Name != border0SeedAdmin || l[0].Role != "admin" || l[0].ExpiresAt != nil {
		t.Fatalf("NoSeed list = %+v", l)
	}
}

func TestBorder0AcceptsEveryCredentialHeader(t *testing.T) {
	b := newBorder0Test(t, Border0Options{NoSeed: true})
	for _, h := range []string{"bearer", "bare", "x-access-token"} {
		if status, body := border0Call(t, b, "GET", h, b.AdminToken, nil); status != 200 {
			t.Errorf("%s: HTTP %d %s", h, status, body)
		}
	}
}

func TestBorder0RefusesBadCredentials(t *testing.T) {
	b := newBorder0Test(t, Border0Options{NoSeed: true})
	other := newBorder0Test(t, Border0Options{NoSeed: true})
	_, expired := b.IssueToken("old", "admin", border0TestNow.Add(-time.Minute))
	revokedID, revoked := b.IssueToken("gone", "admin", time.Time{})
	if status, _ := border0Call(t, b, "DELETE", "bearer", b.AdminToken, map[string]string{"id": revokedID}); status != 200 {
		t.Fatalf("revoke: HTTP %d", status)
	}
	// A token with valid claims but a tampered payload must fail the signature.
	parts := strings.Split(b.AdminToken, ".")
	parts[1] = base64.RawURLEncoding.EncodeToString([]byte(`{"org_id":"x","type":"token","role":"admin"}`))
	tampered := strings.Join(parts, ".")

	cases := map[string]string{
		"missing":        "",
		"garbage":        "not-a-jwt",
		"other emulator": other.AdminToken,
		"expired":        expired,
		"revoked":        revoked,
		"tampered":       tampered,
	}
	for name, tok := range cases {
		status, body := border0Call(t, b, "GET", "bearer", tok, nil)
		if status != 401 || border0ErrorMessage(t, body) != "please login" {
			t.Errorf("%s: HTTP %d %s, want 401 please login", name, status, body)
		}
	}
}

func TestBorder0EnforcesRoles(t *testing.T) {
	b := newBorder0Test(t, Border0Options{NoSeed: true})
	_, member := b.IssueToken("ci", "member", time.Time{})
	_, connector := b.IssueToken("conn", "connector", time.Time{})
	id, _ := b.IssueToken("victim", "member", time.Time{})

	if status, body := border0Call(t, b, "GET", "bearer", member, nil); status != 200 {
		t.Errorf("member list: HTTP %d %s", status, body)
	}
	forbidden := []struct {
		name, method, token string
		body                any
	}{
		{"member create", "POST", member, map[string]any{"name": "x", "role": "member"}},
		{"member revoke", "DELETE", member, map[string]string{"id": id}},
		{"connector list", "GET", connector, nil},
		{"connector create", "POST", connector, map[string]any{"name": "x", "role": "member"}},
	}
	for _, c := range forbidden {
		status, body := border0Call(t, b, c.method, "bearer", c.token, c.body)
		if status != 403 || border0ErrorMessage(t, body) != "forbidden: admin role required" {
			t.Errorf("%s: HTTP %d %s, want 403", c.name, status, body)
		}
	}
	if b.Len() != 4 {
		t.Fatalf("a forbidden call changed the store: %d tokens", b.Len())
	}
}

func TestBorder0CreateIssuesUsableJWT(t *testing.T) {
	b := newBorder0Test(t, Border0Options{NoSeed: true})
	exp := border0TestNow.Add(30 * 24 * time.Hour)
	status, body := border0Call(t, b, "POST", "bearer", b.AdminToken,
		map[string]any{"name": "deploy", "role": "member", "expires_at": exp.Unix()})
	if status != 200 {
		t.Fatalf("create: HTTP %d %s", status, body)
	}
	var created struct{ Name, Token, Created_at string }
	if err := json.Unmarshal(body, &created); err != nil {
		t.Fatal(err)
	}
	if created.Name != "deploy" || created.Created_at != border0TestNow.Format(time.RFC3339) {
		t.Fatalf("create answer %s", body)
	}
	claims, ok := b.verify(created.Token)
	if !ok {
		t.Fatalf("secret is not a JWT signed by the emulator")
	}
	if claims.OrgID != border0OrgID || claims.Role != "member" || claims.ExpiresAt != exp.Unix() || claims.IssuedAt != border0TestNow.Unix() {
		t.Fatalf("claims %+v", claims)
	}
	var entry *border0WireToken
	for _, tok := range border0List(t, b, b.AdminToken) {
		if tok.ID == claims.TokenID {
			entry = &tok
		}
	}
	if entry == nil || entry.Name != "deploy" || entry.ExpiresAt == nil || *entry.ExpiresAt != exp.Unix() {
		t.Fatalf("token_id %s not listed as created: %+v", claims.TokenID, entry)
	}
	if entry.CreatedBy != "token: "+border0SeedAdmin {
		t.Errorf("created_by %q", entry.CreatedBy)
	}
	// The new member token works for listing and is refused for creating.
	if status, _ := border0Call(t, b, "GET", "x-access-token", created.Token, nil); status != 200 {
		t.Errorf("new token cannot list: HTTP %d", status)
	}
	// Only the hash is kept.
	b.mu.RLock()
	defer b.mu.RUnlock()
	for _, tok := range b.order {
		if tok.hash == created.Token {
			t.Fatal("secret stored in clear")
		}
	}
}

func TestBorder0NeverExpiringCreateHasNoExp(t *testing.T) {
	b := newBorder0Test(t, Border0Options{NoSeed: true})
	for _, body := range []string{`{"name":"a","role":"admin"}`, `{"name":"b","role":"admin","expires_at":0}`} {
		status, resp := border0Call(t, b, "POST", "bearer", b.AdminToken, body)
		if status != 200 {
			t.Fatalf("%s: HTTP %d %s", body, status, resp)
		}
		var created struct{ Token string }
		_ = json.Unmarshal(resp, &created)
		if c, _ := b.verify(created.Token); c.ExpiresAt != 0 {
			t.Errorf("%s: exp %d", body, c.ExpiresAt)
		}
	}
}

func TestBorder0CreateValidation(t *testing.T) {
	b := newBorder0Test(t, Border0Options{NoSeed: true})
	cases := []struct{ body, want string }{
		{`{"role":"admin"}`, "name is required"},
		{`{"name":"   ","role":"admin"}`, "name is required"},
		{fmt.Sprintf(`{"name":%q,"role":"admin"}`, strings.Repeat("é", 101)), "name must be at most 100 characters"},
		{`{"name":"x","role":"owner"}`, "role must be one of: admin, member, connector, client"},
		{`{"name":"x"}`, "role must be one of: admin, member, connector, client"},
		{fmt.Sprintf(`{"name":"x","role":"admin","expires_at":%d}`, border0TestNow.Unix()), "expires_at must be in the future"},
		{`{"name":"x","role":"admin","expires_at":-5}`, "expires_at must be a unix time in seconds, or 0 for never"},
		{`{"name":"x","role":"admin","expires_at":"2030-01-01"}`, "bad request: expires_at has the wrong type"},
		{`{"name":"x",`, "bad request: malformed JSON body"},
		{``, "bad request: malformed JSON body"},
	}
	for _, c := range cases {
		status, body := border0Call(t, b, "POST", "bearer", b.AdminToken, c.body)
		if status != 400 || border0ErrorMessage(t, body) != c.want {
			t.Errorf("%s: HTTP %d %s, want 400 %q", c.body, status, body, c.want)
		}
	}
	if status, _ := border0Call(t, b, "POST", "bearer", b.AdminToken, fmt.Sprintf(`{"name":%q,"role":"client"}`, strings.Repeat("é", 100))); status != 200 {
		t.Errorf("100-character name with role client refused: HTTP %d", status)
	}
}

func TestBorder0Revoke(t *testing.T) {
	b := newBorder0Test(t, Border0Options{})
	id, _ := b.IssueToken("to-delete", "member", time.Time{})
	n := b.Len()
	cases := []struct {
		body       string
		status     int
		wantErrMsg string
	}{
		{`{"id":"7e0b3a8e-0000-4000-8000-000000000000"}`, 404, "token not found"},
		{`{}`, 400, "id is required"},
		{`nope`, 400, "bad request: malformed JSON body"},
	}
	for _, c := range cases {
		status, body := border0Call(t, b, "DELETE", "bearer", b.AdminToken, c.body)
		if status != c.status || border0ErrorMessage(t, body) != c.wantErrMsg {
			t.Errorf("%s: HTTP %d %s", c.body, status, body)
		}
	}
	status, body := border0Call(t, b, "DELETE", "bearer", b.AdminToken, map[string]string{"id": id})
	if status != 200 || strings.TrimSpace(string(body)) != "{}" {
		t.Fatalf("revoke: HTTP %d %s", status, body)
	}
	if b.Len() != n-1 {
		t.Fatalf("Len %d after revoke, want %d", b.Len(), n-1)
	}
	for _, tok := range border0List(t, b, b.AdminToken) {
		if tok.ID == id {
			t.Fatal("revoked token still listed")
		}
	}
	if status, _ := border0Call(t, b, "DELETE", "bearer", b.AdminToken, map[string]string{"id": id}); status != 404 {
		t.Fatalf("second revoke: HTTP %d, want 404", status)
	}
}

func TestBorder0UnknownPathsAndMethods(t *testing.T) {
	b := newBorder0Test(t, Border0Options{NoSeed: true})
	req, _ := http.NewRequest("PUT", b.URL+"/organizations/tokens", nil)
	req.Header.Set("Authorization", "Bearer "+b.AdminToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 405 {
		t.Errorf("PUT: HTTP %d", resp.StatusCode)
	}
	resp, err = http.Get(b.URL + "/organizations/nope")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("unknown path: HTTP %d", resp.StatusCode)
	}
}

func TestBorder0ConcurrentUse(t *testing.T) {
	b := newBorder0Test(t, Border0Options{NoSeed: true})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 5 {
				status, body := border0Call(t, b, "POST", "bearer", b.AdminToken, map[string]any{"name": fmt.Sprintf("w%d-%d", i, j), "role": "member"})
				if status != 200 {
					t.Errorf("create: HTTP %d %s", status, body)
				}
				border0List(t, b, b.AdminToken)
				b.IssueToken("direct", "connector", time.Time{})
			}
		}()
	}
	wg.Wait()
	if b.Len() != 1+8*5*2 {
		t.Fatalf("Len %d, want %d", b.Len(), 1+8*5*2)
	}
}

func TestBorder0Extra100k(t *testing.T) {
	if testing.Short() {
		t.Skip("scale test")
	}
	start := time.Now()
	b := newBorder0Test(t, Border0Options{Extra: 100000})
	l := border0List(t, b, b.AdminToken)
	if len(l) != 100012 || b.Len() != 100017 {
		t.Fatalf("listed %d, Len %d", len(l), b.Len())
	}
	// Generous: the race detector slows this down several times.
	if d := time.Since(start); d > 20*time.Second {
		t.Fatalf("seeding and listing 100k took %s", d)
	}
}
