package table

import (
	"strconv"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// View draws the header and the visible rows. Its cost depends on the
// screen size only.
func (t *Model) View(now time.Time, focused bool) string { return t.view(now, focused, true) }

// ViewWithoutCursor is View with no row marked as the cursor's: the keys
// are elsewhere, on something the table does not show (the all-profiles
// table's lines of the profiles without a list).
func (t *Model) ViewWithoutCursor(now time.Time) string { return t.view(now, false, false) }

func (t *Model) view(now time.Time, focused, cursor bool) string {
	var b strings.Builder
	t.writeHeader(&b)
	rows := t.rows()
	end := min(t.offset+t.visibleRows(), len(rows))
	cx := cellContext{now: now, cat: t.cat, caps: t.caps, profs: t.profs}
	for pos := t.offset; pos < end; pos++ {
		b.WriteByte('\n')
		i := rows[pos]
		tok := &t.ix.tokens[i]
		t.writeRow(&b, tok, t.marks[t.ix.rowKeys[i]], cursor && pos == t.cursor, focused, t.rowContext(tok, cx))
	}
	return b.String()
}

// Position says which rows are on screen when not all of them fit:
// "1–14 of 16"; "" when every row is shown.
func (t *Model) Position() string {
	n := len(t.rows())
	if t.ix == nil || n <= t.visibleRows() {
		return ""
	}
	last := min(t.offset+t.visibleRows(), n)
	return strconv.Itoa(t.offset+1) + "–" + strconv.Itoa(last) + " of " + strconv.Itoa(n)
}

func (t *Model) writeHeader(b *strings.Builder) {
	var h strings.Builder
	h.WriteString(strings.Repeat(" ", gutterWidth))
	for i, c := range t.cols {
		if sortColumns[t.sort.Key] == c.id {
			// The arrow says what the rows are in order of: a title too
			// long for both is cut ("Last u… ↑"), never the arrow.
			h.WriteString(tokenfmt.FitKeeping(c.title, " "+t.sort.Arrow(), c.width))
		} else {
			h.WriteString(tokenfmt.Fit(c.title, c.width))
		}
		if i < len(t.cols)-1 {
			h.WriteString("  ")
		}
	}
	b.WriteString(theme.TableHeader.Render(h.String()))
}

// writeRow draws one token. The gutter shows the cursor (a bar that stays
// visible without colour) and the bulk-action mark.
func (t *Model) writeRow(b *strings.Builder, tok *client.Token, marked, selected, focused bool, cx cellContext) {
	sel := selected && focused
	if selected {
		b.WriteString(theme.CursorMark.Render("▌"))
	} else {
		b.WriteByte(' ')
	}
	if marked {
		b.WriteString(theme.Marked.Render("●"))
	} else {
		b.WriteByte(' ')
	}
	for i, c := range t.cols {
		text, tone := cellText(c.id, tok, cx)
		cell := tokenfmt.Fit(text, c.width)
		if c.id == colName && tok.Self {
			// The tag survives a long name: the name is cut instead.
			cell = tokenfmt.FitKeeping(text, " "+tokenfmt.SelfTag, c.width)
		}
		if i < len(t.cols)-1 {
			cell += "  " // the gap carries the selection background too
		}
		b.WriteString(theme.Visible(theme.Cell(tone, sel), cell))
	}
}
