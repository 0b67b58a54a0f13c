package table

import (
	"slices"

	"github.com/tokentui/tokentui/client"
)

// Marks pick tokens for a bulk revoke. They are kept by row key (RowKey:
// the token ID, with its profile in an all-profiles table), so they
// survive a refresh, a filter and a sort; a mark hidden by a filter still
// counts, and MarkedHidden says how many that is, so nobody revokes a token
// they cannot see without being told.

// ToggleMark marks the selected token, or unmarks it, and moves on to the
// next row, like a file manager.
func (t *Model) ToggleMark() {
	if tok, ok := t.Selected(); ok {
		if key := RowKey(tok); t.marks[key] {
			delete(t.marks, key)
		} else {
			t.marks[key] = true
		}
		t.marksChanged()
		t.cursor++
	}
	t.clamp()
}

// MarkShown marks every row the table shows (the filter's matches) and
// returns how many it added.
func (t *Model) MarkShown() int {
	added := 0
	for _, i := range t.rows() {
		if key := t.ix.rowKeys[i]; !t.marks[key] {
			t.marks[key] = true
			added++
		}
	}
	t.marksChanged()
	return added
}

// IsShown reports whether the token with this row key is among the rows
// shown.
func (t *Model) IsShown(id string) bool {
	if t.ix == nil {
		return false
	}
	i, ok := t.ix.byID.index(id)
	return ok && !t.ix.gone[i] && t.ix.position(t.sort, t.rows(), i) >= 0
}

// MarkedHidden is how many marked tokens the filter hides. It is counted
// once per change of the marks or the rows, not per frame: the cheaper of
// looking each mark up in the rows or each row up in the marks.
func (t *Model) MarkedHidden() int {
	rows := t.rows()
	c := t.hidden
	if c == nil || t.ix == nil || len(t.marks) == 0 {
		return 0
	}
	if c.version == t.markVersion && sameSlice(c.rows, rows) && c.ix == t.ix {
		return c.count
	}
	shown := 0
	if len(t.marks) < len(rows)/8 {
		for id := range t.marks {
			if i, ok := t.ix.byID.index(id); ok && !t.ix.gone[i] && t.ix.position(t.sort, rows, i) >= 0 {
				shown++
			}
		}
	} else {
		for _, i := range rows {
			if t.marks[t.ix.rowKeys[i]] {
				shown++
			}
		}
	}
	*c = hiddenCount{ix: t.ix, rows: rows, version: t.markVersion, count: len(t.marks) - shown}
	return c.count
}

// hiddenCount caches MarkedHidden for one index, one rows slice and one
// version of the marks. It sits behind a pointer so that the copies of the
// model Bubble Tea passes around share it.
type hiddenCount struct {
	ix      *Index
	rows    []int32
	version int
	count   int
}

// sameSlice reports whether a and b are the same slice (not equal ones).
func sameSlice(a, b []int32) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// marksChanged invalidates what was counted about the marks.
func (t *Model) marksChanged() { t.markVersion++ }

// Marked are the marked tokens still in the list, in the current order
// unfiltered. It costs what the marks do, not what the list does: each
// marked token is found by its row key and they are put in order by their ranks
// in it, so marking three tokens among 100 000 and pressing x reads three.
func (t *Model) Marked() []client.Token {
	if t.ix == nil || len(t.marks) == 0 {
		return nil
	}
	var found []int32
	for id := range t.marks {
		for _, i := range t.ix.withID(id) {
			if !t.ix.gone[i] {
				found = append(found, i)
			}
		}
	}
	_, rank := t.ix.sorts.get(t.sort.Key) // sorted already: it is on screen
	slices.SortFunc(found, func(a, b int32) int { return cmpInt(int(rank[a]), int(rank[b])) })
	if t.sort.Reversed {
		slices.Reverse(found)
	}
	out := make([]client.Token, len(found))
	for j, i := range found {
		out[j] = t.ix.tokens[i]
	}
	return out
}

// MarkCount is how many tokens are marked.
func (t *Model) MarkCount() int { return len(t.marks) }

// IsMarked reports whether the token with this row key is marked.
func (t *Model) IsMarked(id string) bool { return t.marks[id] }

// ClearMarks unmarks every token, hidden ones included.
func (t *Model) ClearMarks() {
	clear(t.marks)
	t.marksChanged()
}
