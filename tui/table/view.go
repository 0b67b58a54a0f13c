package table

import (
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// View draws the header and the visible rows. Its cost depends on the
// screen size only.
func (t *Model) View(now time.Time, focused bool) string {
	var b strings.Builder
	t.writeHeader(&b)
	rows := t.rows()
	end := min(t.offset+t.visibleRows(), len(rows))
	for pos := t.offset; pos < end; pos++ {
		b.WriteByte('\n')
		t.writeRow(&b, &t.ix.tokens[rows[pos]], pos == t.cursor, focused, now)
	}
	return b.String()
}

func (t *Model) writeHeader(b *strings.Builder) {
	var h strings.Builder
	h.WriteString(strings.Repeat(" ", gutterWidth))
	for i, c := range t.cols {
		title := c.title
		if sorted := t.sortColumn(); sorted == c.id {
			title += " " + sortArrow(t.sort)
		}
		h.WriteString(tokenfmt.Fit(title, c.width))
		if i < len(t.cols)-1 {
			h.WriteString("  ")
		}
	}
	b.WriteString(theme.TableHeader.Render(h.String()))
}

// sortColumn is the column the current order sorts on.
func (t *Model) sortColumn() columnID {
	switch t.sort {
	case SortByCreated:
		return colCreated
	case SortByExpires:
		return colExpires
	}
	return colName
}

func sortArrow(k SortKey) string {
	if k == SortByCreated {
		return "↓"
	}
	return "↑"
}

// writeRow draws one token. The gutter shows the cursor (a bar that stays
// visible without colour) and the bulk-action mark.
func (t *Model) writeRow(b *strings.Builder, tok *client.Token, selected, focused bool, now time.Time) {
	sel := selected && focused
	if selected {
		b.WriteString(theme.CursorMark.Render("▌"))
	} else {
		b.WriteByte(' ')
	}
	if t.marks[tok.ID] {
		b.WriteString(theme.Marked.Render("●"))
	} else {
		b.WriteByte(' ')
	}
	for i, c := range t.cols {
		text, tone := cellText(c.id, tok, now, t.cat)
		cell := tokenfmt.Fit(text, c.width)
		if c.id == colName && tok.Self {
			// The tag survives a long name: the name is cut instead.
			tag := " " + tokenfmt.SelfTag
			cell = tokenfmt.Fit(strings.TrimRight(tokenfmt.Fit(text, max(c.width-len(tag), 1)), " ")+tag, c.width)
		}
		if i < len(t.cols)-1 {
			cell += "  " // the gap carries the selection background too
		}
		b.WriteString(theme.Visible(theme.Cell(tone, sel), cell))
	}
}
