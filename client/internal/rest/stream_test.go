package rest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/tokentui/tokentui/client"
)

type item struct {
	N    int      `json:"n"`
	Tags []string `json:"tags"`
}

// describe converts an item; a negative n is refused, as a provider refuses
// an unreadable date.
func describe(it *item, out *string) error {
	if it.N < 0 {
		return &client.ServerError{Status: 200, Message: "negative n"}
	}
	*out = strconv.Itoa(it.N) + ":" + strings.Join(it.Tags, ",")
	return nil
}

func decodeString(body, key string) ([]string, bool, error) {
	return DecodeList(Response{Status: 200, Body: []byte(body)}, key, describe)
}

func TestDecodeListShapes(t *testing.T) {
	cases := []struct {
		body, key string
		want      string // the joined result
		found     bool
	}{
		{` [{"n":1,"tags":["a"]},{"n":2}] `, "", "1:a|2:", true},
		// The reused element is zeroed: tags do not leak into the next one.
		{`[{"n":1,"tags":["a","b"]},{},null]`, "", "1:a,b|0:|0:", true},
		{`[]`, "", "", true},
		{`null`, "", "", true},
		{`{"other":{"x":[1]},"list":[{"n":3}],"more":"x"}`, "list", "3:", true},
		{`{"LIST":[{"n":3}]}`, "list", "3:", true},
		{`{"list":[{"n":3}],"list":[{"n":4},{"n":5}]}`, "list", "4:|5:", true},
		{`{"list":null}`, "list", "", true},
		{`{"other":[{"n":3}]}`, "list", "", false},
	}
	for _, c := range cases {
		got, found, err := decodeString(c.body, c.key)
		if err != nil || found != c.found || strings.Join(got, "|") != c.want {
			t.Errorf("%s: %q found=%v err=%v, want %q found=%v", c.body, got, found, err, c.want, c.found)
		}
	}
}

func TestDecodeListErrors(t *testing.T) {
	cases := []struct{ body, key, says string }{
		{"", "", "empty answer"},
		{" \n ", "", "empty answer"},
		{"<html>login</html>", "", "HTML page"},
		{"}{ not json", "", "truncated or garbled"},
		{`[{"n":1},{"n":`, "", "truncated or garbled"},
		{`[{"n":1}] trailing`, "", "truncated or garbled"},
		{`[{"n":1}] []`, "", "truncated or garbled"},
		{`{"list":[{"n":1}]}`, "", "unexpected shape (the document is object, expected an array)"},
		{`[{"n":"one"}]`, "", "unexpected shape (n is string"},
		{`[1]`, "", "unexpected shape (the document is number"},
		{`{"list":{"n":1}}`, "list", "unexpected shape (list is object, expected an array)"},
		{`{"list":[{"tags":[7]}]}`, "list", "unexpected shape (list.tags is number"},
		{`[{"n":1}]`, "list", "unexpected shape (the document is array, expected an object)"},
		{`{"list":[{"n":1}]`, "list", "truncated or garbled"},
		{`[{"n":1},{"n":-1}]`, "", "negative n"},
	}
	for _, c := range cases {
		_, _, err := decodeString(c.body, c.key)
		var se *client.ServerError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want a ServerError saying %q", c.body, err, c.says)
		}
	}
}

// bigList is n items of uneven size.
func bigList(n int) string {
	var b strings.Builder
	b.WriteString("[")
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"n":%d,"tags":[%s]}`, i, strings.Repeat(`"t",`, i%7)+`"end"`)
	}
	b.WriteString("]")
	return b.String()
}

func TestGetListStreamsWithAndWithoutLength(t *testing.T) {
	const n = 20_000
	body := bigList(n)
	for _, chunked := range []bool{false, true} {
		srv, _ := counted(t, func(w http.ResponseWriter, r *http.Request, _ int) {
			w.Header().Set("Content-Type", "application/json")
			if !chunked {
				w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			}
			for i := 0; i < len(body); i += 4096 { // several writes: chunked when no length
				_, _ = w.Write([]byte(body[i:min(i+4096, len(body))]))
				w.(http.Flusher).Flush()
			}
		})
		c := newClient(t, Config{BaseURL: srv.URL, Retries: -1})
		got, found, err := GetList(context.Background(), c, Request{Method: "GET", Path: "/"}, "", describe)
		if err != nil || !found || len(got) != n || got[n-1] != strconv.Itoa(n-1)+":"+strings.Repeat("t,", (n-1)%7)+"end" {
			t.Fatalf("chunked=%v: %d items, found=%v, err=%v", chunked, len(got), found, err)
		}
		// With a length the result is sized from it, not by doubling.
		if !chunked && cap(got) > n+n/10+16 {
			t.Errorf("cap %d for %d items", cap(got), n)
		}
	}
}

func TestGetListErrors(t *testing.T) {
	srv, count := counted(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch r.URL.Path {
		case "/cut": // the connection drops mid-body the first time
			if n == 1 {
				w.Header().Set("Content-Length", "1000")
				_, _ = w.Write([]byte(`[{"n":1},`))
				return
			}
			reply(w, 200, `[{"n":1},{"n":2}]`)
		case "/big":
			reply(w, 200, bigList(5000))
		case "/garbage":
			reply(w, 200, `[{"n":1}, nope`)
		case "/notfound":
			reply(w, 404, `{"message":"no such list"}`)
		case "/html":
			w.Header().Set("Content-Type", "text/html")
			_, _ = w.Write([]byte("\n<!doctype html><p>login"))
		}
	})
	c := newClient(t, Config{BaseURL: srv.URL, Retries: 2, ListBody: 32 << 10, ParseError: simpleErrors})
	get := func(path string) ([]string, error) {
		got, _, err := GetList(context.Background(), c, Request{Method: "GET", Path: path}, "", describe)
		return got, err
	}

	got, err := get("/cut")
	if err != nil || strings.Join(got, "|") != "1:|2:" || count.Load() != 2 {
		t.Fatalf("cut body: %q %v after %d requests; want a retry that succeeds", got, err, count.Load())
	}
	var se *client.ServerError
	if _, err := get("/big"); !errors.As(err, &se) || !strings.Contains(err.Error(), "larger than 32 KiB") {
		t.Errorf("body over the cap: %v", err)
	}
	before := count.Load()
	if _, err := get("/garbage"); !errors.As(err, &se) || !strings.Contains(err.Error(), "garbled") || count.Load() != before+1 {
		t.Errorf("garbage: %v after %d requests; want one, not retried", err, count.Load()-before)
	}
	var nf *client.NotFoundError
	if _, err := get("/notfound"); !errors.As(err, &nf) {
		t.Errorf("404: %v", err)
	}
	if _, err := get("/html"); !errors.As(err, &se) || !strings.Contains(err.Error(), "HTML page") {
		t.Errorf("HTML: %v", err)
	}
}
