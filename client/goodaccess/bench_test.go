package goodaccess

import (
	"context"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator"
	"github.com/tokentui/tokentui/client/internal/rest"
	"github.com/tokentui/tokentui/client/internal/rest/resttest"
)

// BenchmarkDecodeList decodes a list of 10 000 and of 100 000 tokens as
// List does, from bytes the emulator served, so only decoding and
// conversion are timed (on every core: rest's batches).
func BenchmarkDecodeList(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		g, err := emulator.NewGoodAccess(emulator.GoodAccessOptions{
			NoSeed: true, Extra: n - 1,
			Clock: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) },
		})
		if err != nil {
			b.Fatal(err)
		}
		defer g.Close()
		p, err := New(client.Connection{BaseURL: g.URL, Token: g.AdminToken})
		if err != nil {
			b.Fatal(err)
		}
		resp, err := p.api.Do(context.Background(), rest.Request{Method: "GET", Path: pathTokens, List: true})
		if err != nil {
			b.Fatal(err)
		}
		resttest.BenchDecode(b, n, resp.Body, func(body []byte) (int, error) {
			tokens, err := decodeList(rest.Response{Status: resp.Status, Body: body})
			return len(tokens), err
		})
	}
}

// TestList100k runs the scale path end to end: the emulator's encoding and
// the client's decoding of a 100 000-token list, every token arriving. How
// fast is measured by the benchmarks and .ci/bench-scale.sh, never by a
// timed pass/fail test on a shared machine.
func TestList100k(t *testing.T) {
	if testing.Short() {
		t.Skip("scale test")
	}
	// The race detector slows this single-goroutine path ~7x and finds
	// nothing more at 100k than at 20k.
	n := 100_000
	if raceEnabled {
		n = 20_000
	}
	g := newEmulator(t, emulator.GoodAccessOptions{Extra: n})
	p := newProvider(t, g.URL, g.AdminToken)
	tokens, err := p.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(tokens) != g.Len() || len(tokens) < n {
		t.Fatalf("%d tokens of %d", len(tokens), g.Len())
	}
}
