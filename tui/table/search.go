package table

import (
	"slices"
	"strings"
)

// Searching the index: what a filter job runs, on any goroutine. Nothing
// here writes to the index; each computation borrows its own scratch.

// key is token i's lower-cased name and IPs (NUL-terminated fields).
func (ix *Index) key(i int32) string {
	return ix.haystack[ix.starts[i]:ix.starts[i+1]]
}

// matchFacets marks in hit the shared field sets containing q and returns
// how many did.
func (ix *Index) matchFacets(q string, hit []bool) int {
	n := 0
	for f, s := range ix.facets {
		hit[f] = strings.Contains(s, q)
		if hit[f] {
			n++
		}
	}
	return n
}

// couldBeID reports whether q can be the start of an ID: only if every byte
// of q occurs in some ID. IDs are hex (UUIDs, fingerprints), so a query
// with any other letter skips the ID pass entirely.
func (ix *Index) couldBeID(q string) bool {
	for i := 0; i < len(q); i++ {
		if !ix.idBytes[q[i]] {
			return false
		}
	}
	return true
}

// scan finds every live token matching q (lower-cased, non-empty) in the
// given order, which must hold every token that can match (the unfiltered
// order, or the matches of a query q extends). The result is a new slice:
// ix and order are only read, so scans may run concurrently.
func (ix *Index) scan(q string, order []int32) []int32 {
	sc := ix.scratch.Get().(*filterScratch)
	defer ix.scratch.Put(sc)
	mark, gone := sc.mark, ix.gone
	facets := ix.matchFacets(q, sc.facetHit)
	if facets > 0 && facets == len(ix.facets) {
		// Every shared set matches ("e", "read"): so does every token.
		for i := range mark {
			mark[i] = true
		}
	} else {
		// Names and IPs: the character mask rejects most tokens with one
		// AND; only the rest are searched. Storage order throughout, so
		// memory is read sequentially; the other fields are folded into
		// mark the same way, each case in its own tight loop.
		qm, exact := maskOf(q), exactMask(q)
		switch {
		case facets > 0: // a token whose shared set matched needs no search
			hit, of := sc.facetHit, ix.facetOf
			for i, m := range ix.masks {
				mark[i] = hit[of[i]] || m&qm == qm && (exact || strings.Contains(ix.key(int32(i)), q))
			}
		case exact:
			for i, m := range ix.masks {
				mark[i] = m&qm == qm
			}
		default:
			for i, m := range ix.masks {
				mark[i] = m&qm == qm && strings.Contains(ix.key(int32(i)), q)
			}
		}
		if ix.couldBeID(q) {
			for i, id := range ix.lowerIDs {
				mark[i] = mark[i] || strings.HasPrefix(id, q)
			}
		}
	}
	if ix.live != len(mark) {
		for i := range mark {
			mark[i] = mark[i] && !gone[i]
		}
	}
	// Count first, so the result is allocated once at its exact size: a
	// rare query at 100 000 tokens must not hold a 400 KB array.
	n := 0
	for _, m := range mark {
		if m {
			n++
		}
	}
	// The one pass in display order reads a byte per token.
	out := make([]int32, 0, n)
	for _, i := range order {
		if mark[i] {
			out = append(out, i)
		}
	}
	return out
}

// narrow is the candidates matching q, in their order, as a new slice.
func (ix *Index) narrow(q string, candidates []int32) []int32 {
	sc := ix.scratch.Get().(*filterScratch)
	defer ix.scratch.Put(sc)
	hit := sc.facetHit
	facets, ids := ix.matchFacets(q, hit) > 0, ix.couldBeID(q)
	qm, exact := maskOf(q), exactMask(q)
	var out []int32
	for _, i := range candidates {
		if facets && hit[ix.facetOf[i]] ||
			ix.masks[i]&qm == qm && (exact || strings.Contains(ix.key(i), q)) ||
			ids && strings.HasPrefix(ix.lowerIDs[i], q) {
			out = append(out, i)
		}
	}
	return slices.Clip(out)
}
