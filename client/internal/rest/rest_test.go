package rest

import (
	"context"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
)

// counted serves handler and counts requests.
func counted(t *testing.T, handler func(w http.ResponseWriter, r *http.Request, n int)) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		handler(w, r, int(n.Add(1)))
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func newClient(t testing.TB, cfg Config) *Client {
	t.Helper()
	if cfg.BaseBackoff == 0 {
		cfg.BaseBackoff = time.Millisecond
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// simpleErrors reads {"message", "need", "fields"}: a stand-in for a
// provider's ParseError.
func simpleErrors(status int, body []byte) ErrorInfo {
	var e struct {
		Message string              `json:"message"`
		Need    string              `json:"need"`
		Fields  map[string][]string `json:"fields"`
	}
	_ = json.Unmarshal(body, &e)
	return ErrorInfo{Message: e.Message, Need: e.Need, Fields: e.Fields}
}

func reply(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

func TestRequestHeadersAndBody(t *testing.T) {
	srv, _ := counted(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.Header.Get("Authorization") != "Bearer tok" || r.Header.Get("Accept") != "application/json" ||
			r.Header.Get("User-Agent") != "tokentui" || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("headers = %v", r.Header)
		}
		b, _ := io.ReadAll(r.Body)
		if string(b) != `{"a":1}` || r.URL.Path != "/x/y" {
			t.Errorf("%s %s", r.URL.Path, b)
		}
		reply(w, 200, `{"ok":true}`)
	})
	c := newClient(t, Config{BaseURL: srv.URL + "/x/", Authorize: Bearer("tok")})
	var out struct{ OK bool }
	if err := c.JSON(context.Background(), Request{Method: "POST", Path: "/y", Body: map[string]int{"a": 1}}, &out); err != nil || !out.OK {
		t.Fatalf("JSON = %v %+v", err, out)
	}
}

func TestRawAuthorization(t *testing.T) {
	srv, _ := counted(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if got := r.Header.Get("Authorization"); got != "*:*.secret" {
			t.Errorf("Authorization = %q", got)
		}
		reply(w, 200, `{}`)
	})
	c := newClient(t, Config{BaseURL: srv.URL, Authorize: RawAuthorization("*:*.secret")})
	if _, err := c.Do(context.Background(), Request{Method: "GET", Path: "/"}); err != nil {
		t.Fatal(err)
	}
}

func TestStatusMapping(t *testing.T) {
	cases := []struct {
		status int
		body   string
		check  func(error) bool
	}{
		{401, `{"message":"bad \u001b[31mtoken"}`, func(err error) bool {
			var e *client.UnauthorizedError
			return errors.As(err, &e) && e.Message == "bad token"
		}},
		{403, `{"message":"no","need":"token.read"}`, func(err error) bool {
			var e *client.ForbiddenError
			return errors.As(err, &e) && e.Need == "token.read" && e.Message == "no"
		}},
		{404, `{"message":"token x"}`, func(err error) bool {
			var e *client.NotFoundError
			return errors.As(err, &e) && e.What == "token x"
		}},
		{400, `{"message":"invalid","fields":{"name":["too \u001b]0;t\u0007long"]}}`, func(err error) bool {
			var e *client.ValidationError
			return errors.As(err, &e) && e.Message == "invalid" && e.Fields["name"][0] == "too long"
		}},
		{422, `{}`, func(err error) bool {
			var e *client.ValidationError
			return errors.As(err, &e) && strings.Contains(e.Message, "HTTP 422")
		}},
		{409, `<html>conflict</html>`, func(err error) bool {
			var e *client.ValidationError
			return errors.As(err, &e) && strings.Contains(e.Message, "HTML")
		}},
		{429, `{}`, func(err error) bool {
			var e *client.RateLimitedError
			return errors.As(err, &e) && e.RetryAfter == 0
		}},
		{500, `{"message":"boom"}`, func(err error) bool {
			var e *client.ServerError
			return errors.As(err, &e) && e.Status == 500 && strings.Contains(err.Error(), "boom")
		}},
		{418, ``, func(err error) bool {
			var e *client.ServerError
			return errors.As(err, &e) && e.Status == 418 && strings.Contains(err.Error(), "I'm a teapot")
		}},
	}
	for _, c := range cases {
		srv, n := counted(t, func(w http.ResponseWriter, r *http.Request, _ int) { reply(w, c.status, c.body) })
		cl := newClient(t, Config{BaseURL: srv.URL, ParseError: simpleErrors, Retries: -1})
		_, err := cl.Do(context.Background(), Request{Method: "POST", Path: "/"})
		if !c.check(err) {
			t.Errorf("%d %s: %#v", c.status, c.body, err)
		}
		if n.Load() != 1 {
			t.Errorf("%d: POST sent %d times", c.status, n.Load())
		}
	}
}

func TestParseErrorIsNotGivenHTML(t *testing.T) {
	srv, _ := counted(t, func(w http.ResponseWriter, r *http.Request, _ int) { reply(w, 401, "<html>login</html>") })
	called := false
	c := newClient(t, Config{BaseURL: srv.URL, ParseError: func(int, []byte) ErrorInfo { called = true; return ErrorInfo{} }})
	_, err := c.Do(context.Background(), Request{Method: "GET", Path: "/"})
	var e *client.UnauthorizedError
	if !errors.As(err, &e) || called {
		t.Fatalf("err %v, ParseError called: %v", err, called)
	}
}

func TestGetRetriesServerErrorsThenGivesUp(t *testing.T) {
	srv, n := counted(t, func(w http.ResponseWriter, r *http.Request, _ int) { reply(w, 503, `{}`) })
	c := newClient(t, Config{BaseURL: srv.URL, Retries: 2})
	_, err := c.Do(context.Background(), Request{Method: "GET", Path: "/"})
	var e *client.ServerError
	if !errors.As(err, &e) || e.Status != 503 || n.Load() != 3 {
		t.Fatalf("err %v after %d requests, want 503 after 3", err, n.Load())
	}
	srv2, n2 := counted(t, func(w http.ResponseWriter, r *http.Request, _ int) { reply(w, 503, `{}`) })
	c2 := newClient(t, Config{BaseURL: srv2.URL, Retries: -1})
	if _, err := c2.Do(context.Background(), Request{Method: "GET", Path: "/"}); err == nil || n2.Load() != 1 {
		t.Fatalf("Retries -1 sent %d requests", n2.Load())
	}
}

func TestDefaultRetries(t *testing.T) {
	srv, n := counted(t, func(w http.ResponseWriter, r *http.Request, _ int) { reply(w, 500, `{}`) })
	c := newClient(t, Config{BaseURL: srv.URL})
	_, _ = c.Do(context.Background(), Request{Method: "GET", Path: "/"})
	if n.Load() != 1+DefaultRetries {
		t.Fatalf("%d requests, want %d", n.Load(), 1+DefaultRetries)
	}
}

func TestClientErrorsAreNotRetried(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404} {
		srv, n := counted(t, func(w http.ResponseWriter, r *http.Request, _ int) { reply(w, status, `{}`) })
		c := newClient(t, Config{BaseURL: srv.URL})
		_, _ = c.Do(context.Background(), Request{Method: "GET", Path: "/"})
		if n.Load() != 1 {
			t.Errorf("%d retried: %d requests", status, n.Load())
		}
	}
}

func TestWritesAreNeverRetried(t *testing.T) {
	for _, method := range []string{"POST", "PUT", "PATCH", "DELETE"} {
		for _, status := range []int{429, 500, 502} {
			srv, n := counted(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				w.Header().Set("Retry-After", "0")
				reply(w, status, `{}`)
			})
			c := newClient(t, Config{BaseURL: srv.URL, Retries: 5})
			if _, err := c.Do(context.Background(), Request{Method: method, Path: "/"}); err == nil || n.Load() != 1 {
				t.Errorf("%s answered %d: %d requests, err %v", method, status, n.Load(), err)
			}
		}
	}
}

func TestRetryAfterSecondsIsHonoured(t *testing.T) {
	var first time.Time
	srv, n := counted(t, func(w http.ResponseWriter, r *http.Request, k int) {
		if k == 1 {
			first = time.Now()
			w.Header().Set("Retry-After", "1")
			reply(w, 429, `{}`)
			return
		}
		if d := time.Since(first); d < 900*time.Millisecond {
			t.Errorf("retried after %v", d)
		}
		reply(w, 200, `{}`)
	})
	c := newClient(t, Config{BaseURL: srv.URL})
	if _, err := c.Do(context.Background(), Request{Method: "GET", Path: "/"}); err != nil || n.Load() != 2 {
		t.Fatalf("err %v after %d requests", err, n.Load())
	}
}

func TestRetryAfterDate(t *testing.T) {
	if d := retryAfter(http.Header{"Retry-After": {time.Now().Add(3 * time.Second).UTC().Format(http.TimeFormat)}}); d < time.Second || d > 3*time.Second {
		t.Fatalf("date Retry-After = %v", d)
	}
	for _, v := range []string{"", "soon", "-5", time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)} {
		if d := retryAfter(http.Header{"Retry-After": {v}}); d != 0 {
			t.Errorf("Retry-After %q = %v", v, d)
		}
	}
}

func TestLongRetryAfterIsReportedNotSlept(t *testing.T) {
	srv, n := counted(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		w.Header().Set("Retry-After", "120")
		reply(w, 429, `{}`)
	})
	c := newClient(t, Config{BaseURL: srv.URL})
	start := time.Now()
	_, err := c.Do(context.Background(), Request{Method: "GET", Path: "/"})
	var e *client.RateLimitedError
	if !errors.As(err, &e) || e.RetryAfter != 120*time.Second || n.Load() != 1 || time.Since(start) > 2*time.Second {
		t.Fatalf("err %v after %d requests in %v", err, n.Load(), time.Since(start))
	}
	if !strings.Contains(err.Error(), "2m0s") {
		t.Errorf("message %q should say when to retry", err)
	}
}

func TestCancelDuringBackoff(t *testing.T) {
	srv, _ := counted(t, func(w http.ResponseWriter, r *http.Request, _ int) { reply(w, 500, `{}`) })
	c := newClient(t, Config{BaseURL: srv.URL, BaseBackoff: 10 * time.Second})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Do(ctx, Request{Method: "GET", Path: "/"})
	var e *client.NetworkError
	if !errors.As(err, &e) || e.Op != "cancelled" || time.Since(start) > 3*time.Second {
		t.Fatalf("err %v after %v", err, time.Since(start))
	}
}

func TestTimeoutIsNotRetried(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	srv, n := counted(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	c := newClient(t, Config{BaseURL: srv.URL, Timeout: 100 * time.Millisecond})
	_, err := c.Do(context.Background(), Request{Method: "GET", Path: "/"})
	var e *client.NetworkError
	if !errors.As(err, &e) || e.Op != "timeout" || n.Load() != 1 || err.Error() != "the server did not answer in time" {
		t.Fatalf("err %v after %d requests", err, n.Load())
	}
}

func TestUnreachableServer(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	c := newClient(t, Config{BaseURL: url, Retries: 1, Authorize: Bearer("very-secret-token")})
	_, err := c.Do(context.Background(), Request{Method: "GET", Path: "/"})
	var e *client.NetworkError
	if !errors.As(err, &e) || e.Op != "connect" || !strings.HasPrefix(err.Error(), "cannot reach the server") {
		t.Fatalf("err %v", err)
	}
	if strings.Contains(err.Error(), "very-secret-token") {
		t.Fatal("the error carries the token")
	}
}

func TestBodyLimits(t *testing.T) {
	big := `["` + strings.Repeat("x", 2<<20) + `"]`
	srv, _ := counted(t, func(w http.ResponseWriter, r *http.Request, _ int) { reply(w, 200, big) })
	c := newClient(t, Config{BaseURL: srv.URL, Retries: -1})
	_, err := c.Do(context.Background(), Request{Method: "GET", Path: "/"})
	var e *client.ServerError
	if !errors.As(err, &e) || !strings.Contains(err.Error(), "larger than 1 MiB") {
		t.Fatalf("2 MiB single object: %v", err)
	}
	var list []string
	if err := c.JSON(context.Background(), Request{Method: "GET", Path: "/", List: true}, &list); err != nil || len(list) != 1 {
		t.Fatalf("2 MiB list: %v", err)
	}
	small := newClient(t, Config{BaseURL: srv.URL, Retries: -1, ListBody: 1 << 20})
	if _, err := small.Do(context.Background(), Request{Method: "GET", Path: "/", List: true}); !errors.As(err, &e) {
		t.Fatalf("list over its cap: %v", err)
	}
}

func TestRedirectsAreNotFollowed(t *testing.T) {
	var leaked atomic.Bool
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			leaked.Store(true)
		}
		reply(w, 200, `{}`)
	}))
	defer other.Close()
	srv, _ := counted(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		http.Redirect(w, r, other.URL+"/steal", http.StatusFound)
	})
	c := newClient(t, Config{BaseURL: srv.URL, Authorize: Bearer("admin"), Retries: -1})
	_, err := c.Do(context.Background(), Request{Method: "GET", Path: "/"})
	var e *client.ServerError
	if !errors.As(err, &e) || !strings.Contains(err.Error(), "redirected") || leaked.Load() {
		t.Fatalf("err %v, leaked %v", err, leaked.Load())
	}
}

func TestDecode(t *testing.T) {
	type shape struct {
		Items []struct {
			N int `json:"n"`
		} `json:"items"`
	}
	cases := map[string]string{
		"":                           "empty answer",
		"   \n":                      "empty answer",
		"<!doctype html><p>hi":       "HTML page",
		`{"items":[{"n":1}`:          "truncated or garbled",
		`{"items":[{"n":1}]}garbage`: "truncated or garbled",
		`nonsense`:                   "truncated or garbled",
		`{"items":{"n":1}}`:          "unexpected shape (items is object",
		`{"items":[{"n":"one"}]}`:    "unexpected shape (items.n is string",
		`[1,2,3]`:                    "unexpected shape (the document is array",
	}
	for body, says := range cases {
		var out shape
		err := Decode(Response{Status: 200, Body: []byte(body)}, &out)
		var e *client.ServerError
		if !errors.As(err, &e) || !strings.Contains(err.Error(), says) {
			t.Errorf("Decode(%q) = %v, want %q", body, err, says)
		}
	}
	var out shape
	if err := Decode(Response{Status: 200, Body: []byte(` {"items":[{"n":7}]} `)}, &out); err != nil || out.Items[0].N != 7 {
		t.Fatalf("valid body: %v %+v", err, out)
	}
}

func TestCAFile(t *testing.T) {
	dir := t.TempDir()
	if _, err := New(Config{BaseURL: "https://x", CAFile: filepath.Join(dir, "missing.pem")}); err == nil {
		t.Error("missing CA file accepted")
	}
	junk := filepath.Join(dir, "junk.pem")
	os.WriteFile(junk, []byte("not a certificate"), 0o600)
	if _, err := New(Config{BaseURL: "https://x", CAFile: junk}); err == nil || !strings.Contains(err.Error(), "no PEM certificate") {
		t.Errorf("junk CA file: %v", err)
	}

	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reply(w, 200, `{}`) }))
	defer srv.Close()
	ca := filepath.Join(dir, "ca.pem")
	os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600)
	trusted := newClient(t, Config{BaseURL: srv.URL, CAFile: ca})
	if _, err := trusted.Do(context.Background(), Request{Method: "GET", Path: "/"}); err != nil {
		t.Fatalf("with the CA: %v", err)
	}
	untrusted := newClient(t, Config{BaseURL: srv.URL, Retries: -1})
	_, err := untrusted.Do(context.Background(), Request{Method: "GET", Path: "/"})
	var e *client.NetworkError
	if !errors.As(err, &e) {
		t.Fatalf("without the CA: %v", err)
	}
}

func TestCustomHTTPClient(t *testing.T) {
	var used atomic.Bool
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		used.Store(true)
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(`{}`)), Header: http.Header{}, Request: r}, nil
	})}
	c := newClient(t, Config{BaseURL: "http://example.invalid", HTTPClient: hc})
	if _, err := c.Do(context.Background(), Request{Method: "GET", Path: "/"}); err != nil || !used.Load() {
		t.Fatalf("err %v, used %v", err, used.Load())
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
