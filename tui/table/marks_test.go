package table

import (
	"slices"
	"strconv"
	"testing"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/internal/tokentest"
)

// Marked lists every marked token in the order on screen, reversed too,
// hidden by the filter or not; a server's duplicate ID is every token that
// has it, and a revoke of that ID takes them all.
func TestMarkedInOrder(t *testing.T) {
	tokens := tokentest.Fixture() // by name: alpha-logs, bravo-ci, charlie-ci, delta
	tokens = append(tokens, tokentest.Tok("bbbbbbbb-2222", "echo-twin"))
	tb := loaded(tokens)
	for _, id := range []string{"dddddddd-4444", "bbbbbbbb-2222", "cccccccc-3333"} {
		tb.Select(id)
		tb.ToggleMark()
	}
	marked := func() (out []string) {
		for _, tok := range tb.Marked() {
			out = append(out, tok.Name)
		}
		return out
	}
	if got, want := marked(), []string{"alpha-logs", "charlie-ci", "delta", "echo-twin"}; !slices.Equal(got, want) {
		t.Errorf("by name: %q, want %q", got, want)
	}
	tb.SetSort(Sort{Key: SortByName, Reversed: true})
	tb.SetQuery("delta") // the others are hidden, and still marked
	if got, want := marked(), []string{"echo-twin", "delta", "charlie-ci", "alpha-logs"}; !slices.Equal(got, want) {
		t.Errorf("reversed, filtered: %q, want %q", got, want)
	}
	tb.Remove([]string{"bbbbbbbb-2222"})
	if got, want := marked(), []string{"delta", "charlie-ci"}; !slices.Equal(got, want) || tb.Len() != 3 {
		t.Errorf("after the revoke: %q of %d tokens, want %q", got, tb.Len(), want)
	}
}

// BenchmarkMarked is x with three tokens marked: what it costs does not
// grow with the list.
func BenchmarkMarked(b *testing.B) {
	for _, n := range tokentest.BenchSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			tokens := tokentest.BenchTokens(n)
			tb := loaded(tokens)
			for _, tok := range []client.Token{tokens[0], tokens[n/2], tokens[n-1]} {
				tb.marks[tok.ID] = true
			}
			b.ReportAllocs()
			for b.Loop() {
				if len(tb.Marked()) != 3 {
					b.Fatal("not three")
				}
			}
		})
	}
}
