package demo

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/registry"
)

// A create whose answer is lost must never be reported as a plain failure:
// the server made the token, and a retry would make a second one. Every
// provider is run here against its own emulator behind a hostile proxy that
// lets the create through, so the token really exists, and then spoils the
// answer in each way a network or a proxy can.

// spoil writes a spoiled answer to a create the emulator answered with
// status and body.
type spoil func(w http.ResponseWriter, status int, body []byte)

var spoils = map[string]struct {
	spoil    spoil
	accepted bool // the client got a 2xx: the server's acceptance is known
}{
	"reset after the status line": {accepted: true, spoil: func(w http.ResponseWriter, status int, body []byte) {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)+100))
		w.WriteHeader(status)
		w.Write(body)
		w.(http.Flusher).Flush()
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			if tcp, ok := conn.(*net.TCPConn); ok {
				tcp.SetLinger(0)
			}
			conn.Close()
		}
	}},
	"cut short": {accepted: true, spoil: func(w http.ResponseWriter, status int, body []byte) {
		// What arrived holds the secret; the rest never comes.
		w.Header().Set("Content-Length", strconv.Itoa(len(body)+40))
		w.WriteHeader(status)
		w.Write(body)
	}},
	"over the size cap": {accepted: true, spoil: func(w http.ResponseWriter, status int, body []byte) {
		w.WriteHeader(status)
		w.Write(body)
		w.Write(bytes.Repeat([]byte(" "), 2<<20))
	}},
	"secret under another name": {accepted: true, spoil: func(w http.ResponseWriter, status int, body []byte) {
		w.WriteHeader(status)
		renamed := secretKey.ReplaceAll(body, []byte(`"credential_value":`))
		w.Write(append(append([]byte(`{"result":`), renamed...), '}'))
	}},
	"500 from a proxy after the commit": {spoil: func(w http.ResponseWriter, _ int, _ []byte) {
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, "<html>upstream error</html>")
	}},
	"no answer in time": {spoil: func(w http.ResponseWriter, _ int, _ []byte) {
		time.Sleep(900 * time.Millisecond)
	}},
}

// secretKey finds the member that holds the secret in each API's answer.
var secretKey = regexp.MustCompile(`"(token|secret)"\s*:`)

// hostileProxy passes everything to upstream; a request of the method it
// spoils (POST when unset) goes through, then its answer is spoiled. It
// records the secret the upstream sent.
type hostileProxy struct {
	upstream *url.URL
	spoil    spoil
	method   string
	mu       sync.Mutex
	secret   string
}

func (h *hostileProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != cmpOr(h.method, http.MethodPost) {
		httputil.NewSingleHostReverseProxy(h.upstream).ServeHTTP(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	req, _ := http.NewRequest(r.Method, h.upstream.String()+r.URL.RequestURI(), bytes.NewReader(body))
	req.Header = r.Header.Clone()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	answer, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if m := regexp.MustCompile(`"(?:token|secret)"\s*:\s*"([^"]+)"`).FindSubmatch(answer); m != nil {
		h.mu.Lock()
		h.secret = string(m[1])
		h.mu.Unlock()
	}
	h.spoil(w, resp.StatusCode, answer)
}

// validRequest is a create request each provider accepts, from its catalog.
func validRequest(t *testing.T, p client.Provider) client.NewToken {
	t.Helper()
	cat, err := p.Catalog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	req := client.NewToken{Name: "outcome-test", ExpiresAt: time.Now().Add(30 * 24 * time.Hour)}
	if all := cat.AllScopes(); len(all) > 0 {
		req.Scopes = all[:1]
	}
	for _, r := range cat.Roles {
		if r.Creatable && r.Name != "admin" {
			req.Role = r.Name
			break
		}
	}
	if len(cat.Environments) > 0 {
		req.Environment = cat.Environments[0].ID
	}
	if len(cat.Projects) > 0 {
		req.Projects = []string{cat.Projects[0].ID}
	}
	return req
}

func TestEveryProviderReportsALostCreateAnswerAsUnknown(t *testing.T) {
	r, err := StartEmulators(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for i, inst := range r.Instances {
		d, _ := registry.Lookup(r.Kinds[i])
		upstreamURL, token := inst.Endpoint()
		upstream, _ := url.Parse(upstreamURL)
		for name, s := range spoils {
			t.Run(d.Kind+"/"+name, func(t *testing.T) {
				h := &hostileProxy{upstream: upstream, spoil: s.spoil}
				proxy := httptest.NewServer(h)
				defer proxy.Close()
				p, err := d.New(client.Connection{BaseURL: proxy.URL, Token: token, Timeout: 400 * time.Millisecond, RetryBackoff: time.Millisecond})
				if err != nil {
					t.Fatal(err)
				}
				req := validRequest(t, p)
				before := inst.Len()
				_, err = p.Create(context.Background(), req)
				u, ok := client.AsUnknownOutcome(err)
				if !ok {
					t.Fatalf("Create = %v, want an UnknownOutcomeError", err)
				}
				if got := inst.Len(); got != before+1 {
					t.Fatalf("the emulator holds %d tokens, want %d: the create went through once", got, before+1)
				}
				if u.Accepted != s.accepted {
					t.Errorf("Accepted = %t", u.Accepted)
				}
				h.mu.Lock()
				secret := h.secret
				h.mu.Unlock()
				if strings.Contains(err.Error(), secret) {
					t.Errorf("the error carries the secret: %v", err)
				}
				if s.accepted && name != "reset after the status line" && (len(u.Candidates) == 0 || u.Candidates[0] != secret) {
					t.Errorf("candidates %d, want the secret first", len(u.Candidates))
				}
				if !s.accepted && len(u.Candidates) > 0 {
					t.Errorf("candidates from an answer that never came: %d", len(u.Candidates))
				}
			})
		}
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// A revoke whose answer is lost is not "failed": the token may be gone.
func TestEveryProviderReportsALostRevokeAnswerAsUnknown(t *testing.T) {
	r, err := StartEmulators(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for i, inst := range r.Instances {
		d, _ := registry.Lookup(r.Kinds[i])
		upstreamURL, token := inst.Endpoint()
		upstream, _ := url.Parse(upstreamURL)
		for _, name := range []string{"500 from a proxy after the commit", "no answer in time"} {
			t.Run(d.Kind+"/"+name, func(t *testing.T) {
				direct, err := d.New(client.Connection{BaseURL: upstreamURL, Token: token})
				if err != nil {
					t.Fatal(err)
				}
				created, err := direct.Create(context.Background(), validRequest(t, direct))
				if err != nil {
					t.Fatal(err)
				}
				proxy := httptest.NewServer(&hostileProxy{upstream: upstream, spoil: spoils[name].spoil, method: http.MethodDelete})
				defer proxy.Close()
				p, err := d.New(client.Connection{BaseURL: proxy.URL, Token: token, Timeout: 400 * time.Millisecond})
				if err != nil {
					t.Fatal(err)
				}
				before := inst.Len()
				err = p.Revoke(context.Background(), created.Token)
				if _, ok := client.AsUnknownOutcome(err); !ok {
					t.Fatalf("Revoke = %v, want an UnknownOutcomeError", err)
				}
				if inst.Len() != before-1 {
					t.Fatalf("the emulator holds %d tokens, want %d: the revoke went through", inst.Len(), before-1)
				}
				if created.Secret != "" && strings.Contains(err.Error(), created.Secret) {
					t.Errorf("the error carries the secret: %v", err)
				}
			})
		}
	}
}
