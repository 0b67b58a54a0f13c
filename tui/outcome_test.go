package tui

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator"
	"github.com/tokentui/tokentui/client/goodaccess"
	"github.com/tokentui/tokentui/tui/clipboard"
)

// A create whose answer is lost, tried as a person would: the emulator
// makes the token, a hostile proxy spoils the answer in each way a network
// or a proxy can, and the dashboard must say the token may exist, find it,
// offer to revoke it, and never offer a blind retry.

// lostAnswers spoil the emulator's answer to a create.
var lostAnswers = map[string]func(w http.ResponseWriter, status int, body []byte){
	"500 after the commit": func(w http.ResponseWriter, _ int, _ []byte) {
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, `{"message":"internal error"}`)
	},
	"reset after 200": func(w http.ResponseWriter, status int, body []byte) {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)+50))
		w.WriteHeader(status)
		w.Write(body[:len(body)/2])
		w.(http.Flusher).Flush()
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			conn.(*net.TCPConn).SetLinger(0)
			conn.Close()
		}
	},
	"cut short": func(w http.ResponseWriter, status int, body []byte) {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)+50))
		w.WriteHeader(status)
		w.Write(body)
	},
	"over the size cap": func(w http.ResponseWriter, status int, body []byte) {
		w.WriteHeader(status)
		w.Write(body)
		w.Write(bytes.Repeat([]byte(" "), 2<<20))
	},
	"no answer in time": func(w http.ResponseWriter, _ int, _ []byte) {
		time.Sleep(time.Second)
	},
	"secret under another name": func(w http.ResponseWriter, status int, body []byte) {
		w.WriteHeader(status)
		w.Write(regexp.MustCompile(`"token"\s*:`).ReplaceAll(body, []byte(`"api_key":`)))
	},
}

// spoilCreates forwards to the emulator; POSTs go through and then their
// answer is spoiled.
func spoilCreates(t *testing.T, target string, spoil func(http.ResponseWriter, int, []byte)) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		req, _ := http.NewRequest(r.Method, target+r.URL.RequestURI(), bytes.NewReader(body))
		req.Header = r.Header.Clone()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		answer, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if r.Method != http.MethodPost {
			w.WriteHeader(resp.StatusCode)
			w.Write(answer)
			return
		}
		spoil(w, resp.StatusCode, answer)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestInterruptedCreateIsFoundAndCanBeRevoked(t *testing.T) {
	for name, spoil := range lostAnswers {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ga, err := emulator.NewGoodAccess(emulator.GoodAccessOptions{})
			if err != nil {
				t.Fatal(err)
			}
			defer ga.Close()
			p, err := goodaccess.New(client.Connection{BaseURL: spoilCreates(t, ga.URL, spoil), Token: ga.AdminToken, Timeout: 400 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			tm := startWith(t, Options{Provider: p, Clipboard: clipboard.NewFake(), ProfileLabel: "demo · GoodAccess"}, 120, 35)
			waitLoaded(t, tm)
			before := ga.Len()
			send(tm, "n")
			waitFor(t, tm, "New token")
			tm.Type("lost-answer")
			send(tm, "tab", "down", "enter")
			tm.Send(keyMsg("ctrl+s"))
			switch name {
			case "500 after the commit", "no answer in time":
				waitFor(t, tm, "may have been created", "will not retry", "It is in the list now:")
			case "secret under another name", "over the size cap", "cut short":
				// The answer arrived, in part: what may be the secret is shown.
				waitFor(t, tm, "was created, but its answer did not", "may be the secret", "ga_", "It is in the list now:")
			default:
				waitFor(t, tm, "was created, but its answer did not", "It is in the list now:")
			}
			if ga.Len() != before+1 {
				t.Fatalf("%d tokens made, want 1: no retry", ga.Len()-before)
			}
			send(tm, "x")
			waitFor(t, tm, "Revoke token?", "lost-answer")
			send(tm, "y")
			waitFor(t, tm, "revoked lost-answer")
			if ga.Len() != before {
				t.Fatalf("the token found was not revoked: %d tokens, want %d", ga.Len(), before)
			}
			finish(t, tm)
		})
	}
}
