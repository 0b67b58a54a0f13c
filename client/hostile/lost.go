package hostile

// Lost answers: a proxy in front of a server (an emulator) that lets a
// write through, so it is really carried out, and then spoils its answer
// the way a network or a proxy can: a reset, a cut, a 5xx, no answer at
// all, an oversized or oddly shaped body. It is how the tests prove that a
// create or revoke whose answer is lost is never reported as a plain
// failure, and never retried.

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
)

// Spoil writes the answer the client gets, given the one the server sent.
type Spoil func(w http.ResponseWriter, status int, body []byte)

// Loss is one way of losing an answer.
type Loss struct {
	Spoil Spoil
	// Accepted: the client still sees the server's 2xx status.
	Accepted bool
	// Whole: the part of the body the client gets holds the secret whole.
	Whole bool
}

// Losses are every way of losing an answer, by name.
var Losses = map[string]Loss{
	"reset after the status line": {Accepted: true, Spoil: func(w http.ResponseWriter, status int, body []byte) {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)+100))
		w.WriteHeader(status)
		w.Write(body[:len(body)/2])
		w.(http.Flusher).Flush()
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			if tcp, ok := conn.(*net.TCPConn); ok {
				tcp.SetLinger(0) // RST, not FIN
			}
			conn.Close()
		}
	}},
	"cut short": {Accepted: true, Whole: true, Spoil: func(w http.ResponseWriter, status int, body []byte) {
		// What arrives holds the secret; the rest never comes.
		w.Header().Set("Content-Length", strconv.Itoa(len(body)+40))
		w.WriteHeader(status)
		w.Write(body)
	}},
	"over the size cap": {Accepted: true, Whole: true, Spoil: func(w http.ResponseWriter, status int, body []byte) {
		w.WriteHeader(status)
		w.Write(body)
		w.Write(bytes.Repeat([]byte(" "), 2<<20))
	}},
	"secret under another name": {Accepted: true, Whole: true, Spoil: func(w http.ResponseWriter, status int, body []byte) {
		w.WriteHeader(status)
		w.Write(append(append([]byte(`{"result":`), SecretKey.ReplaceAll(body, []byte(`"credential_value":`))...), '}'))
	}},
	"500 from a proxy after the commit": {Spoil: func(w http.ResponseWriter, _ int, _ []byte) {
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, "<html>upstream error</html>")
	}},
	"no answer in time": {Spoil: func(http.ResponseWriter, int, []byte) {
		time.Sleep(NoAnswerFor)
	}},
}

// NoAnswerFor is how long "no answer in time" keeps the client waiting:
// give the client a shorter timeout.
const NoAnswerFor = 900 * time.Millisecond

// SecretKey finds the member that holds the secret in each API's answer.
var SecretKey = regexp.MustCompile(`"(token|secret)"\s*:`)

// secretValue reads the secret back out of an answer.
var secretValue = regexp.MustCompile(`"(?:token|secret)"\s*:\s*"([^"]+)"`)

// LossyProxy serves everything from target; requests of method (POST when "")
// go through to it, and their answer is spoiled. It returns the proxy's URL
// and a function that tells the last secret the target sent.
func LossyProxy(t testing.TB, target, method string, spoil Spoil) (url string, sent func() string) {
	t.Helper()
	if method == "" {
		method = http.MethodPost
	}
	secrets := make(chan string, 100)
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
		if r.Method != method {
			w.Header().Set("Content-Type", resp.Header.Get("Content-Type"))
			w.WriteHeader(resp.StatusCode)
			w.Write(answer)
			return
		}
		if m := secretValue.FindSubmatch(answer); m != nil {
			secrets <- string(m[1])
		}
		spoil(w, resp.StatusCode, answer)
	}))
	t.Cleanup(srv.Close)
	last := ""
	return srv.URL, func() string {
		for {
			select {
			case s := <-secrets:
				last = s
			default:
				return last
			}
		}
	}
}
