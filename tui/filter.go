package tui

import (
	"slices"
	"strings"

	"github.com/tokentui/tokentui/client"
)

// filterState keeps the matches of every prefix of the current query, so
// typing narrows what the previous keystroke matched (a query that extends
// another can only match fewer tokens) and backspace pops back to a result
// it already has instead of scanning again.
//
// levels[0] is the unfiltered order; each later level's query extends the
// one before it; the last level is what the table shows.
type filterState struct {
	levels []filterLevel
	// spare holds the buffers of levels that were popped, so typing and
	// deleting does not allocate (and collect) a 400 KB slice per key at
	// 100 000 tokens. Level 0 is the index's own order and never lands here.
	spare [][]int32
}

// maxSpare bounds the buffers kept for reuse.
const maxSpare = 4

type filterLevel struct {
	query   string
	matches []int32
}

// narrowLimit: above this share of all tokens, checking candidates one by
// one (random access, in display order) costs more than one sequential pass
// over every token.
const narrowLimit = 4 // 1/4 of the tokens

// normalizeQuery is how a typed query is compared with the search keys.
func normalizeQuery(q string) string {
	return strings.ToLower(strings.TrimSpace(client.Sanitize(q)))
}

// reset starts over from an unfiltered order (new index or new sort).
func (f *filterState) reset(order []int32) {
	for len(f.levels) > 1 {
		f.pop()
	}
	f.levels = append(f.levels[:0], filterLevel{matches: order})
}

// pop drops the last level (never level 0) and keeps its buffer.
func (f *filterState) pop() {
	last := f.levels[len(f.levels)-1]
	f.levels = f.levels[:len(f.levels)-1]
	f.release(last.matches)
}

func (f *filterState) release(buf []int32) {
	if cap(buf) > 0 && len(f.spare) < maxSpare {
		f.spare = append(f.spare, buf[:0])
	}
}

// buffer returns an empty slice with room for n, reusing a spare one.
func (f *filterState) buffer(n int) []int32 {
	for i, b := range f.spare {
		if cap(b) >= n {
			f.spare = append(f.spare[:i], f.spare[i+1:]...)
			return b
		}
	}
	return make([]int32, 0, n)
}

// query is the current normalised query.
func (f *filterState) query() string {
	if len(f.levels) == 0 {
		return ""
	}
	return f.levels[len(f.levels)-1].query
}

// matches is the current result, as storage indices in table order.
func (f *filterState) matches() []int32 {
	if len(f.levels) == 0 {
		return nil
	}
	return f.levels[len(f.levels)-1].matches
}

// set applies a new (raw) query against ix. It never rescans for a query it
// already has a level for.
func (f *filterState) set(ix *tokenIndex, raw string) {
	q := normalizeQuery(raw)
	for len(f.levels) > 1 && !strings.HasPrefix(q, f.levels[len(f.levels)-1].query) {
		f.pop()
	}
	top := f.levels[len(f.levels)-1]
	if top.query == q {
		return
	}
	buf := f.buffer(len(top.matches))
	var m []int32
	if len(f.levels) == 1 || len(top.matches) > ix.len()/narrowLimit {
		m = ix.scan(q, top.matches, buf)
	} else {
		m = ix.narrow(q, top.matches, buf)
	}
	if len(m) < cap(m)/4 && cap(m) > 1024 {
		// A small result in a big buffer: keep a right-sized copy, so a
		// stack of levels never pins several big half-empty arrays.
		small := slices.Clone(m)
		f.release(m)
		m = small
	}
	f.levels = append(f.levels, filterLevel{query: q, matches: m})
}
