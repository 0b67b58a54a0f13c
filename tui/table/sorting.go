package table

import (
	tea "github.com/charmbracelet/bubbletea"
)

// Sorting as the root sees it: s moves to the next column the provider's
// tokens have, S reverses the order. An order not sorted yet is sorted in a
// command (SortReadyMsg), so a key never waits for 100 000 tokens to sort;
// until it arrives the rows keep the order they had and the header says
// the new one is coming. The selection stays on its token.

// SortReadyMsg says an order has been sorted; the root hands it to Update.
type SortReadyMsg struct {
	ix   *Index
	sort Sort
}

// Sort is the order the rows are in.
func (t *Model) Sort() Sort { return t.sort }

// WantedSort is the order asked for last: the one the next list should be
// built with.
func (t *Model) WantedSort() Sort { return t.want }

// SortLabel is how the header names the order: "expires ↑", "last used ↓",
// with "…" while it is being sorted.
func (t *Model) SortLabel() string {
	label := t.sortName(t.want.Key) + " " + t.want.Arrow()
	if t.want != t.sort && t.ix != nil {
		label += " …"
	}
	return label
}

// sortName is the key's name as its column is titled, lower-cased.
func (t *Model) sortName(k SortKey) string {
	for _, c := range columnSpecs(t.fields(), t.cat, t.caps) {
		if c.id == sortColumns[k] {
			return lower(c.title)
		}
	}
	return lower(columnTitle(sortColumns[k], t.cat))
}

// cycleOrder is the order s visits the keys in: the questions asked most
// (what is it, when does it die, is it still used, how old is it) first.
var cycleOrder = []SortKey{SortByName, SortByProfile, SortByExpires, SortByLastUsed, SortByCreated,
	SortByRole, SortByEnvironment, SortByProjects, SortByScopes, SortByIPs, SortByID}

// CycleSort switches to the next key the tokens have, in its natural
// direction.
func (t *Model) CycleSort() tea.Cmd {
	keys := t.sortKeys()
	next := keys[0]
	for i, k := range keys {
		if k == t.want.Key {
			next = keys[(i+1)%len(keys)]
		}
	}
	return t.SetSort(Sort{Key: next})
}

// sortKeys are the keys of the columns this provider's tokens have,
// whether or not the terminal is wide enough to show them, in cycleOrder.
func (t *Model) sortKeys() []SortKey {
	have := map[SortKey]bool{}
	for _, c := range columnSpecs(t.fields(), t.cat, t.caps) {
		if k, ok := keyOf(c.id); ok {
			have[k] = true
		}
	}
	var out []SortKey
	for _, k := range cycleOrder {
		if have[k] {
			out = append(out, k)
		}
	}
	return out
}

// SetSort asks for order s: applied now when it is sorted already,
// otherwise the returned command sorts it off the Update path.
func (t *Model) SetSort(s Sort) tea.Cmd {
	t.want = s
	if t.ix == nil {
		t.sort = s
		return nil
	}
	if t.ix.sorts.ready(s.Key) {
		t.applySort(s)
		return nil
	}
	ix := t.ix
	return func() tea.Msg {
		ix.sorts.get(s.Key)
		return SortReadyMsg{ix: ix, sort: s}
	}
}

// SettleSort applies an order still being sorted now (tests; the
// program waits for its SortReadyMsg).
func (t *Model) SettleSort() {
	if t.want != t.sort {
		t.applySort(t.want)
	}
}

// applySort puts the rows in order s and re-applies the filter; the
// selection stays on its token.
func (t *Model) applySort(s Sort) {
	t.sort = s
	if t.ix == nil {
		return
	}
	keep := t.selectedIndex()
	t.refilter()
	if keep >= 0 {
		t.cursorTo(keep)
	}
	t.clamp()
}

func (t *Model) fields() presentFields {
	if t.ix == nil {
		return presentFields{}
	}
	return t.ix.fields
}
