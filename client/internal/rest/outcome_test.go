package rest

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
)

const outcomeSecret = "ga_0123456789abcdef0123456789abcdef01234567"

// lostAnswers are answers to a write that leave its outcome unknown: the
// request reached the server, which may have acted on it.
var lostAnswers = map[string]http.HandlerFunc{
	"201 then reset": func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "500")
		w.WriteHeader(201)
		io.WriteString(w, `{"id":"x","token":"`+outcomeSecret+`","created_at":"2026-`)
		w.(http.Flusher).Flush()
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			if tcp, ok := conn.(*net.TCPConn); ok {
				tcp.SetLinger(0) // RST, not FIN
			}
			conn.Close()
		}
	},
	"cut short": func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "4096")
		w.WriteHeader(200)
		io.WriteString(w, `{"token":"`+outcomeSecret+`"`)
	},
	"over the cap": func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(200)
		io.WriteString(w, `{"token":"`+outcomeSecret+`","padding":"`+strings.Repeat("x", 2<<20)+`"}`)
	},
	"500": func(w http.ResponseWriter, r *http.Request) {
		reply(w, 500, `{"message":"database timeout"}`)
	},
	"502 from a proxy": func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(502)
		io.WriteString(w, "<html>Bad Gateway</html>")
	},
	"no answer": func(w http.ResponseWriter, r *http.Request) {
		io.ReadAll(r.Body)
		<-r.Context().Done()
	},
}

func TestWritesWhoseOutcomeIsUnknownSaySo(t *testing.T) {
	for name, h := range lostAnswers {
		for _, method := range []string{"POST", "DELETE"} {
			srv, n := counted(t, func(w http.ResponseWriter, r *http.Request, _ int) { h(w, r) })
			c := newClient(t, Config{BaseURL: srv.URL, Timeout: 300 * time.Millisecond, Retries: 5})
			_, err := c.Do(context.Background(), Request{Method: method, Path: "/token", Body: map[string]string{"name": "x"}})
			u, ok := client.AsUnknownOutcome(err)
			if !ok {
				t.Errorf("%s %s: %v, want an UnknownOutcomeError", method, name, err)
				continue
			}
			if n.Load() != 1 {
				t.Errorf("%s %s: sent %d times", method, name, n.Load())
			}
			accepted := strings.HasPrefix(name, "201") || name == "cut short" || name == "over the cap"
			if u.Accepted != accepted {
				t.Errorf("%s %s: Accepted = %t", method, name, u.Accepted)
			}
			if accepted && (len(u.Candidates) != 1 || u.Candidates[0] != outcomeSecret) {
				t.Errorf("%s %s: candidates %q", method, name, u.Candidates)
			}
			if strings.Contains(err.Error(), outcomeSecret) {
				t.Errorf("%s %s: the error carries the secret: %v", method, name, err)
			}
		}
	}
}

func TestWritesThatSurelyFailedAreNotUnknown(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	closed := srv.URL
	srv.Close()
	c := newClient(t, Config{BaseURL: closed, Retries: -1})
	_, err := c.Do(context.Background(), Request{Method: "POST", Path: "/"})
	if _, unknown := client.AsUnknownOutcome(err); unknown {
		t.Errorf("connection refused: %v, want a plain network error (nothing was sent)", err)
	}

	live, n := counted(t, func(w http.ResponseWriter, r *http.Request, _ int) { reply(w, 400, `{"message":"bad"}`) })
	c = newClient(t, Config{BaseURL: live.URL, ParseError: simpleErrors})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Do(ctx, Request{Method: "POST", Path: "/"}); err == nil || n.Load() != 0 {
		t.Fatalf("cancelled before sending: %v, %d sent", err, n.Load())
	} else if _, unknown := client.AsUnknownOutcome(err); unknown {
		t.Errorf("cancelled before sending: %v", err)
	}
	var v *client.ValidationError
	if _, err := c.Do(context.Background(), Request{Method: "POST", Path: "/"}); !errors.As(err, &v) {
		t.Errorf("400: %v, want a ValidationError", err)
	} else if _, unknown := client.AsUnknownOutcome(err); unknown {
		t.Errorf("400 is a refusal, not an unknown outcome: %v", err)
	}

	reads, _ := counted(t, func(w http.ResponseWriter, r *http.Request, _ int) { reply(w, 500, `{}`) })
	c = newClient(t, Config{BaseURL: reads.URL, Retries: -1})
	if _, err := c.Do(context.Background(), Request{Method: "GET", Path: "/"}); err == nil {
		t.Fatal("GET 500 succeeded")
	} else if _, unknown := client.AsUnknownOutcome(err); unknown {
		t.Errorf("a GET changes nothing: %v", err)
	}
}

func TestWriteCancelledInFlightIsUnknown(t *testing.T) {
	arrived := make(chan struct{})
	srv, _ := counted(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		io.ReadAll(r.Body) // then the server notices the client leave
		close(arrived)
		<-r.Context().Done()
	})
	c := newClient(t, Config{BaseURL: srv.URL})
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-arrived; cancel() }()
	_, err := c.Do(ctx, Request{Method: "POST", Path: "/", Body: map[string]int{"a": 1}})
	if _, ok := client.AsUnknownOutcome(err); !ok {
		t.Fatalf("cancelled after sending: %v, want an UnknownOutcomeError", err)
	}
}

func TestAcceptedWriteIsReadWhole(t *testing.T) {
	body := `{"token":"` + outcomeSecret + `"}`
	srv, _ := counted(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		reply(w, 201, body)
	})
	c := newClient(t, Config{BaseURL: srv.URL})
	resp, err := c.Do(context.Background(), Request{Method: "POST", Path: "/"})
	if err != nil || string(resp.Body) != body || resp.Status != 201 {
		t.Fatalf("%v %d %s", err, resp.Status, resp.Body)
	}
}
