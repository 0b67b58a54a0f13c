// Package table is the dashboard's token list: its rows, selection, marks,
// filter and sort. It draws itself (no bubbles/table): only the rows on
// screen are formatted, from index slices, so a frame costs the same at
// 100 000 tokens as at 100, and a filter keystroke costs the same too (the
// matching runs in a tea.Cmd). The root feeds it keys and filter results
// and asks it questions through its methods; it never reaches inside.
package table

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// Model is the token table.
type Model struct {
	ix     *Index
	cat    *tokenfmt.Catalog // nil until the provider's catalog has arrived
	filter filterState
	sort   Sort // the order the rows are in
	want   Sort // the order asked for last; differs while it is being sorted
	caps   client.Capabilities
	profs  *profileSet      // an all-profiles table's profiles; nil for one profile
	now    func() time.Time // for the filter's status words and expiry terms
	cursor int              // position in rows()
	offset int              // first row on screen
	width  int              // inner width
	height int              // inner height, header row included
	cols   []column
	marks  map[string]bool // by RowKey: survives refresh, filter and sort
	keys   KeyMap

	markVersion int          // counts changes of marks (MarkedHidden)
	hidden      *hiddenCount // MarkedHidden's cache, shared by copies
}

// New is an empty table: no list yet, nothing selected.
func New() Model {
	return Model{marks: map[string]bool{}, keys: NewKeyMap(), now: time.Now, hidden: &hiddenCount{}}
}

// SetClock sets the clock the filter judges expiries by (tests pin it).
func (t *Model) SetClock(now func() time.Time) { t.now = now }

// KeyMap is what the table does with keys itself, for the help view.
func (t *Model) KeyMap() KeyMap { return t.keys }

// Update takes the table's own keys (movement, mark, sort) and the answers
// of its filter and sort jobs; everything else is not its business.
func (t Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case FilterResultMsg:
		t.applyFilter(msg)
	case FilterSlowMsg:
		if msg.Job == t.filter.pending {
			t.filter.slow = true
		}
	case SortReadyMsg:
		if msg.ix == t.ix && msg.sort == t.want {
			t.applySort(msg.sort)
		}
	case tea.KeyMsg:
		return t, t.onKey(msg)
	}
	return t, nil
}

func (t *Model) onKey(msg tea.KeyMsg) tea.Cmd {
	if cursor, ok := t.keys.Move(msg, t.cursor, t.visibleRows(), len(t.rows())-1); ok {
		if t.keys.Paged(msg) {
			t.offset += cursor - t.cursor // the view turns the page with the cursor
		}
		t.cursor = cursor
		t.clamp()
		return nil
	}
	switch {
	case key.Matches(msg, t.keys.Mark):
		t.ToggleMark()
	case key.Matches(msg, t.keys.MarkShown):
		t.MarkShown()
	case key.Matches(msg, t.keys.Unmark):
		t.ClearMarks()
	case key.Matches(msg, t.keys.Sort):
		return t.CycleSort()
	case key.Matches(msg, t.keys.Reverse):
		return t.SetSort(Sort{Key: t.want.Key, Reversed: !t.want.Reversed})
	}
	return nil
}

// SetIndex swaps in a freshly loaded index, keeping the filter, the sort,
// the marks of tokens that still exist and the selection when that token
// still exists.
func (t *Model) SetIndex(ix *Index) {
	var keepID string
	if tok, ok := t.Selected(); ok {
		keepID = RowKey(tok)
	}
	t.ix = ix
	t.sort = t.want // sorted now if BuildIndex was not asked to
	t.refilter()
	for id := range t.marks {
		if _, ok := ix.byID.index(id); !ok {
			delete(t.marks, id)
		}
	}
	t.marksChanged()
	t.relayout()
	if i, ok := ix.byID.index(keepID); ok && keepID != "" {
		t.cursorTo(i)
	}
	t.clamp()
}

// SetCatalog takes the provider's catalog, which decides some columns and
// their titles (nil: not loaded), and what its scope words mean to the
// filter.
func (t *Model) SetCatalog(cat *tokenfmt.Catalog) {
	t.cat = cat
	t.relayout()
	if t.ix != nil && t.filter.target() != "" {
		keep := t.selectedIndex()
		t.refilter()
		t.keepSelection(keep)
	}
}

// SetCapabilities takes what the provider reports (a Last used column
// only where it says when a token was last used).
func (t *Model) SetCapabilities(c client.Capabilities) {
	t.caps = c
	t.relayout()
}

// Snapshot is the list as it is now, nil before one has arrived. An Index
// is never changed once built (a revoke makes a new one), so it may be
// kept and read later, on any goroutine.
func (t *Model) Snapshot() *Index { return t.ix }

// Loaded reports whether a list has arrived.
func (t *Model) Loaded() bool { return t.ix != nil }

// Len is how many tokens the list holds (revoked ones gone), filtered or not.
func (t *Model) Len() int { return t.ix.Len() }

// Has reports whether the list holds a token with this row key (RowKey).
func (t *Model) Has(id string) bool {
	if t.ix == nil {
		return false
	}
	i, ok := t.ix.byID.index(id)
	return ok && !t.ix.gone[i]
}

// Remove drops revoked tokens, by row key, from the list, the view and
// the marks.
func (t *Model) Remove(ids []string) {
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
	t.marksChanged()
	t.refilter()
	if keep >= 0 && !ix.gone[keep] {
		t.cursorTo(keep)
	}
	t.clamp()
}

// refilter starts the filter over on the current index and order, with the
// query asked for last (a new list, sort or revoke must show its result in
// the same frame).
func (t *Model) refilter() {
	query := t.filter.target()
	t.filter.reset(t.ix.rowsIn(t.sort))
	if query != "" {
		t.filter.set(t.matcher(), query)
	}
}

// SetSize sets the inner size of the table and re-lays out the columns.
func (t *Model) SetSize(width, height int) {
	t.width, t.height = width, height
	t.relayout()
	t.clamp()
}

func (t *Model) relayout() {
	var f presentFields
	if t.ix != nil {
		f = t.ix.fields
	}
	t.cols = layoutColumns(t.width, f, t.cat, t.caps)
}
