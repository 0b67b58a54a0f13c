package table

import (
	"fmt"
	"testing"

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
