package table

import "github.com/tokentui/tokentui/client"

// rows is what the table shows: storage indices in display order.
func (t *Model) rows() []int32 { return t.filter.matches() }

// RowCount is how many rows the table shows (the filter's matches).
func (t *Model) RowCount() int { return len(t.rows()) }

// Row is the token shown at row pos, 0 ≤ pos < RowCount.
func (t *Model) Row(pos int) *client.Token { return &t.ix.tokens[t.rows()[pos]] }

// Cursor is the selected row.
func (t *Model) Cursor() int { return t.cursor }

// Selected is the token under the cursor.
func (t *Model) Selected() (*client.Token, bool) {
	rows := t.rows()
	if t.ix == nil || t.cursor < 0 || t.cursor >= len(rows) {
		return nil, false
	}
	return &t.ix.tokens[rows[t.cursor]], true
}

// selectedIndex is the storage index of the selected token, or -1.
func (t *Model) selectedIndex() int32 {
	rows := t.rows()
	if t.cursor < 0 || t.cursor >= len(rows) {
		return -1
	}
	return rows[t.cursor]
}

// Select puts the cursor on the token with this row key and reports
// whether it is among the rows shown (a filter may hide it).
func (t *Model) Select(id string) bool {
	if !t.Has(id) {
		return false
	}
	i, _ := t.ix.byID.index(id)
	shown := t.cursorTo(i)
	t.clamp()
	return shown
}

// cursorTo moves the cursor to storage index i if it is shown: a binary
// search, so re-filtering 100 000 rows does not scan them for the cursor.
func (t *Model) cursorTo(i int32) bool {
	if t.ix == nil || i < 0 {
		return false
	}
	pos := t.ix.position(t.sort, t.rows(), i)
	if pos < 0 {
		return false
	}
	t.cursor = pos
	return true
}

// keepSelection puts the cursor back on storage index keep after the rows
// changed, or on the first row when keep is not among them.
func (t *Model) keepSelection(keep int32) {
	if keep < 0 || !t.cursorTo(keep) {
		t.cursor, t.offset = 0, 0
	}
	t.clamp()
}

// visibleRows is how many token rows fit under the header.
func (t *Model) visibleRows() int { return max(t.height-1, 1) }

// clamp keeps the cursor on a row and on screen.
func (t *Model) clamp() {
	n := len(t.rows())
	t.cursor = max(min(t.cursor, n-1), 0)
	vis := t.visibleRows()
	if t.cursor < t.offset {
		t.offset = t.cursor
	}
	if t.cursor >= t.offset+vis {
		t.offset = t.cursor - vis + 1
	}
	t.offset = max(min(t.offset, n-vis), 0)
}

// Shown is the rows shown now, in order, as a function that yields them:
// it holds only the immutable list and rows slice of this moment, so it
// may run later on another goroutine (an export, in a tea.Cmd) however
// the table changes meanwhile.
func (t *Model) Shown() func(yield func(client.Token) bool) {
	ix, rows := t.ix, t.rows()
	return func(yield func(client.Token) bool) {
		if ix == nil {
			return
		}
		for _, i := range rows {
			if !yield(ix.tokens[i]) {
				return
			}
		}
	}
}
