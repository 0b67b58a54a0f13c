package tui

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
)

// tableModel is the token list. It draws itself (no bubbles/table): only the
// rows on screen are formatted, from index slices, so a frame costs the same
// at 100 000 tokens as at 100.
type tableModel struct {
	ix     *tokenIndex
	filter filterState
	sort   sortKey
	cursor int // position in rows()
	offset int // first row on screen
	width  int // inner width
	height int // inner height, header row included
	cols   []column
	marks  map[string]bool // by token ID: survives refresh, filter and sort
	keys   tableKeys
}

func newTableModel() tableModel {
	return tableModel{marks: map[string]bool{}, keys: newTableKeys()}
}

// rows is what the table shows: storage indices in display order.
func (t *tableModel) rows() []int32 { return t.filter.matches() }

// selected is the token under the cursor.
func (t *tableModel) selected() (*client.Token, bool) {
	rows := t.rows()
	if t.ix == nil || t.cursor < 0 || t.cursor >= len(rows) {
		return nil, false
	}
	return &t.ix.tokens[rows[t.cursor]], true
}

// selectedIndex is the storage index of the selected token, or -1.
func (t *tableModel) selectedIndex() int32 {
	rows := t.rows()
	if t.cursor < 0 || t.cursor >= len(rows) {
		return -1
	}
	return rows[t.cursor]
}

// setIndex swaps in a freshly loaded index, keeping the filter, the sort,
// the marks of tokens that still exist and the selection when that token
// still exists.
func (t *tableModel) setIndex(ix *tokenIndex, cat *catalogInfo) {
	var keepID string
	if tok, ok := t.selected(); ok {
		keepID = tok.ID
	}
	query := t.filter.target()
	t.ix = ix
	t.filter.reset(ix.order(t.sort))
	if query != "" {
		t.filter.set(ix, query)
	}
	for id := range t.marks {
		if _, ok := ix.byID[id]; !ok {
			delete(t.marks, id)
		}
	}
	t.relayout(cat)
	t.reselect(ix.byID, keepID)
}

// reselect puts the cursor back on the token with id, or clamps it.
func (t *tableModel) reselect(byID map[string]int32, id string) {
	if i, ok := byID[id]; ok && id != "" {
		t.cursorTo(i)
	}
	t.clamp()
}

// cursorTo moves the cursor to storage index i if it is shown: a binary
// search, so re-filtering 100 000 rows does not scan them for the cursor.
func (t *tableModel) cursorTo(i int32) bool {
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

// setQuery re-filters now; the selection stays on its token while it
// matches. Typing goes through requestQuery instead.
func (t *tableModel) setQuery(raw string) {
	if t.ix == nil {
		return
	}
	keep := t.selectedIndex()
	t.filter.set(t.ix, raw)
	t.keepSelection(keep)
}

// requestQuery asks for a query while typing: applied at once when a level
// has it (nil returned), else the job to run off the Update path.
func (t *tableModel) requestQuery(raw string) *filterJob {
	if t.ix == nil {
		return nil
	}
	keep := t.selectedIndex()
	job := t.filter.request(t.ix, raw)
	if job == nil {
		t.keepSelection(keep)
	}
	return job
}

// applyFilter takes a filter job's result if it is still wanted.
func (t *tableModel) applyFilter(msg filterResultMsg) bool {
	keep := t.selectedIndex()
	if !t.filter.apply(msg) {
		return false
	}
	t.keepSelection(keep)
	return true
}

// settleFilter applies a pending query now (Enter leaving the input): the
// keys after it act on the rows the query names, not on the previous ones.
func (t *tableModel) settleFilter() {
	keep := t.selectedIndex()
	if t.filter.pending == nil {
		return
	}
	t.filter.settle()
	t.keepSelection(keep)
}

// keepSelection puts the cursor back on storage index keep after the rows
// changed, or on the first row when keep is not among them.
func (t *tableModel) keepSelection(keep int32) {
	if keep < 0 || !t.cursorTo(keep) {
		t.cursor, t.offset = 0, 0
	}
	t.clamp()
}

// cycleSort switches to the next order and re-applies the filter.
func (t *tableModel) cycleSort() {
	t.sort = (t.sort + 1) % sortKeys
	if t.ix == nil {
		return
	}
	keep := t.selectedIndex()
	query := t.filter.target()
	t.filter.reset(t.ix.order(t.sort))
	if query != "" {
		t.filter.set(t.ix, query)
	}
	if keep >= 0 {
		t.cursorTo(keep)
	}
	t.clamp()
}

// remove drops revoked tokens from the index and the view.
func (t *tableModel) remove(ids []string) {
	if t.ix == nil {
		return
	}
	keep := t.selectedIndex()
	ix, removed := t.ix.without(ids)
	if removed == 0 {
		return
	}
	t.ix = ix
	for _, id := range ids {
		delete(t.marks, id)
	}
	query := t.filter.target()
	t.filter.reset(ix.order(t.sort))
	if query != "" {
		t.filter.set(ix, query)
	}
	if keep >= 0 && !ix.gone[keep] {
		t.cursorTo(keep)
	}
	t.clamp()
}

// setSize sets the inner size of the table and re-lays out the columns.
func (t *tableModel) setSize(width, height int, cat *catalogInfo) {
	t.width, t.height = width, height
	t.relayout(cat)
	t.clamp()
}

func (t *tableModel) relayout(cat *catalogInfo) {
	var f presentFields
	if t.ix != nil {
		f = t.ix.fields
	}
	t.cols = layoutColumns(t.width, f, cat)
}

// visibleRows is how many token rows fit under the header.
func (t *tableModel) visibleRows() int { return max(t.height-1, 1) }

// clamp keeps the cursor on a row and on screen.
func (t *tableModel) clamp() {
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

// update handles navigation and marking; the root handles the keys that
// open other panes (filter, detail, revoke).
func (t tableModel) update(msg tea.KeyMsg) (tableModel, bool) {
	page := t.visibleRows()
	switch {
	case key.Matches(msg, t.keys.Up):
		t.cursor--
	case key.Matches(msg, t.keys.Down):
		t.cursor++
	case key.Matches(msg, t.keys.PageUp):
		t.cursor -= page
		t.offset -= page
	case key.Matches(msg, t.keys.PageDown):
		t.cursor += page
		t.offset += page
	case key.Matches(msg, t.keys.Top):
		t.cursor = 0
	case key.Matches(msg, t.keys.Bottom):
		t.cursor = len(t.rows()) - 1
	case key.Matches(msg, t.keys.Mark):
		if tok, ok := t.selected(); ok {
			if t.marks[tok.ID] {
				delete(t.marks, tok.ID)
			} else {
				t.marks[tok.ID] = true
			}
			t.cursor++ // like a file manager: mark and move on
		}
	default:
		return t, false
	}
	t.clamp()
	return t, true
}

// markedTokens are the marked tokens still in the index, in display order
// of the unfiltered current sort (marks hidden by a filter still count).
func (t *tableModel) markedTokens() []client.Token {
	if t.ix == nil || len(t.marks) == 0 {
		return nil
	}
	var out []client.Token
	for _, i := range t.ix.order(t.sort) {
		if tok := t.ix.tokens[i]; t.marks[tok.ID] {
			out = append(out, tok)
		}
	}
	return out
}

// view draws the header and the visible rows. Its cost depends on the
// screen size only.
func (t *tableModel) view(now time.Time, cat *catalogInfo, focused bool) string {
	var b strings.Builder
	t.writeHeader(&b)
	rows := t.rows()
	end := min(t.offset+t.visibleRows(), len(rows))
	for pos := t.offset; pos < end; pos++ {
		b.WriteByte('\n')
		t.writeRow(&b, &t.ix.tokens[rows[pos]], pos == t.cursor, focused, now, cat)
	}
	return b.String()
}

func (t *tableModel) writeHeader(b *strings.Builder) {
	var h strings.Builder
	h.WriteString(strings.Repeat(" ", gutterWidth))
	for i, c := range t.cols {
		title := c.title
		if sorted := t.sortColumn(); sorted == c.id {
			title += " " + sortArrow(t.sort)
		}
		h.WriteString(fit(title, c.width))
		if i < len(t.cols)-1 {
			h.WriteString("  ")
		}
	}
	b.WriteString(theme.TableHeader.Render(h.String()))
}

// sortColumn is the column the current order sorts on.
func (t *tableModel) sortColumn() columnID {
	switch t.sort {
	case sortByCreated:
		return colCreated
	case sortByExpires:
		return colExpires
	}
	return colName
}

func sortArrow(k sortKey) string {
	if k == sortByCreated {
		return "↓"
	}
	return "↑"
}

// writeRow draws one token. The gutter shows the cursor (a bar that stays
// visible without colour) and the bulk-action mark.
func (t *tableModel) writeRow(b *strings.Builder, tok *client.Token, selected, focused bool, now time.Time, cat *catalogInfo) {
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
		text, tone := cellText(c.id, tok, now, cat)
		cell := fit(text, c.width)
		if i < len(t.cols)-1 {
			cell += "  " // the gap carries the selection background too
		}
		b.WriteString(theme.Cell(tone, sel).Render(cell))
	}
}

// cellText is the text and tone of one cell.
func cellText(id columnID, tok *client.Token, now time.Time, cat *catalogInfo) (string, theme.Tone) {
	switch id {
	case colName:
		if tok.Name == "" {
			return "(unnamed)", theme.ToneMuted
		}
		return tok.Name, theme.TonePlain
	case colID:
		return shortID(tok.ID), theme.ToneMuted
	case colScopes:
		if len(tok.Scopes) == 0 {
			return "none", theme.ToneMuted
		}
		return scopeSummary(tok.Scopes, cat), theme.TonePlain
	case colRole:
		return tok.Role, theme.TonePlain
	case colProjects:
		return listSummary(tok.Projects), theme.TonePlain
	case colEnvironment:
		return tok.Environment, theme.TonePlain
	case colSecret:
		if tok.Secret == "" && tok.SecretNote != "" {
			return "not kept", theme.ToneMuted // only a hash exists: see the detail pane
		}
		return secretTail(tok.Secret), theme.ToneWarn
	case colOwner:
		if tok.Owner == "" {
			return "—", theme.ToneMuted // the organisation's own
		}
		return tok.Owner, theme.TonePlain
	case colCreated:
		if tok.CreatedAt.IsZero() {
			return "—", theme.ToneMuted
		}
		return tok.CreatedAt.Format(dateLayout), theme.TonePlain
	case colExpires:
		text, tone := relativeExpiry(*tok, now)
		return text, expiryCellTone(tone)
	case colIPs:
		text, any := ipSummary(tok.AllowedIPs)
		if any {
			return text, theme.ToneMuted
		}
		return text, theme.TonePlain
	}
	return "", theme.TonePlain
}

// fit truncates s to width cells (with an ellipsis) and pads it with spaces
// to exactly width.
func fit(s string, width int) string {
	if width <= 0 {
		return ""
	}
	w := ansi.StringWidth(s)
	if w > width {
		s = ansi.Truncate(s, width, "…")
		w = ansi.StringWidth(s)
	}
	if w < width {
		s += strings.Repeat(" ", width-w)
	}
	return s
}
