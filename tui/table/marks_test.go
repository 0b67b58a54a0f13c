package table

import (
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/internal/tokentest"
)

func TestMarkedHiddenFollowsMarksAndFilter(t *testing.T) {
	tb := loaded(tokentest.Fixture())
	tb = press(tb, "space") // alpha-logs
	if tb.MarkedHidden() != 0 {
		t.Fatalf("nothing is filtered, yet %d hidden", tb.MarkedHidden())
	}
	tb.SetQuery("ci")
	if tb.MarkedHidden() != 1 || tb.IsShown("bbbbbbbb-2222") {
		t.Fatalf("alpha-logs is marked and filtered out: hidden %d", tb.MarkedHidden())
	}
	tb = press(tb, "a") // bravo-ci, charlie-ci
	if tb.MarkCount() != 3 || tb.MarkedHidden() != 1 {
		t.Fatalf("a: %d marked, %d hidden", tb.MarkCount(), tb.MarkedHidden())
	}
	tb.SetQuery("")
	if tb.MarkedHidden() != 0 {
		t.Fatalf("unfiltered: %d hidden", tb.MarkedHidden())
	}
	tb.SetQuery("delta")
	if tb.MarkedHidden() != 3 {
		t.Fatalf("delta shown alone: %d hidden, want 3", tb.MarkedHidden())
	}
	tb = press(tb, "u")
	if tb.MarkCount() != 0 || tb.MarkedHidden() != 0 {
		t.Fatalf("u: %d marked, %d hidden", tb.MarkCount(), tb.MarkedHidden())
	}
}

// Both ways of counting agree: few marks looked up in many rows, and many
// marks checked row by row.
func TestMarkedHiddenBothWays(t *testing.T) {
	tokens := tokentest.Synthetic(2000, nil)
	tb := loaded(tokens)
	tb.SetQuery("prod")
	shown := tb.RowCount()
	for i := range 5 {
		tb.marks[tokens[i].ID] = true
	}
	tb.marksChanged()
	few := tb.MarkedHidden()
	want := 0
	for i := range 5 {
		if !tb.IsShown(tokens[i].ID) {
			want++
		}
	}
	if few != want {
		t.Fatalf("few marks: %d hidden, want %d", few, want)
	}
	tb.SetQuery("")
	tb.MarkShown()
	tb.SetQuery("prod")
	if got := tb.MarkedHidden(); got != len(tokens)-shown {
		t.Fatalf("all marked: %d hidden, want %d (%s)", got, len(tokens)-shown, fmt.Sprint(shown))
	}
}

func BenchmarkMarkedHidden(b *testing.B) {
	tb := loaded(tokentest.Synthetic(100_000, nil))
	tb.MarkShown()
	tb.SetQuery("prod")
	b.ReportAllocs()
	for b.Loop() {
		tb.MarkedHidden() // cached: a frame pays nothing for 100 000 marks
	}
}

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
