package table

import (
	"slices"

	"github.com/tokentui/tokentui/client"
)

// Marks pick tokens for a bulk revoke. They are kept by token ID, so they
// survive a refresh, a filter and a sort; a mark hidden by a filter still
// counts.

// ToggleMark marks the selected token, or unmarks it, and moves on to the
// next row, like a file manager.
func (t *Model) ToggleMark() {
	if tok, ok := t.Selected(); ok {
		if t.marks[tok.ID] {
			delete(t.marks, tok.ID)
		} else {
			t.marks[tok.ID] = true
		}
		t.cursor++
	}
	t.clamp()
}

// Marked are the marked tokens still in the list, in the current order
// unfiltered. It costs what the marks do, not what the list does: each
// marked token is found by its ID and they are put in order by their ranks
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

// IsMarked reports whether the token with id is marked.
func (t *Model) IsMarked(id string) bool { return t.marks[id] }

// ClearMarks unmarks every token.
func (t *Model) ClearMarks() { clear(t.marks) }
