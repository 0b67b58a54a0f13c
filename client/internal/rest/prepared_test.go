package rest

import (
	"bytes"
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/tokentui/tokentui/client"
)

// A list prepared for about the right count is the one the results are
// written into; one for far more or fewer is given up for a list of the
// right size; either way the results are those of a list not prepared.
func TestPreparedListIsUsedWhenItFits(t *testing.T) {
	const n = 20_000
	body := []byte(bigList(n))
	decode := func(prepared *preparedList[string]) []string {
		t.Helper()
		b := Body{Reader: bytes.NewReader(body), Status: 200, Length: int64(len(body))}
		list, found, err := decodeListFrom(b, "", describe, nil, prepared)
		if err != nil || !found {
			t.Fatalf("%v, found %v", err, found)
		}
		return list
	}
	want := decode(nil)
	for _, c := range []struct {
		expected int64
		used     bool
	}{
		{n, true},
		{n * 11 / 10, true},     // the list shrank a little
		{n * 3 / 2, true},       // or by a third
		{n * 3 / 4, false},      // grew by a third: too short for it
		{n * 3, false},          // more than twice as long: would hold memory for nothing
		{prepareMin - 1, false}, // too short to prepare at all
	} {
		prepared := prepareList[string](c.expected)
		if (prepared == nil) != (c.expected < prepareMin) {
			t.Fatalf("expected %d: prepared %v", c.expected, prepared != nil)
		}
		if prepared != nil {
			prepared.serverAnswered()
		}
		got := decode(prepared)
		used := prepared != nil && prepared.taken && unsafe.SliceData(got) == unsafe.SliceData(prepared.list)
		if used != c.used || !slices.Equal(got, want) {
			t.Errorf("expected %d: prepared list used %v (want %v), results equal %v", c.expected, used, c.used, slices.Equal(got, want))
		}
		prepared.release()
	}
}

// GetList prepares for what the Progress expects, once, while the server
// works, and gives the list up when the answer is an error, a retry or
// short.
func TestGetListPreparesWhatProgressExpects(t *testing.T) {
	const n = 20_000
	srv, count := counted(t, func(w http.ResponseWriter, r *http.Request, k int) {
		time.Sleep(20 * time.Millisecond) // the server at work
		switch r.URL.Path {
		case "/cut": // the first answer breaks off: the retry decodes anew
			if k == 1 {
				w.Header().Set("Content-Length", "1000000")
				_, _ = w.Write([]byte(bigList(n)[:500_000]))
				return
			}
			reply(w, 200, bigList(n))
		case "/list":
			reply(w, 200, bigList(n))
		case "/short":
			reply(w, 200, `[{"n":1}]`)
		case "/error":
			reply(w, 500, `{"message":"down"}`)
		}
	})
	c := newClient(t, Config{BaseURL: srv.URL, Retries: 2, ParseError: simpleErrors})
	for _, path := range []string{"/list", "/cut", "/short", "/error"} {
		progress := &client.Progress{}
		progress.Expect(n)
		ctx := client.WithProgress(context.Background(), progress)
		got, _, err := GetList(ctx, c, Request{Method: "GET", Path: path}, "", describe)
		switch {
		case path == "/error" && err == nil:
			t.Errorf("%s: no error", path)
		case path == "/short" && (err != nil || len(got) != 1):
			t.Errorf("%s: %d items, %v", path, len(got), err)
		case (path == "/list" || path == "/cut") && (err != nil || len(got) != n || got[n-1] != strconv.Itoa(n-1)+":"+strings.Repeat("t,", (n-1)%7)+"end"):
			t.Errorf("%s: %d items, %v", path, len(got), err)
		}
		if left := progress.TakeExpected(); left != 0 {
			t.Errorf("%s: the expected count was not taken (%d left)", path, left)
		}
	}
	if count.Load() < 5 {
		t.Errorf("%d requests: the cut answer was not retried", count.Load())
	}
}
