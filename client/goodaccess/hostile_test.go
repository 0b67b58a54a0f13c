package goodaccess

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
)

// These tests put the provider in front of servers that misbehave in the
// ways real ones do: rate limits, outages, proxies answering HTML, broken or
// huge bodies, and silence.

const validToken = `{"id":"5e9b1d3f-7a2c-4b6e-a8d0-4f6b8c0e2a3d","name":"ok","scopes":["token.read"],"allowed_ips":[],"created_at":"2025-01-02 03:04:05","expires_at":null,"last_used_at":null}`

// server runs handler and counts the requests it gets.
func server(t *testing.T, handler func(w http.ResponseWriter, r *http.Request, n int)) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var count atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		handler(w, r, int(count.Add(1)))
	}))
	t.Cleanup(srv.Close)
	return srv, &count
}

func answer(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

var newTok = client.NewToken{Name: "n", Scopes: []string{"token.read"}}

func TestRateLimitedGetIsRetriedAfterRetryAfter(t *testing.T) {
	var first time.Time
	srv, count := server(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			first = time.Now()
			w.Header().Set("Retry-After", "1")
			answer(w, http.StatusTooManyRequests, `{"message":"Too Many Attempts."}`)
			return
		}
		if since := time.Since(first); since < 900*time.Millisecond {
			t.Errorf("retried after %v, before Retry-After", since)
		}
		answer(w, http.StatusOK, "["+validToken+"]")
	})
	p := newProvider(t, srv.URL, "secret")
	tokens, err := p.List(context.Background())
	if err != nil || len(tokens) != 1 || count.Load() != 2 {
		t.Fatalf("List = %d tokens, %v after %d requests", len(tokens), err, count.Load())
	}
}

func TestRateLimitedWritesAreNeverRetried(t *testing.T) {
	srv, count := server(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Retry-After", "0")
		answer(w, http.StatusTooManyRequests, `{"message":"Too Many Attempts."}`)
	})
	p := newProvider(t, srv.URL, "secret")
	var rl *client.RateLimitedError
	if _, err := p.Create(context.Background(), newTok); !errors.As(err, &rl) {
		t.Fatalf("Create = %v", err)
	}
	if count.Load() != 1 {
		t.Fatalf("POST sent %d times", count.Load())
	}
	if err := p.Revoke(context.Background(), client.Token{ID: "x"}); !errors.As(err, &rl) {
		t.Fatalf("Revoke = %v", err)
	}
	if count.Load() != 2 {
		t.Fatalf("DELETE sent %d times", count.Load()-1)
	}
}

func TestServerErrorsRetriedForGetOnly(t *testing.T) {
	srv, count := server(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.Method == http.MethodGet && n == 3 {
			answer(w, http.StatusOK, validToken)
			return
		}
		answer(w, http.StatusBadGateway, `{"message":"upstream down"}`)
	})
	p := newProvider(t, srv.URL, "secret")
	if _, err := p.Get(context.Background(), "5e9b1d3f-7a2c-4b6e-a8d0-4f6b8c0e2a3d"); err != nil || count.Load() != 3 {
		t.Fatalf("Get = %v after %d requests; want success on the third", err, count.Load())
	}
	var se *client.ServerError
	_, err := p.Create(context.Background(), newTok)
	if !errors.As(err, &se) || se.Status != 502 || count.Load() != 4 {
		t.Fatalf("Create = %v after %d requests; want one 502", err, count.Load()-3)
	}
	if err := p.Revoke(context.Background(), client.Token{ID: "x"}); !errors.As(err, &se) || count.Load() != 5 {
		t.Fatalf("Revoke = %v after %d requests; want one 502", err, count.Load()-4)
	}
}

func TestGetGivesUpAfterTheConfiguredRetries(t *testing.T) {
	srv, count := server(t, func(w http.ResponseWriter, r *http.Request, n int) {
		answer(w, http.StatusServiceUnavailable, `{"message":"maintenance"}`)
	})
	p := newProvider(t, srv.URL, "secret")
	_, err := p.List(context.Background())
	var se *client.ServerError
	if !errors.As(err, &se) || se.Status != 503 || !strings.Contains(err.Error(), "maintenance") {
		t.Fatalf("List = %v", err)
	}
	if count.Load() != 4 {
		t.Fatalf("%d requests, want 1 + 3 retries", count.Load())
	}
}

func TestMalformedAnswers(t *testing.T) {
	cases := map[string]struct {
		status int
		body   string
		says   string
	}{
		"HTML page":        {200, "<!DOCTYPE html><html><body>Login</body></html>", "HTML"},
		"garbage":          {200, "}{ not json at all", "not valid JSON"},
		"truncated JSON":   {200, "[" + validToken[:60], "truncated"},
		"object not array": {200, `{"data":[` + validToken + `]}`, "unexpected shape"},
		"empty body":       {200, "", "empty"},
		"HTML 500":         {500, "<html><h1>502 Bad Gateway</h1></html>", "HTTP 500"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			srv, _ := server(t, func(w http.ResponseWriter, r *http.Request, n int) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(c.status)
				_, _ = w.Write([]byte(c.body))
			})
			p, err := New(client.Connection{BaseURL: srv.URL, Token: "secret", Retries: -1})
			if err != nil {
				t.Fatal(err)
			}
			_, err = p.List(context.Background())
			var se *client.ServerError
			if !errors.As(err, &se) || !strings.Contains(err.Error(), c.says) {
				t.Fatalf("List = %v, want ServerError saying %q", err, c.says)
			}
		})
	}
}

func TestHugeBodyIsRefused(t *testing.T) {
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Content-Type", "application/json")
		chunk := []byte(strings.Repeat("x", 64<<10))
		_, _ = w.Write([]byte(`{"id":"`))
		for i := 0; i < 160; i++ { // 10 MiB
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
		_, _ = w.Write([]byte(`"}`))
	})
	p := newProvider(t, srv.URL, "secret")
	_, err := p.Get(context.Background(), "5e9b1d3f-7a2c-4b6e-a8d0-4f6b8c0e2a3d")
	var se *client.ServerError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("Get of a 10 MB answer = %v", err)
	}
}

func TestHangingServerTimesOut(t *testing.T) {
	release := make(chan struct{})
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request, n int) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	p, err := New(client.Connection{BaseURL: srv.URL, Token: "secret", Timeout: 150 * time.Millisecond, Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = p.List(context.Background())
	var ne *client.NetworkError
	if !errors.As(err, &ne) || ne.Op != "timeout" {
		t.Fatalf("List = %v, want a timeout", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("gave up after %v", d)
	}
}

func TestServerValidationBodyMapsToFields(t *testing.T) {
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request, n int) {
		answer(w, http.StatusBadRequest, `{"message":"The given data was invalid.","errors":{
			"name":["The name has already been taken."],
			"scopes.2":["The selected scopes.2 is invalid."],
			"allowed_ips.0":["The allowed_ips.0 must be a valid IP address."],
			"expires_at":"The expires at must be a date after now.",
			"team_id":["The team id field is required."]}}`)
	})
	p := newProvider(t, srv.URL, "secret")
	_, err := p.Create(context.Background(), newTok)
	var ve *client.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Create = %v", err)
	}
	want := map[string]string{
		client.FieldName:       "already been taken",
		client.FieldScopes:     "scopes.2 is invalid",
		client.FieldAllowedIPs: "valid IP address",
		client.FieldExpiresAt:  "after now",
	}
	for field, says := range want {
		if msgs := ve.Fields[field]; len(msgs) != 1 || !strings.Contains(msgs[0], says) {
			t.Errorf("Fields[%s] = %v, want %q", field, msgs, says)
		}
	}
	if len(ve.Fields) != len(want) || !strings.Contains(ve.Message, "team_id: The team id field is required.") {
		t.Errorf("unmapped field should move to the message: %q %v", ve.Message, ve.Fields)
	}
}

func TestCreateAnswerShapes(t *testing.T) {
	const id = "5e9b1d3f-7a2c-4b6e-a8d0-4f6b8c0e2a3d"
	cases := map[string]string{
		"house style":   `{"created_id":"` + id + `","message":"Token created successfully","token":"ga_s3cret"}`,
		"secret key":    `{"created_id":"` + id + `","secret":"ga_s3cret"}`,
		"token object":  strings.TrimSuffix(validToken, "}") + `,"token":"ga_s3cret"}`,
		"nested object": `{"message":"ok","token":{"id":"` + id + `","secret":"ga_s3cret"}}`,
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			srv, count := server(t, func(w http.ResponseWriter, r *http.Request, n int) {
				switch {
				case r.Method == http.MethodPost && r.URL.Path == "/api/v1/token":
					answer(w, http.StatusOK, body)
				case r.Method == http.MethodGet && r.URL.Path == "/api/v1/token/"+id:
					answer(w, http.StatusOK, validToken)
				default:
					t.Errorf("unexpected %s %s", r.Method, r.URL.Path)
					answer(w, http.StatusNotFound, `{}`)
				}
			})
			c, err := newProvider(t, srv.URL, "admin").Create(context.Background(), newTok)
			if err != nil || c.Secret != "ga_s3cret" || c.Token.ID != id || c.Token.Name != "ok" || c.Warning != "" {
				t.Fatalf("Create = %+v, %v", c, err)
			}
			if count.Load() != 2 {
				t.Fatalf("%d requests, want POST + GET", count.Load())
			}
		})
	}
}

func TestCreateWithoutSecretIsAnAcceptedUnknownOutcome(t *testing.T) {
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request, n int) {
		answer(w, http.StatusOK, `{"created_id":"5e9b1d3f-7a2c-4b6e-a8d0-4f6b8c0e2a3d","message":"Token created successfully"}`)
	})
	_, err := newProvider(t, srv.URL, "admin").Create(context.Background(), newTok)
	u, ok := client.AsUnknownOutcome(err)
	if !ok || !u.Accepted || len(u.Candidates) != 0 || !strings.Contains(err.Error(), "no secret") {
		t.Fatalf("Create = %#v (%v)", err, err)
	}
}

func TestCreateWithTheSecretUnderAnotherNameOffersIt(t *testing.T) {
	const secret = "ga_00112233445566778899aabbccddeeff00112233"
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request, n int) {
		answer(w, http.StatusOK, `{"created_id":"5e9b1d3f-7a2c-4b6e-a8d0-4f6b8c0e2a3d","message":"ok","data":{"access_key":"`+secret+`"}}`)
	})
	_, err := newProvider(t, srv.URL, "admin").Create(context.Background(), newTok)
	u, ok := client.AsUnknownOutcome(err)
	if !ok || !u.Accepted || len(u.Candidates) != 1 || u.Candidates[0] != secret {
		t.Fatalf("Create = %#v (%v)", err, err)
	}
	if strings.Contains(err.Error(), secret) {
		t.Fatal("the error message carries the candidate secret")
	}
}

func TestCreateWithGarbageAnswerWarnsTheTokenMayExist(t *testing.T) {
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request, n int) {
		answer(w, http.StatusOK, `{"created_id":"5e9b`)
	})
	_, err := newProvider(t, srv.URL, "admin").Create(context.Background(), newTok)
	var se *client.ServerError
	u, ok := client.AsUnknownOutcome(err)
	if !ok || !u.Accepted || !errors.As(err, &se) || !strings.Contains(err.Error(), "truncated or garbled") {
		t.Fatalf("Create = %v", err)
	}
}

func TestCreateReadBackFailureOnAFlakyServer(t *testing.T) {
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.Method == http.MethodPost {
			answer(w, http.StatusOK, `{"created_id":"5e9b1d3f-7a2c-4b6e-a8d0-4f6b8c0e2a3d","token":"ga_s3cret"}`)
			return
		}
		answer(w, http.StatusInternalServerError, `<html>oops</html>`)
	})
	p, err := New(client.Connection{BaseURL: srv.URL, Token: "admin", Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	c, err := p.Create(context.Background(), client.NewToken{Name: "flaky", Scopes: []string{"token.read"}})
	if err != nil || c.Secret != "ga_s3cret" || c.Token.Name != "flaky" || c.Token.ID != "5e9b1d3f-7a2c-4b6e-a8d0-4f6b8c0e2a3d" ||
		!strings.Contains(c.Warning, "HTTP 500") {
		t.Fatalf("Create = %+v, %v", c, err)
	}
}

func TestErrorBodyVariants(t *testing.T) {
	cases := []struct {
		status int
		body   string
		check  func(error) bool
	}{
		{401, `{"error":"invalid_token","error_description":"The access token expired"}`, func(err error) bool {
			var ue *client.UnauthorizedError
			return errors.As(err, &ue) && strings.Contains(err.Error(), "access token expired")
		}},
		{403, `{"message":"This action requires the token.read-all scope."}`, func(err error) bool {
			var fe *client.ForbiddenError
			return errors.As(err, &fe) && fe.Need == "token.read-all"
		}},
		{403, `{"message":"Forbidden."}`, func(err error) bool {
			var fe *client.ForbiddenError
			return errors.As(err, &fe) && fe.Need == "" && strings.Contains(err.Error(), "Forbidden.")
		}},
		{403, "<html>denied</html>", func(err error) bool {
			var fe *client.ForbiddenError
			return errors.As(err, &fe) && fe.Need == ""
		}},
		{418, `{"error":{"message":"I am a teapot"}}`, func(err error) bool {
			var se *client.ServerError
			return errors.As(err, &se) && strings.Contains(err.Error(), "teapot")
		}},
	}
	for _, c := range cases {
		srv, _ := server(t, func(w http.ResponseWriter, r *http.Request, n int) { answer(w, c.status, c.body) })
		p, _ := New(client.Connection{BaseURL: srv.URL, Token: "admin", Retries: -1})
		if _, err := p.List(context.Background()); !c.check(err) {
			t.Errorf("%d %s: got %v", c.status, c.body, err)
		}
	}
}

func TestRequestsCarryBearerAndEscapedIDs(t *testing.T) {
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if got := r.Header.Get("Authorization"); got != "Bearer adm1n" {
			t.Errorf("Authorization = %q", got)
		}
		if r.URL.RawPath != "" && r.URL.RawPath != "/api/v1/token/a%2Fb%3Fc" {
			t.Errorf("path = %q", r.URL.RawPath)
		}
		if r.URL.Path != "/api/v1/token/a/b?c" || r.URL.RawQuery != "" {
			t.Errorf("id escaped badly: path %q query %q", r.URL.Path, r.URL.RawQuery)
		}
		answer(w, http.StatusOK, `{"message":"Token revoked successfully"}`)
	})
	if err := newProvider(t, srv.URL, " adm1n ").Revoke(context.Background(), client.Token{ID: "a/b?c"}); err != nil {
		t.Fatal(err)
	}
}

func TestCreateBodyOnTheWire(t *testing.T) {
	var mu sync.Mutex
	var bodies []string
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.Method == http.MethodPost {
			b, _ := io.ReadAll(r.Body)
			mu.Lock()
			bodies = append(bodies, string(b))
			mu.Unlock()
			if ct := r.Header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q", ct)
			}
			answer(w, http.StatusOK, `{"created_id":"5e9b1d3f-7a2c-4b6e-a8d0-4f6b8c0e2a3d","token":"ga_s3cret"}`)
			return
		}
		answer(w, http.StatusOK, validToken)
	})
	p := newProvider(t, srv.URL, "admin")
	p.now = func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	cet := time.FixedZone("CET", 3600)
	reqs := []client.NewToken{
		{Name: "a", Scopes: []string{"token.read"}, ExpiresAt: time.Date(2026, 3, 4, 13, 6, 7, 999, cet)},
		{Name: "b", Scopes: []string{"gateway.read-all"}, AllowedIPs: []string{"2001:db8::1/64"}},
	}
	for _, req := range reqs {
		if _, err := p.Create(context.Background(), req); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{
		`{"name":"a","scopes":["token.read"],"expires_at":"2026-03-04 12:06:07","allowed_ips":[]}`,
		`{"name":"b","scopes":["gateway.read-all"],"allowed_ips":["2001:db8::/64"]}`,
	}
	mu.Lock()
	defer mu.Unlock()
	for i := range want {
		if i >= len(bodies) || strings.TrimSpace(bodies[i]) != want[i] {
			t.Errorf("body %d = %v, want %s", i, bodies, want[i])
		}
	}
}
