package tui

import (
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
}

type filterLevel struct {
	query   string
	matches []int32
}

// narrowLimit: above this share of all tokens, checking candidates one by
// one costs more than one pass of strings.Index over the whole haystack.
const narrowLimit = 8 // 1/8 of the tokens

// normalizeQuery is how a typed query is compared with the search keys.
func normalizeQuery(q string) string {
	return strings.ToLower(strings.TrimSpace(client.Sanitize(q)))
}

// reset starts over from an unfiltered order (new index or new sort).
func (f *filterState) reset(order []int32) {
	f.levels = append(f.levels[:0], filterLevel{matches: order})
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
		f.levels = f.levels[:len(f.levels)-1]
	}
	top := f.levels[len(f.levels)-1]
	if top.query == q {
		return
	}
	var m []int32
	if len(f.levels) == 1 || len(top.matches) > ix.len()/narrowLimit {
		m = ix.scan(q, top.matches)
	} else {
		m = ix.narrow(q, top.matches)
	}
	f.levels = append(f.levels, filterLevel{query: q, matches: m})
}
