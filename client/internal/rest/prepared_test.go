package rest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/tokentui/tokentui/client"
)

// A list prepared for about the right count is the one the results are
// written into; one too short for them, or far longer, is given up for a
// list of the right size; either way the results are those of a list not
// prepared.
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
		{n * 98 / 100, true},    // or grew a little
		{n * 3 / 4, false},      // grew by a third: too short for it
		{n * 3 / 2, false},      // shrank by a third: would hold memory for nothing
		{prepareMin - 1, false}, // too short to prepare at all
	} {
		prepared := prepareList[string](c.expected, 1<<30)
		if (prepared == nil) != (c.expected < prepareMin) {
			t.Fatalf("expected %d: prepared %v", c.expected, prepared != nil)
		}
		var held []string // kept, so that no other list is made where it was
		if prepared != nil {
			<-prepared.done
			held = prepared.list
		}
		got := decode(prepared)
		used := prepared != nil && unsafe.SliceData(got) == unsafe.SliceData(held)
		if used != c.used || !slices.Equal(got, want) {
			t.Errorf("expected %d: prepared list used %v (want %v), results equal %v", c.expected, used, c.used, slices.Equal(got, want))
		}
		if prepared != nil && (!prepared.used || prepared.list != nil) {
			t.Errorf("expected %d: the prepared list is still held (used %v)", c.expected, prepared.used)
		}
	}
}

// A prepared list serves one decode: an answer that breaks off after
// taking it leaves the retry to a list of its own.
func TestPreparedListServesOnce(t *testing.T) {
	const n = 20_000
	body := []byte(bigList(n))
	prepared := prepareList[string](n, 1<<30)
	<-prepared.done
	held := prepared.list // kept, so that no later list is made where it was
	cut := Body{Reader: io.MultiReader(bytes.NewReader(body[:len(body)/2]), errReader{io.ErrUnexpectedEOF}), Status: 200, Length: int64(len(body))}
	if _, _, err := decodeListFrom(cut, "", describe, nil, prepared); err == nil {
		t.Fatal("a cut answer decoded")
	}
	if !prepared.used || prepared.list != nil {
		t.Fatalf("the cut answer did not take the prepared list (used %v)", prepared.used)
	}
	whole := Body{Reader: bytes.NewReader(body), Status: 200, Length: int64(len(body))}
	got, _, err := decodeListFrom(whole, "", describe, nil, prepared)
	reused := unsafe.SliceData(got) == unsafe.SliceData(held)
	if err != nil || len(got) != n || reused {
		t.Errorf("the retry: %d items, %v; in the list the cut answer had %v", len(got), err, reused)
	}
}

// errReader fails every read with err.
type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

// GetList prepares for what the Progress expects while the server works,
// hands the list to the decode that fits it, and gives it up when the
// answer does not suit it or is an error.
func TestGetListPreparesWhatProgressExpects(t *testing.T) {
	const n = 20_000
	body := bigList(n)
	var mu sync.Mutex
	asked := map[string]int{}
	srv, _ := counted(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		mu.Lock()
		asked[r.URL.Path]++
		k := asked[r.URL.Path]
		mu.Unlock()
		time.Sleep(20 * time.Millisecond) // the server at work
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/cut": // the first answer breaks off: the retry decodes anew
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			if k == 1 {
				_, _ = w.Write([]byte(body[:len(body)/2]))
				return
			}
			_, _ = w.Write([]byte(body))
		case "/list":
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			_, _ = w.Write([]byte(body))
		case "/short":
			reply(w, 200, `[{"n":1}]`)
		case "/error":
			reply(w, 500, `{"message":"down"}`)
		}
	})
	c := newClient(t, Config{BaseURL: srv.URL, Retries: 2, ParseError: simpleErrors})
	last := strconv.Itoa(n-1) + ":" + strings.Repeat("t,", (n-1)%7) + "end"
	for _, path := range []string{"/list", "/cut", "/short", "/error"} {
		var prepared *preparedList[string]
		var held []string // kept, so that no other list is made where it was
		testHookPrepared = func(p any) {
			prepared = p.(*preparedList[string])
			<-prepared.done
			held = prepared.list
		}
		progress := &client.Progress{}
		progress.Expect(n)
		got, _, err := GetList(client.WithProgress(context.Background(), progress), c, Request{Method: "GET", Path: path}, "", describe)
		testHookPrepared = nil
		if prepared == nil {
			t.Fatalf("%s: nothing prepared for %d tokens", path, n)
		}
		inPrepared := len(got) > 0 && unsafe.SliceData(got) == unsafe.SliceData(held)
		switch path {
		case "/list":
			if err != nil || len(got) != n || got[n-1] != last || !inPrepared {
				t.Errorf("%s: %d items, %v; in the prepared list %v", path, len(got), err, inPrepared)
			}
		case "/cut": // whether the broken answer got far enough to take it is up to the network
			if err != nil || len(got) != n || got[n-1] != last || asked["/cut"] != 2 {
				t.Errorf("%s: %d items, %v after %d requests", path, len(got), err, asked["/cut"])
			}
		case "/short":
			if err != nil || len(got) != 1 || inPrepared {
				t.Errorf("%s: %d items, %v; in the prepared list %v", path, len(got), err, inPrepared)
			}
		case "/error":
			if err == nil {
				t.Errorf("%s: no error", path)
			}
		}
		if !prepared.used || prepared.list != nil {
			t.Errorf("%s: the prepared list is still held", path)
		}
		if left := progress.TakeExpected(); left != 0 {
			t.Errorf("%s: the expected count was not taken (%d left)", path, left)
		}
	}
}
