package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// These tests speak raw HTTP to the GoodAccess emulator, so they pin down
// the wire format the provider (and anyone reading the spec) relies on.

var gaPinned = time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC)

func newGA(t *testing.T, opts GoodAccessOptions) *GoodAccess {
	t.Helper()
	g, err := NewGoodAccess(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(g.Close)
	return g
}

// gaCall sends a request and returns the status and body.
func gaCall(t *testing.T, g *GoodAccess, method, path, token, body string) (int, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, g.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("%s %s: Content-Type %q", method, path, ct)
	}
	return resp.StatusCode, strings.TrimSpace(string(b))
}

type gaWireToken struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Scopes     []string `json:"scopes"`
	AllowedIPs []string `json:"allowed_ips"`
	CreatedAt  *string  `json:"created_at"`
	ExpiresAt  *string  `json:"expires_at"`
	LastUsedAt *string  `json:"last_used_at"`
}

func gaList(t *testing.T, g *GoodAccess) []gaWireToken {
	t.Helper()
	status, body := gaCall(t, g, "GET", "/api/v1/tokens", g.AdminToken, "")
	if status != 200 {
		t.Fatalf("list: %d %s", status, body)
	}
	var out []gaWireToken
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatalf("list is not a JSON array of tokens: %v", err)
	}
	return out
}

func TestGoodAccessAuthentication(t *testing.T) {
	g := newGA(t, GoodAccessOptions{NoSeed: true})
	_, expired := g.IssueToken("expired", goodAccessScopes, time.Now().Add(-time.Second), nil)
	_, elsewhere := g.IssueToken("elsewhere", goodAccessScopes, time.Time{}, []string{"192.0.2.0/24", "::1"})
	_, here := g.IssueToken("here", goodAccessScopes, time.Time{}, []string{"2001:db8::/32", "127.0.0.1"})
	cases := []struct {
		token, body string
		status      int
	}{
		{"", `{"message":"Unauthenticated."}`, 401},
		{"ga_nope", `{"message":"Unauthenticated."}`, 401},
		{expired, `{"message":"The token has expired."}`, 401},
		{elsewhere, `{"message":"This token may not be used from 127.0.0.1."}`, 401},
		{here, "", 200},
		{g.AdminToken, "", 200},
	}
	for i, c := range cases {
		status, body := gaCall(t, g, "GET", "/api/v1/tokens", c.token, "")
		if status != c.status || (c.body != "" && body != c.body) {
			t.Errorf("case %d: %d %s; want %d %s", i, status, body, c.status, c.body)
		}
	}
}

func TestGoodAccessScopes(t *testing.T) {
	g := newGA(t, GoodAccessOptions{NoSeed: true})
	victim, _ := g.IssueToken("victim", []string{"members.read"}, time.Time{}, nil)
	endpoints := []struct{ method, path, body, scope string }{
		{"GET", "/api/v1/tokens", "", "token.read-all"},
		{"GET", "/api/v1/token/" + victim, "", "token.read"},
		{"POST", "/api/v1/token", `{"name":"x","scopes":["members.read"]}`, "token.create"},
		{"DELETE", "/api/v1/token/" + victim, "", "token.delete"},
	}
	for _, e := range endpoints {
		_, without := g.IssueToken("without "+e.scope, slices.DeleteFunc(slices.Clone(goodAccessScopes), func(s string) bool { return s == e.scope }), time.Time{}, nil)
		status, body := gaCall(t, g, e.method, e.path, without, e.body)
		want := fmt.Sprintf(`{"message":"Missing scope: %s","required_scope":"%s"}`, e.scope, e.scope)
		if status != 403 || body != want {
			t.Errorf("%s %s without %s: %d %s", e.method, e.path, e.scope, status, body)
		}
		_, with := g.IssueToken("with "+e.scope, []string{e.scope}, time.Time{}, nil)
		if status, body := gaCall(t, g, e.method, e.path, with, e.body); status != 200 {
			t.Errorf("%s %s with only %s: %d %s", e.method, e.path, e.scope, status, body)
		}
	}
}

func TestGoodAccessCreate(t *testing.T) {
	g := newGA(t, GoodAccessOptions{NoSeed: true})
	status, body := gaCall(t, g, "POST", "/api/v1/token", g.AdminToken,
		`{"name":"siem","scopes":["admin-logs.read","gateway-log.read"],"expires_at":"2099-01-02 03:04:05","allowed_ips":["198.51.100.0/24","2001:db8::7","127.0.0.1"]}`)
	if status != 200 {
		t.Fatalf("create: %d %s", status, body)
	}
	var created map[string]string
	if err := json.Unmarshal([]byte(body), &created); err != nil || len(created) != 3 {
		t.Fatalf("create answer %s: %v", body, err)
	}
	if created["message"] != "Token created successfully" || !regexp.MustCompile(`^ga_[0-9a-f]{40}$`).MatchString(created["token"]) {
		t.Fatalf("create answer %s", body)
	}
	id, secret := created["created_id"], created["token"]
	status, body = gaCall(t, g, "GET", "/api/v1/token/"+id, secret, "")
	if status != 403 || !strings.Contains(body, "token.read") {
		t.Fatalf("the new secret should authenticate but lack token.read: %d %s", status, body)
	}
	status, body = gaCall(t, g, "GET", "/api/v1/token/"+id, g.AdminToken, "")
	var tok gaWireToken
	if status != 200 || json.Unmarshal([]byte(body), &tok) != nil {
		t.Fatalf("get: %d %s", status, body)
	}
	if tok.Name != "siem" || *tok.ExpiresAt != "2099-01-02 03:04:05" || tok.LastUsedAt == nil ||
		!slices.Equal(tok.AllowedIPs, []string{"198.51.100.0/24", "2001:db8::7", "127.0.0.1"}) {
		t.Fatalf("stored token %s", body)
	}
	if strings.Contains(body, secret) {
		t.Fatal("the secret is readable after creation")
	}
	// Only a hash is kept: no field of the stored token holds the secret.
	g.mu.Lock()
	stored := *g.byID[id]
	g.mu.Unlock()
	v := reflect.ValueOf(stored)
	for i := 0; i < v.NumField(); i++ {
		if f := v.Field(i); f.Kind() == reflect.String && strings.Contains(f.String(), secret[3:]) {
			t.Fatalf("field %s holds the secret", v.Type().Field(i).Name)
		}
	}
	if stored.secretHash != hashSecret(secret) {
		t.Fatal("secret hash not stored")
	}

	// Optional fields: no name, no expiry, no IPs.
	status, body = gaCall(t, g, "POST", "/api/v1/token", g.AdminToken, `{"scopes":["token.read"],"expires_at":null}`)
	if status != 200 {
		t.Fatalf("minimal create: %d %s", status, body)
	}
	json.Unmarshal([]byte(body), &created)
	_, body = gaCall(t, g, "GET", "/api/v1/token/"+created["created_id"], g.AdminToken, "")
	if !strings.Contains(body, `"name":"","scopes":["token.read"],"allowed_ips":[],`) || !strings.Contains(body, `"expires_at":null,"last_used_at":null}`) {
		t.Fatalf("minimal token %s", body)
	}
}

func TestGoodAccessValidation(t *testing.T) {
	g := newGA(t, GoodAccessOptions{Clock: func() time.Time { return gaPinned }, NoSeed: true})
	long := strings.Repeat("ř", 256)
	cases := []struct {
		body   string
		errors map[string][]string // nil: only the message is checked
	}{
		{`{"name":"x","scopes":["token.read"]`, nil},
		{`["token.read"]`, nil},
		{`null`, nil},
		{`{"name":5,"scopes":["token.read"]}`, map[string][]string{"name": {"The name must be a string."}}},
		{`{"name":"` + long + `","scopes":["token.read"]}`, map[string][]string{"name": {"The name may not be greater than 255 characters."}}},
		{`{"name":"x"}`, map[string][]string{"scopes": {"The scopes field is required."}}},
		{`{"name":"x","scopes":[]}`, map[string][]string{"scopes": {"The scopes field is required."}}},
		{`{"name":"x","scopes":"token.read"}`, map[string][]string{"scopes": {"The scopes must be an array of strings."}}},
		{`{"scopes":["token.read","gateways.read-all","token.read"]}`, map[string][]string{
			"scopes.1": {"The selected scopes.1 is invalid."},
			"scopes.2": {"The scopes.2 field has a duplicate value."}}},
		{`{"scopes":["token.read"],"allowed_ips":["10.0.0.0/33","example.com","fe80::1%eth0","10.0.0.1","10.0.0.1"]}`, map[string][]string{
			"allowed_ips.0": {"The allowed_ips.0 must be a valid IP address or CIDR range."},
			"allowed_ips.1": {"The allowed_ips.1 must be a valid IP address or CIDR range."},
			"allowed_ips.2": {"The allowed_ips.2 must be a valid IP address or CIDR range."},
			"allowed_ips.4": {"The allowed_ips.4 field has a duplicate value."}}},
		{`{"scopes":["token.read"],"allowed_ips":"10.0.0.1"}`, map[string][]string{"allowed_ips": {"The allowed ips must be an array of strings."}}},
		{`{"scopes":["token.read"],"expires_at":"2026-03-11T09:00:00Z"}`, map[string][]string{"expires_at": {"The expires at does not match the format Y-m-d H:i:s."}}},
		{`{"scopes":["token.read"],"expires_at":"2026-03-10 09:30:00"}`, map[string][]string{"expires_at": {"The expires at must be a date after now."}}},
		{`{"scopes":["token.read"],"expires_at":1770000000}`, map[string][]string{"expires_at": {"The expires at must be a string."}}},
	}
	for _, c := range cases {
		status, body := gaCall(t, g, "POST", "/api/v1/token", g.AdminToken, c.body)
		var got gaValidation
		if status != 400 || json.Unmarshal([]byte(body), &got) != nil || got.Message == "" {
			t.Errorf("%.60s: %d %s", c.body, status, body)
			continue
		}
		if c.errors != nil && (got.Message != "The given data was invalid." || !reflect.DeepEqual(got.Errors, c.errors)) {
			t.Errorf("%.60s:\n got %s\nwant %v", c.body, body, c.errors)
		}
	}
	if g.Len() != 1 {
		t.Fatalf("refused creates stored tokens: %d", g.Len())
	}
	status, _ := gaCall(t, g, "POST", "/api/v1/token", g.AdminToken, `{"name":"`+long[:510]+`","scopes":["token.read"],"expires_at":"2026-03-10 09:30:01"}`)
	if status != 200 {
		t.Fatalf("255 characters and one second ahead should be accepted: %d", status)
	}
}

func TestGoodAccessNotFound(t *testing.T) {
	g := newGA(t, GoodAccessOptions{NoSeed: true})
	for _, c := range []struct{ method, path, body string }{
		{"GET", "/api/v1/token/6a1f0c3e-0000-4000-8000-000000000000", `{"message":"Token not found"}`},
		{"GET", "/api/v1/token/not-a-uuid", `{"message":"Token not found"}`},
		{"DELETE", "/api/v1/token/6a1f0c3e-0000-4000-8000-000000000000", `{"message":"Token not found"}`},
		{"DELETE", "/api/v1/token/" + strings.Repeat("z", 36), `{"message":"Token not found"}`},
		{"GET", "/api/v2/tokens", `{"message":"Not found"}`},
	} {
		if status, body := gaCall(t, g, c.method, c.path, g.AdminToken, ""); status != 404 || body != c.body {
			t.Errorf("%s %s: %d %s", c.method, c.path, status, body)
		}
	}
}

func TestGoodAccessRevokeAndTestConnection(t *testing.T) {
	g := newGA(t, GoodAccessOptions{NoSeed: true})
	id, secret := g.IssueToken("short-lived", []string{"members.read"}, time.Time{}, nil)
	if status, body := gaCall(t, g, "GET", "/api/v1/test-connection", secret, ""); status != 200 ||
		body != `{"message":"Connection has been established successfully."}` {
		t.Fatalf("test-connection: %d %s", status, body)
	}
	if status, body := gaCall(t, g, "DELETE", "/api/v1/token/"+id, g.AdminToken, ""); status != 200 || body != `{"message":"Token revoked successfully"}` {
		t.Fatalf("revoke: %d %s", status, body)
	}
	if status, _ := gaCall(t, g, "GET", "/api/v1/test-connection", secret, ""); status != 401 {
		t.Fatalf("a revoked secret still works: %d", status)
	}
	if g.Len() != 1 {
		t.Fatalf("Len = %d", g.Len())
	}
}

func TestGoodAccessRecordsLastUse(t *testing.T) {
	now := gaPinned
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	g := newGA(t, GoodAccessOptions{Clock: clock, NoSeed: true})
	id, secret := g.IssueToken("user", []string{"token.read"}, time.Time{}, nil)
	read := func() gaWireToken {
		_, body := gaCall(t, g, "GET", "/api/v1/token/"+id, g.AdminToken, "")
		var tok gaWireToken
		json.Unmarshal([]byte(body), &tok)
		return tok
	}
	if tok := read(); tok.LastUsedAt != nil || *tok.CreatedAt != "2026-03-10 09:30:00" {
		t.Fatalf("fresh token: %+v", tok)
	}
	mu.Lock()
	now = now.Add(90 * time.Minute)
	mu.Unlock()
	gaCall(t, g, "GET", "/api/v1/token/"+id, secret, "")
	if tok := read(); tok.LastUsedAt == nil || *tok.LastUsedAt != "2026-03-10 11:00:00" {
		t.Fatalf("after use: %+v", tok)
	}
}

func TestGoodAccessSeed(t *testing.T) {
	g := newGA(t, GoodAccessOptions{Clock: func() time.Time { return gaPinned }})
	tokens := gaList(t, g)
	if len(tokens) < 12 || len(tokens) > 20 {
		t.Fatalf("%d seeded tokens", len(tokens))
	}
	at := func(s *string) time.Time {
		if s == nil {
			return time.Time{}
		}
		v, err := time.Parse(gaDateLayout, *s)
		if err != nil {
			t.Fatalf("date %q: %v", *s, err)
		}
		return v
	}
	names := map[string]gaWireToken{}
	var expired, soon, never, unused, v6, cidr int
	for _, tok := range tokens {
		names[tok.Name] = tok
		if !gaIsUUID(tok.ID) || tok.ID != strings.ToLower(tok.ID) {
			t.Errorf("id %q is not a UUID", tok.ID)
		}
		for _, s := range tok.Scopes {
			if !goodAccessScopeSet[s] {
				t.Errorf("%s: unknown scope %s", tok.Name, s)
			}
		}
		for _, ip := range tok.AllowedIPs {
			if !gaValidIPEntry(ip) {
				t.Errorf("%s: bad IP %s", tok.Name, ip)
			}
			if strings.Contains(ip, ":") {
				v6++
			}
			if strings.Contains(ip, "/") {
				cidr++
			}
		}
		created, expires, used := at(tok.CreatedAt), at(tok.ExpiresAt), at(tok.LastUsedAt)
		if !created.Before(gaPinned) || (!used.IsZero() && (used.Before(created) || used.After(gaPinned))) {
			t.Errorf("%s: implausible dates %v %v", tok.Name, created, used)
		}
		switch {
		case expires.IsZero():
			never++
		case !expires.After(gaPinned):
			expired++
		case expires.Before(gaPinned.Add(7 * 24 * time.Hour)):
			soon++
		}
		if used.IsZero() {
			unused++
		}
	}
	if expired == 0 || soon == 0 || never == 0 || unused == 0 || v6 == 0 || cidr == 0 {
		t.Errorf("seed lacks a case: expired %d, soon %d, never %d, unused %d, v6 %d, cidr %d", expired, soon, never, unused, v6, cidr)
	}
	for _, n := range []string{"tokentui demo admin", "splunk-siem-log-export", "terraform-prod", "github-actions deploy", "gitlab-ci-provisioning"} {
		if _, ok := names[n]; !ok {
			t.Errorf("seed lacks %q", n)
		}
	}
	if admin := names["tokentui demo admin"]; len(admin.Scopes) != 52 || admin.ExpiresAt != nil || len(admin.AllowedIPs) != 0 {
		t.Errorf("admin = %+v", admin)
	}
	for _, s := range names["splunk-siem-log-export"].Scopes {
		if !strings.HasSuffix(s, "-logs.read") && !strings.HasSuffix(s, "-log.read") {
			t.Errorf("splunk has %s", s)
		}
	}
}

func TestGoodAccessIsDeterministicForAClock(t *testing.T) {
	clock := func() time.Time { return gaPinned }
	body := func(opts GoodAccessOptions) string {
		g := newGA(t, opts)
		_, b := gaCall(t, g, "GET", "/api/v1/tokens", g.AdminToken, "")
		return b
	}
	a := body(GoodAccessOptions{Clock: clock, Extra: 500})
	b := body(GoodAccessOptions{Clock: clock, Extra: 500})
	if a != b {
		t.Fatal("two emulators with the same clock served different lists")
	}
	if c := body(GoodAccessOptions{Clock: func() time.Time { return gaPinned.Add(time.Hour) }, Extra: 500}); c == a {
		t.Fatal("dates do not follow the clock")
	}
	g := newGA(t, GoodAccessOptions{Clock: clock, Extra: 500})
	if n := len(gaSeed()) + 500; g.Len() != n {
		t.Fatalf("Len = %d, want %d", g.Len(), n)
	}
	if g := newGA(t, GoodAccessOptions{NoSeed: true, Extra: 3}); g.Len() != 4 {
		t.Fatalf("NoSeed + 3 extra: Len = %d", g.Len())
	}
}

func TestGoodAccessExtraTokensArePlausible(t *testing.T) {
	g := newGA(t, GoodAccessOptions{Clock: func() time.Time { return gaPinned }, NoSeed: true, Extra: 2000})
	ids := map[string]bool{}
	for _, tok := range gaList(t, g) {
		if ids[tok.ID] || !gaIsUUID(tok.ID) {
			t.Fatalf("bad or repeated id %q", tok.ID)
		}
		ids[tok.ID] = true
		if tok.LastUsedAt != nil && tok.ExpiresAt != nil && *tok.LastUsedAt > *tok.ExpiresAt {
			t.Errorf("%s used after it expired", tok.Name)
		}
		if tok.ExpiresAt != nil && *tok.ExpiresAt < *tok.CreatedAt {
			t.Errorf("%s expired before it was created", tok.Name)
		}
	}
}

// TestGoodAccessTokenEncoding checks the hand-written token object decodes
// to what it holds; string escaping itself is tested in client/jsonappend.
func TestGoodAccessTokenEncoding(t *testing.T) {
	tok := &gaToken{id: "x", name: "n\x1b", scopes: []string{"a"}, createdAt: gaPinned}
	var w gaWireToken
	if err := json.Unmarshal(gaAppendToken(nil, tok, time.UTC), &w); err != nil || w.Name != "n\x1b" || w.AllowedIPs == nil ||
		*w.CreatedAt != "2026-03-10 09:30:00" || w.ExpiresAt != nil || w.LastUsedAt != nil {
		t.Fatalf("token encoding: %+v %v", w, err)
	}
	if list := gaEncodeList(nil, time.UTC); !bytes.Equal(bytes.TrimSpace(list), []byte("[]")) {
		t.Fatalf("empty list = %q", list)
	}
}

func TestGoodAccessConcurrentUse(t *testing.T) {
	g := newGA(t, GoodAccessOptions{Extra: 200})
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			status, body := gaCall(t, g, "POST", "/api/v1/token", g.AdminToken, fmt.Sprintf(`{"name":"w%d","scopes":["token.read"]}`, i))
			if status != 200 {
				t.Errorf("create: %d %s", status, body)
				return
			}
			var c map[string]string
			json.Unmarshal([]byte(body), &c)
			gaList(t, g)
			if status, _ := gaCall(t, g, "DELETE", "/api/v1/token/"+c["created_id"], g.AdminToken, ""); status != 200 {
				t.Errorf("revoke: %d", status)
			}
			g.IssueToken("direct", nil, time.Time{}, nil)
			_ = g.Len()
		}(i)
	}
	wg.Wait()
	if want := len(gaSeed()) + 200 + 6; g.Len() != want {
		t.Fatalf("Len = %d, want %d", g.Len(), want)
	}
}

func TestGoodAccessScopeList(t *testing.T) {
	if len(goodAccessScopes) != 52 || len(goodAccessScopeSet) != 52 {
		t.Fatalf("%d scopes (%d distinct), want 52", len(goodAccessScopes), len(goodAccessScopeSet))
	}
	for _, s := range []string{"access-card.read-all", "gateway.read-all", "members.disconnect", "device-posture-check-logs.read"} {
		if !goodAccessScopeSet[s] {
			t.Errorf("missing %s", s)
		}
	}
}

// BenchmarkGoodAccessList100k serves the list of 100 000 generated tokens.
func BenchmarkGoodAccessList100k(b *testing.B) {
	g, err := NewGoodAccess(GoodAccessOptions{Extra: 100_000, Clock: func() time.Time { return gaPinned }})
	if err != nil {
		b.Fatal(err)
	}
	defer g.Close()
	req, _ := http.NewRequest("GET", g.URL+"/api/v1/tokens", nil)
	req.Header.Set("Authorization", "Bearer "+g.AdminToken)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		b.SetBytes(n)
	}
}
