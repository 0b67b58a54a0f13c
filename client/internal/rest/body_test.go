package rest

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
)

func TestReadBody(t *testing.T) {
	big := strings.Repeat("x", 3*bodyChunk+17)
	for _, c := range []struct {
		name   string
		body   string
		length int64
		limit  int
		tooBig bool
	}{
		{"announced", `{"a":1}`, 7, 100, false},
		{"unknown length", `{"a":1}`, -1, 100, false},
		{"zero announced, body anyway", `{}`, 0, 100, false},
		{"empty", "", 0, 100, false},
		{"several chunks", big, -1, len(big), false},
		{"announced, several MiB", big, int64(len(big)), len(big), false},
		{"announced short of the truth", big, 10, len(big), false},
		{"announced over the cap", "x", 101, 100, true},
		{"over the cap, unannounced", big, -1, len(big) - 1, true},
		{"over the cap, announced less", big, 10, 2 * bodyChunk, true},
		{"exactly the cap", "12345", -1, 5, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := readBody(iotest.HalfReader(strings.NewReader(c.body)), c.length, c.limit)
			if c.tooBig {
				if !errors.Is(err, errBodyTooLarge) {
					t.Fatalf("err %v, want too large", err)
				}
				return
			}
			if err != nil || string(got) != c.body {
				t.Fatalf("%d bytes, err %v; want %d bytes", len(got), err, len(c.body))
			}
		})
	}
	boom := errors.New("connection reset")
	if _, err := readBody(io.MultiReader(strings.NewReader("abc"), iotest.ErrReader(boom)), -1, 100); !errors.Is(err, boom) {
		t.Errorf("a failed read: %v", err)
	}
}

// A body of known length costs one allocation of its size, not a doubling
// buffer's several.
func TestReadBodyAllocatesOnce(t *testing.T) {
	body := bytes.Repeat([]byte("y"), 8<<20)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	got, err := readBody(bytes.NewReader(body), int64(len(body)), 64<<20)
	runtime.ReadMemStats(&after)
	if err != nil || len(got) != len(body) {
		t.Fatal(len(got), err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(len(body))+64<<10 {
		t.Errorf("%d bytes allocated to read %d", alloc, len(body))
	}
}
