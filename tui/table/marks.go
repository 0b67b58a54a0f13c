package table

import "github.com/tokentui/tokentui/client"

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
// unfiltered.
func (t *Model) Marked() []client.Token {
	if t.ix == nil || len(t.marks) == 0 {
		return nil
	}
	var out []client.Token
	for _, i := range t.ix.rowsIn(t.sort) {
		if tok := t.ix.tokens[i]; t.marks[tok.ID] {
			out = append(out, tok)
		}
	}
	return out
}

// MarkCount is how many tokens are marked.
func (t *Model) MarkCount() int { return len(t.marks) }

// IsMarked reports whether the token with id is marked.
func (t *Model) IsMarked(id string) bool { return t.marks[id] }

// ClearMarks unmarks every token.
func (t *Model) ClearMarks() { clear(t.marks) }
