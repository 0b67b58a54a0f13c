package cli

import (
	"io"
	"strconv"
	"testing"

	"github.com/tokentui/tokentui/tui/internal/tokentest"
)

// BenchmarkListOutput is what `list` costs once the list is in, at 10 000
// and 100 000 tokens: the order (nameOrder) and the output written to a
// pipe, --json or the table, whose store is the text and a tone per cell.
func BenchmarkListOutput(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		tokens := tokentest.BenchTokens(n)
		inv := &invocation{io: IO{Out: io.Discard, Err: io.Discard, Env: func(string) string { return "" }}}
		now := tokentest.Now
		b.Run("json/"+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				order := nameOrder(tokens)
				token := func(pos int) jsonToken { return toJSON(&tokens[order[pos]], now) }
				if err := writeTokensJSON(io.Discard, len(order), token); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("table/"+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := inv.writeTokenTable(tokens, nameOrder(tokens), now); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
