package table

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/internal/tokentest"
)

// loaded is a table holding tokens, at the inner size the dashboard gives
// it on a 120x35 terminal.
func loaded(tokens []client.Token) Model {
	t := New()
	t.SetClock(tokentest.Clock)
	t.SetSize(118, 15)
	t.SetIndex(BuildIndex(tokens))
	return t
}

// names is the names of the rows shown, in order.
func names(t *Model) []string {
	var out []string
	for pos := range t.RowCount() {
		out = append(out, t.Row(pos).Name)
	}
	return out
}

// press sends keys one by one: "j", "pgdown", "home", "G", "space", "s".
func press(t Model, keys ...string) Model {
	for _, k := range keys {
		msg := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		switch k {
		case "pgdown":
			msg = tea.KeyMsg{Type: tea.KeyPgDown}
		case "home":
			msg = tea.KeyMsg{Type: tea.KeyHome}
		case "space":
			msg = tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
		}
		t, _ = t.Update(msg)
	}
	return t
}

func TestNavigationKeys(t *testing.T) {
	tb := loaded(tokentest.Synthetic(200, nil))
	vis := tb.visibleRows()
	tb = press(tb, "j", "j", "k")
	if tb.cursor != 1 {
		t.Errorf("j j k: cursor %d", tb.cursor)
	}
	tb = press(tb, "pgdown")
	if tb.cursor != 1+vis {
		t.Errorf("pgdown: cursor %d, want %d", tb.cursor, 1+vis)
	}
	tb = press(tb, "G")
	if tb.cursor != 199 || tb.offset != 200-vis {
		t.Errorf("G: cursor %d offset %d", tb.cursor, tb.offset)
	}
	tb = press(tb, "j")
	if tb.cursor != 199 {
		t.Error("j past the end moved the cursor")
	}
	tb = press(tb, "home")
	if tb.cursor != 0 || tb.offset != 0 {
		t.Errorf("home: cursor %d offset %d", tb.cursor, tb.offset)
	}
	// Only the visible rows are drawn.
	body := tb.View(tokentest.Now, true)
	if n := strings.Count(body, "\n"); n != vis {
		t.Errorf("table drew %d rows, %d fit", n, vis)
	}
}

func TestSelectHasAndMarksThroughAFilter(t *testing.T) {
	tb := loaded(tokentest.Fixture())
	tb = press(tb, "space", "space") // alpha-logs, bravo-ci
	tb.SetQuery("ci")
	if tb.Select("bbbbbbbb-2222") || !tb.Has("bbbbbbbb-2222") {
		t.Error("alpha-logs is hidden by the filter, not gone")
	}
	if !tb.Select("cccccccc-3333") || tb.Cursor() != 1 {
		t.Errorf("charlie-ci not selected: cursor %d", tb.Cursor())
	}
	var marked []string
	for _, m := range tb.Marked() {
		marked = append(marked, m.Name)
	}
	if !slices.Equal(marked, []string{"alpha-logs", "bravo-ci"}) || tb.MarkCount() != 2 {
		t.Errorf("marks hidden by the filter must still count: %v", marked)
	}
	tb.Remove([]string{"aaaaaaaa-1111"})
	if tb.Has("aaaaaaaa-1111") || tb.IsMarked("aaaaaaaa-1111") || !slices.Equal(names(&tb), []string{"charlie-ci"}) {
		t.Errorf("after removing bravo-ci: rows %v, marks %d", names(&tb), tb.MarkCount())
	}
	if sel, ok := tb.Selected(); !ok || sel.Name != "charlie-ci" {
		t.Errorf("the selection moved off charlie-ci: %v", sel)
	}
	tb.ClearMarks()
	if tb.MarkCount() != 0 {
		t.Error("marks not cleared")
	}
}
