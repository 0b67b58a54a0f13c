package cli

import (
	"bufio"
	"context"
	"io"
	"strconv"
	"testing"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/tui/internal/tokentest"
	"github.com/tokentui/tokentui/tui/tokenout"
)

// BenchmarkListOutput is what `list` costs once the list is in, at 10 000
// and 100 000 tokens: the order (nameOrder) and the output written to a
// pipe, --json or the table, whose store is the text and a tone per cell.
func BenchmarkListOutput(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		tokens := tokentest.BenchTokens(n)
		for i := range tokens {
			tokens[i].Profile = "bench" // as openSession names listed tokens
		}
		inv := &invocation{io: IO{Out: io.Discard, Err: io.Discard, Env: func(string) string { return "" }}}
		now := tokentest.Now
		s := &session{prov: &fakeKind{"goodaccess"}, prof: profile.Profile{Name: "bench"}}
		b.Run("json/"+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				count, token := listedTokens([]listed{{s: s, kept: tokens, order: nameOrder(tokens)}})
				if err := tokenout.WriteListed(bufio.NewWriterSize(io.Discard, 64<<10), count, token, now); err != nil {
					b.Fatal(err)
				}
			}
		})
		// The JSON alone, in an order made once: what the writer costs.
		order := nameOrder(tokens)
		b.Run("json-write/"+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				count, token := listedTokens([]listed{{s: s, kept: tokens, order: order}})
				if err := tokenout.WriteListed(bufio.NewWriterSize(io.Discard, 64<<10), count, token, now); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("table/"+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := inv.writeTokenTable([]listed{{s: s, kept: tokens, order: nameOrder(tokens)}}, now, false); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// fakeKind is a provider that only says its kind, for output benchmarks.
type fakeKind struct{ kind string }

func (f *fakeKind) Kind() string        { return f.kind }
func (f *fakeKind) DisplayName() string { return f.kind }
func (f *fakeKind) List(context.Context) ([]client.Token, error) {
	return nil, nil
}
func (f *fakeKind) Create(context.Context, client.NewToken) (client.Created, error) {
	return client.Created{}, nil
}
func (f *fakeKind) Revoke(context.Context, client.Token) error      { return nil }
func (f *fakeKind) Catalog(context.Context) (client.Catalog, error) { return client.Catalog{}, nil }
