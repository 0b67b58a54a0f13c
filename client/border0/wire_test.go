package border0

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
)

// These tests pin the wire format with hand-written answers: shapes and
// failures the emulator does not produce.

// stubServer answers GET and POST /organizations/tokens with the given
// status and body; it counts requests and records the last request body.
type stubServer struct {
	*httptest.Server
	requests atomic.Int32
	lastBody atomic.Value // string
	lastAuth atomic.Value // string
}

type stubAnswer struct {
	status int
	body   string
}

func newStub(t *testing.T, answers map[string]stubAnswer) *stubServer {
	t.Helper()
	s := &stubServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		body, _ := io.ReadAll(r.Body)
		s.lastBody.Store(string(body))
		s.lastAuth.Store(r.Header.Get("Authorization"))
		a, ok := answers[r.Method+" "+r.URL.Path]
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		if strings.HasPrefix(a.body, "<") {
			w.Header().Set("Content-Type", "text/html")
		} else {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(a.status)
		_, _ = io.WriteString(w, a.body)
	}))
	t.Cleanup(s.Close)
	return s
}

func stubProvider(t *testing.T, s *stubServer) *Provider {
	t.Helper()
	p, err := New(client.Connection{BaseURL: s.URL + "/api/v1", Token: "admin-jwt", Retries: -1, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	p.now = fixedClock
	p.lag.fallback = time.Millisecond // no /serverinfo here
	return p
}

const listPath = "/api/v1/organizations/tokens"

func TestBorder0ListTimestampFormats(t *testing.T) {
	s := newStub(t, map[string]stubAnswer{"GET " + listPath: {200, `{"list":[
		{"id":"a","name":"rfc3339","role":"admin","created_by":"x@example.com","created_at":"2025-01-02T03:04:05Z","expires_at":"2026-01-02T05:04:05+02:00"},
		{"id":"b","name":"unix","role":"member","created_at":1735787045,"expires_at":1767323045},
		{"id":"c","name":"numeric strings","role":"connector","created_at":"1735787045","expires_at":"1767323045"},
		{"id":"d","name":"never: zero","created_at":"2025-01-02T03:04:05.123456Z","expires_at":0},
		{"id":"e","name":"never: null","created_at":1735787045.5,"expires_at":null},
		{"id":"f","name":"never: absent and empty","created_at":""},
		{"id":7,"name":"milliseconds","created_at":1735787045000,"expires_at":"0"}
	]}`}})
	tokens, err := stubProvider(t, s).List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	created := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	expires := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	want := []struct {
		id               string
		created, expires time.Time
	}{
		{"a", created, expires},
		{"b", created, expires},
		{"c", created, expires},
		{"d", created.Add(123456 * time.Microsecond), time.Time{}},
		{"e", created.Add(500 * time.Millisecond), time.Time{}},
		{"f", time.Time{}, time.Time{}},
		{"7", created, time.Time{}},
	}
	if len(tokens) != len(want) {
		t.Fatalf("%d tokens, want %d", len(tokens), len(want))
	}
	for i, w := range want {
		got := tokens[i]
		if got.ID != w.id || !got.CreatedAt.Equal(w.created) || !got.ExpiresAt.Equal(w.expires) {
			t.Errorf("%s: id %q created %s expires %s; want %q %s %s", got.Name, got.ID, got.CreatedAt, got.ExpiresAt, w.id, w.created, w.expires)
		}
	}
	if tokens[0].CreatedBy != "x@example.com" || tokens[2].Role != "connector" {
		t.Errorf("fields lost: %+v", tokens[:3])
	}
	if auth, _ := s.lastAuth.Load().(string); auth != "Bearer admin-jwt" {
		t.Errorf("Authorization %q", auth)
	}
}

func TestBorder0ListBareArrayAndEmpty(t *testing.T) {
	cases := map[string]int{
		`[{"id":"a","name":"bare","role":"member","created_at":1735787045}]`: 1,
		`{"list":null}`: 0,
		`{"list":[]}`:   0,
		`[]`:            0,
	}
	for body, n := range cases {
		s := newStub(t, map[string]stubAnswer{"GET " + listPath: {200, body}})
		tokens, err := stubProvider(t, s).List(context.Background())
		if err != nil || len(tokens) != n {
			t.Errorf("%s: %d tokens, %v; want %d", body, len(tokens), err, n)
		}
	}
}

func TestBorder0ListBadAnswers(t *testing.T) {
	cases := map[string]struct {
		answer stubAnswer
		want   string
	}{
		"HTML page":       {stubAnswer{200, "<!doctype html><html><body>Sign in</body></html>"}, "HTML"},
		"garbage":         {stubAnswer{200, `{"list":[{"id":`}, "not valid JSON"},
		"not JSON at all": {stubAnswer{200, `hello`}, "not valid JSON"},
		"no list":         {stubAnswer{200, `{"tokens":[]}`}, `no "list"`},
		"wrong shape":     {stubAnswer{200, `{"list":{"id":"a"}}`}, "unexpected shape"},
		"5xx HTML":        {stubAnswer{502, "<html>Bad Gateway</html>"}, "HTTP 502"},
	}
	for name, c := range cases {
		s := newStub(t, map[string]stubAnswer{"GET " + listPath: c.answer})
		_, err := stubProvider(t, s).List(context.Background())
		var se *client.ServerError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want ServerError containing %q", name, err, c.want)
		}
	}
}

func TestBorder0ErrorBodies(t *testing.T) {
	cases := map[string]struct {
		answer stubAnswer
		check  func(error) bool
		want   string
	}{
		"400 error_message": {stubAnswer{400, `{"status_code":400,"error_message":"bad request"}`}, isValidation, "bad request"},
		"400 message":       {stubAnswer{400, `{"message":"something odd"}`}, isValidation, "something odd"},
		"400 HTML":          {stubAnswer{400, `<html>nope</html>`}, isValidation, "HTML"},
		"401":               {stubAnswer{401, `{"status_code":401,"error_message":"please login"}`}, isUnauthorized, "please login"},
		"403 other":         {stubAnswer{403, `{"message":"organization suspended"}`}, isForbidden, "forbidden: organization suspended"},
		"404 plain text":    {stubAnswer{404, `404 page not found`}, isNotFound, "404 page not found"},
		"429":               {stubAnswer{429, `{"status_code":429,"error_message":"slow down"}`}, isRateLimited, "rate limited"},
	}
	for name, c := range cases {
		s := newStub(t, map[string]stubAnswer{"GET " + listPath: c.answer})
		_, err := stubProvider(t, s).List(context.Background())
		if err == nil || !c.check(err) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v (%T), want %q", name, err, err, c.want)
		}
	}
}

func isValidation(err error) bool {
	var v *client.ValidationError
	return errors.As(err, &v)
}

func isForbidden(err error) bool {
	var f *client.ForbiddenError
	return errors.As(err, &f)
}

func isNotFound(err error) bool {
	var nf *client.NotFoundError
	return errors.As(err, &nf)
}

func isRateLimited(err error) bool {
	var rl *client.RateLimitedError
	return errors.As(err, &rl)
}

func TestBorder0ParseErrorFields(t *testing.T) {
	cases := map[string]string{
		`{"error_message":"name is required"}`:                           client.FieldName,
		`{"error_message":"Role must be one of: admin"}`:                 client.FieldRole,
		`{"error_message":"bad request: expires_at has the wrong type"}`: client.FieldExpiresAt,
	}
	for body, field := range cases {
		info := parseError(400, []byte(body))
		if len(info.Fields[field]) != 1 || info.Message != "" {
			t.Errorf("%s: %+v, want the message on %s", body, info, field)
		}
	}
	if info := parseError(400, []byte(`{"error_message":"bad request"}`)); info.Message != "bad request" || len(info.Fields) != 0 {
		t.Errorf("general 400: %+v", info)
	}
	if info := parseError(403, []byte(`{"status_code":403,"error_message":"forbidden: Admin role required"}`)); info.Need != "admin role" {
		t.Errorf("403 Need %q", info.Need)
	}
}

// fakeJWT builds an unsigned token with the given claims; the provider only
// decodes, so the signature is irrelevant here.
func fakeJWT(claims string) string {
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc([]byte(claims)) + ".c2ln"
}

func TestBorder0CreateKeepsSecretWhenReadBackFails(t *testing.T) {
	secret := fakeJWT(`{"org_id":"o","type":"token","user_id":"u","token_id":"tok-42","iat":1773480413}`)
	s := newStub(t, map[string]stubAnswer{
		"POST " + listPath: {200, `{"name":"deploy","token":"` + secret + `","created_at":"2026-03-14T09:26:53Z"}`},
		"GET " + listPath:  {503, `{"status_code":503,"error_message":"maintenance"}`},
	})
	p := stubProvider(t, s)
	exp := testNow.Add(24 * time.Hour)
	created, err := p.Create(context.Background(), client.NewToken{Name: "deploy", Role: "connector", ExpiresAt: exp})
	if err != nil {
		t.Fatalf("Create failed although the token exists: %v", err)
	}
	if created.Secret != secret {
		t.Fatal("secret lost")
	}
	if !strings.Contains(created.Warning, "reading it back failed") || !strings.Contains(created.Warning, "maintenance") || strings.Contains(created.Warning, secret) {
		t.Fatalf("warning %q", created.Warning)
	}
	tok := created.Token
	if tok.ID != "tok-42" || tok.Name != "deploy" || tok.Role != "connector" || !tok.ExpiresAt.Equal(exp) || !tok.CreatedAt.Equal(testNow) {
		t.Fatalf("token from request and claims: %+v", tok)
	}
	if s.requests.Load() != 2 {
		t.Fatalf("%d requests, want a POST and one GET (Retries -1)", s.requests.Load())
	}
}

func TestBorder0CreateSendsTheDocumentedBody(t *testing.T) {
	var got map[string]any
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			got = nil
			_ = json.NewDecoder(r.Body).Decode(&got)
			_, _ = io.WriteString(w, `{"name":"n","token":"not-a-jwt","created_at":1773480413}`)
			return
		}
		_, _ = io.WriteString(w, `{"list":[{"id":"x1","name":"n","role":"admin","created_at":1773480413}]}`)
	}))
	t.Cleanup(srv.Close)
	p, _ := New(client.Connection{BaseURL: srv.URL, Token: "t"})
	p.now = fixedClock

	exp := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	created, err := p.Create(context.Background(), client.NewToken{Name: "n", Role: "admin", ExpiresAt: exp})
	if err != nil {
		t.Fatal(err)
	}
	if got["name"] != "n" || got["role"] != "admin" || got["expires_at"] != float64(exp.Unix()) || len(got) != 3 {
		t.Fatalf("sent %v", got)
	}
	// A secret that is no JWT: found by name and creation time.
	if created.Token.ID != "x1" || created.Warning != "" || created.Secret != "not-a-jwt" {
		t.Fatalf("created %+v warning %q", created.Token, created.Warning)
	}

	if _, err := p.Create(context.Background(), client.NewToken{Name: "n", Role: "admin"}); err != nil {
		t.Fatal(err)
	}
	if _, has := got["expires_at"]; has {
		t.Fatalf("a never-expiring token sent expires_at: %v", got)
	}
}

func TestBorder0CreateFindsByNameAndTime(t *testing.T) {
	sample := "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJvcmdfaWQiOiJteS1hd2Vzb21lLW9yZy1pZCIsInR5cGUiOiJ0b2tlbiIsInVzZXJfaWQiOiJ0aGlzLWlzLW15LXVzZXItaWQifQ.m6sk5616to2_y_Y4hA2BbjCD_a_h64A7Rs6hWbUWS4k"
	post := stubAnswer{200, `{"name":"ci","token":"` + sample + `","created_at":"2026-03-14T09:26:53Z"}`}
	cases := []struct {
		name, list, wantID, warning string
	}{
		{"older namesake", `{"list":[
			{"id":"old","name":"ci","role":"member","created_at":"2025-01-01T00:00:00Z"},
			{"id":"new","name":"ci","role":"member","created_at":"2026-03-14T09:26:53Z"}]}`, "new", ""},
		{"same second twice", `{"list":[
			{"id":"a","name":"ci","role":"member","created_at":1773480413},
			{"id":"b","name":"ci","role":"member","created_at":1773480413}]}`, "", "not in its token list yet"},
		{"absent", `{"list":[{"id":"z","name":"other","role":"member","created_at":1773480413}]}`, "", "not in its token list yet"},
		// Border0's published TokenSummary: token_id, no created_at; the
		// expiry (none here) tells namesakes apart.
		{"summary", `{"items":2,"list":[
			{"token_id":"old","name":"ci","role":"member","expires_at":"2026-04-01T00:00:00Z"},
			{"token_id":"new","name":"ci","role":"member","expires_at":""}]}`, "new", ""},
		{"summary, two alike", `{"items":2,"list":[
			{"token_id":"a","name":"ci","role":"member","expires_at":""},
			{"token_id":"b","name":"ci","role":"member"}]}`, "", "not in its token list yet"},
	}
	for _, c := range cases {
		s := newStub(t, map[string]stubAnswer{"POST " + listPath: post, "GET " + listPath: {200, c.list}})
		created, err := stubProvider(t, s).Create(context.Background(), client.NewToken{Name: "ci", Role: "member"})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if created.Secret != sample || created.Token.ID != c.wantID || !strings.Contains(created.Warning, c.warning) {
			t.Errorf("%s: id %q warning %q", c.name, created.Token.ID, created.Warning)
		}
		if c.warning != "" && (created.Token.Name != "ci" || created.Token.Role != "member") {
			t.Errorf("%s: fallback token %+v", c.name, created.Token)
		}
	}
}

func TestBorder0CreateWithoutSecretIsAnError(t *testing.T) {
	s := newStub(t, map[string]stubAnswer{"POST " + listPath: {200, `{"name":"x","created_at":1773480413}`}})
	_, err := stubProvider(t, s).Create(context.Background(), client.NewToken{Name: "x", Role: "admin"})
	if u, ok := client.AsUnknownOutcome(err); !ok || !u.Accepted || len(u.Candidates) != 0 || !strings.Contains(err.Error(), "no secret") {
		t.Fatalf("%v, want an accepted unknown outcome about the missing secret", err)
	}
}

func TestBorder0CreateWithTheSecretElsewhereOffersIt(t *testing.T) {
	const sample = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJvcmdfaWQiOiJteS1hd2Vzb21lLW9yZy1pZCIsInR5cGUiOiJ0b2tlbiJ9.m6sk5616to2_y_Y4hA2BbjCD_a_h64A7Rs6hWbUWS4k"
	s := newStub(t, map[string]stubAnswer{"POST " + listPath: {200, `{"name":"x","access_token":"` + sample + `"}`}})
	_, err := stubProvider(t, s).Create(context.Background(), client.NewToken{Name: "x", Role: "admin"})
	if u, ok := client.AsUnknownOutcome(err); !ok || len(u.Candidates) != 1 || u.Candidates[0] != sample {
		t.Fatalf("%v, want the JWT offered as a candidate", err)
	}
}

func TestBorder0CreateOddCreatedAtKeepsSecret(t *testing.T) {
	s := newStub(t, map[string]stubAnswer{
		"POST " + listPath: {200, `{"name":"x","token":"s3cr3t-not-jwt","created_at":{"weird":true}}`},
		"GET " + listPath:  {200, `{"list":[{"id":"x9","name":"x","role":"admin","created_at":1}]}`},
	})
	created, err := stubProvider(t, s).Create(context.Background(), client.NewToken{Name: "x", Role: "admin"})
	if err != nil || created.Secret != "s3cr3t-not-jwt" {
		t.Fatalf("%v, secret %q", err, created.Secret)
	}
	// No creation time to compare: the one token with the name is it.
	if created.Token.ID != "x9" {
		t.Fatalf("token %+v, warning %q", created.Token, created.Warning)
	}
}

func TestBorder0RevokeSendsIDInBody(t *testing.T) {
	s := newStub(t, map[string]stubAnswer{
		"DELETE " + listPath: {200, `{}`},
	})
	p := stubProvider(t, s)
	if err := p.Revoke(context.Background(), client.Token{ID: "3f2a-id", Name: "ci"}); err != nil {
		t.Fatal(err)
	}
	if body := s.lastBody.Load().(string); body != `{"id":"3f2a-id"}` {
		t.Fatalf("DELETE body %q", body)
	}
	if err := p.Revoke(context.Background(), client.Token{Name: "no id"}); !isValidation(err) || s.requests.Load() != 1 {
		t.Fatalf("revoke without id: %v after %d requests", err, s.requests.Load())
	}

	gone := newStub(t, map[string]stubAnswer{"DELETE " + listPath: {404, `{"status_code":404,"error_message":"token not found"}`}})
	err := stubProvider(t, gone).Revoke(context.Background(), client.Token{ID: "abc", Name: "bad\x1b[31mname"})
	if !isNotFound(err) || err.Error() != `token "badname" (abc) not found` {
		t.Fatalf("%v", err)
	}
	failing := newStub(t, map[string]stubAnswer{"DELETE " + listPath: {500, `{"error_message":"db down"}`}})
	if err := stubProvider(t, failing).Revoke(context.Background(), client.Token{ID: "abc"}); err == nil || failing.requests.Load() != 1 {
		t.Fatalf("DELETE retried or succeeded: %v, %d requests", err, failing.requests.Load())
	}
}

func TestBorder0ListSanitisesEveryString(t *testing.T) {
	s := newStub(t, map[string]stubAnswer{"GET " + listPath: {200, `{"list":[{"id":"i\u001b[2Jd","name":"n\u001b]0;pwned\u0007ame","role":"ad\u0007min","created_by":"e\u202eve"}]}`}})
	tokens, err := stubProvider(t, s).List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := tokens[0]
	if got.ID != "id" || got.Name != "name" || got.Role != "admin" || got.CreatedBy != "e⟨U+202E⟩ve" {
		t.Fatalf("%q %q %q %q", got.ID, got.Name, got.Role, got.CreatedBy)
	}
}
