package table

import (
	"net/netip"
	"strings"
	"sync"

	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// derivedCache is what a filter needs of a list beyond its search keys,
// made the first time a filter asks (in its command, off the Update path)
// and shared by the index and the ones `without` derives from it.
type derivedCache struct {
	mu       sync.Mutex
	catKey   any      // the catalog, or the profiles, catWords were made with
	catWords []string // per facet: the catalog's words for its scopes, NUL-terminated

	profs     *profileSet
	profWords []string // per facet: its profile's label (profileWords)

	netsOnce sync.Once
	nets     []netip.Prefix // every token's allowed ranges, parsed
	netStart []int32        // token i's are nets[netStart[i]:netStart[i+1]]
}

// catalogWords are, per facet, the words the Scopes column says of its
// scopes with this catalog (groups, "all", presets; tokenfmt.ScopeWords),
// or in an all-profiles table with its profile's, lower-cased, each
// ending in NUL. Made once per catalog: facets are few where tokens are
// many (and a facet holds one profile).
func (ix *Index) catalogWords(cat *tokenfmt.Catalog, ps *profileSet) []string {
	if cat == nil || !cat.HasScopes() {
		return nil
	}
	var key any = cat
	if ps != nil {
		key = ps
	}
	d := ix.derived
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.catKey == key {
		return d.catWords
	}
	words := make([]string, len(ix.facets))
	var b strings.Builder
	for f, rep := range ix.facetRep {
		b.Reset()
		tok := &ix.tokens[rep]
		for _, w := range tokenfmt.ScopeWords(tok.Scopes, ps.catalogOf(tok, cat)) {
			writeField(&b, w)
		}
		words[f] = b.String()
	}
	d.catKey, d.catWords = key, words
	return words
}

// ranges are the parsed allowed ranges of every token (an address is a
// range of one), for "which tokens allow this address".
func (ix *Index) ranges() (nets []netip.Prefix, start []int32) {
	d := ix.derived
	d.netsOnce.Do(func() {
		d.netStart = make([]int32, len(ix.tokens)+1)
		for i := range ix.tokens {
			d.netStart[i] = int32(len(d.nets))
			for _, s := range ix.tokens[i].AllowedIPs {
				if p, ok := parseAddr(strings.TrimSpace(s)); ok {
					d.nets = append(d.nets, p)
				}
			}
		}
		d.netStart[len(ix.tokens)] = int32(len(d.nets))
	})
	return d.nets, d.netStart
}

// allows reports whether one of token i's ranges holds all of p.
func allows(nets []netip.Prefix, start []int32, i int32, p netip.Prefix) bool {
	for _, n := range nets[start[i]:start[i+1]] {
		if n.Addr().Is4() == p.Addr().Is4() && n.Bits() <= p.Bits() && n.Contains(p.Addr()) {
			return true
		}
	}
	return false
}
