package table

import (
	"bytes"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/internal/textsort"
)

// BuildIndex sanitises the tokens (again: cheap when already clean, and the
// table must never draw an escape sequence whatever a provider did) and
// builds the search keys, the name order and the orders of keys (the one
// on screen). It runs in the List command.
//
// It runs on every core: the list is cut into runs of tokens, and each run
// is sanitised and gets its part of the haystack, its masks, lower-cased
// IDs, facets and name keys on whichever core is free (buildPart); the
// parts are then joined in order, the IDs mapped on one core while the
// names are sorted on the others.
func BuildIndex(tokens []client.Token, keys ...SortKey) *Index {
	n := len(tokens)
	ix := &Index{
		tokens:   tokens,
		starts:   make([]int32, n+1),
		masks:    make([]charMask, n),
		lowerIDs: make([]string, n),
		rowKeys:  make([]string, n),
		facetOf:  make([]int32, n),
		gone:     make([]bool, n),
		live:     n,
	}
	parts := ix.buildParts()
	ids := make(chan struct{})
	go func() {
		ix.mapIDs()
		close(ids)
	}()
	nameKeys := ix.joinParts(parts)
	nFacets := len(ix.facets)
	ix.scratch = &sync.Pool{New: func() any {
		return &filterScratch{mark: make([]bool, n), facetHit: make([]bool, nFacets)}
	}}
	ix.sorts, ix.lives, ix.derived = &sortCache{ix: ix}, &liveOrders{}, &derivedCache{}
	ix.sorts.put(SortByName, orderNames(nameKeys, tokens))
	<-ids
	for _, k := range keys {
		ix.sorts.get(k)
	}
	return ix
}

// partTokens is how many tokens a part holds.
const partTokens = 2048

// indexPart is what one run of tokens, [from, to), adds to the index: its
// stretch of the haystack (each token's offsets in starts, from 0), the
// name keys of the name order, and its facets, numbered from 0 in the
// order met (each token's number in facetOf).
type indexPart struct {
	from, to int
	hay      strings.Builder
	keys     strings.Builder
	keyEnds  []int
	facets   []string
	facetRep []int32 // facet -> the first token with it
	fields   presentFields
	idBytes  [256]bool
}

// buildParts builds every part, on every core.
func (ix *Index) buildParts() []*indexPart {
	n := len(ix.tokens)
	parts := make([]*indexPart, (n+partTokens-1)/partTokens)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(parts)) {
		wg.Go(func() {
			for p := int(next.Add(1) - 1); p < len(parts); p = int(next.Add(1) - 1) {
				part := &indexPart{from: p * partTokens, to: min(n, (p+1)*partTokens)}
				ix.buildPart(part)
				parts[p] = part
			}
		})
	}
	wg.Wait()
	return parts
}

// buildPart sanitises a part's tokens and records what searching needs of
// each: its ID, its stretch of the haystack with that stretch's mask, its
// facet and its name key. A token's facet is written into one reused
// buffer and looked up without a copy: only the few distinct facets are
// kept as strings.
func (ix *Index) buildPart(p *indexPart) {
	p.hay.Grow((p.to - p.from) * 32)
	p.keys.Grow((p.to - p.from) * 24)
	p.keyEnds = make([]int, 0, p.to-p.from)
	var facet bytes.Buffer
	facetIDs, same, clean := map[string]int32{}, map[facetKey]int32{}, cleanLists{}
	for i := p.from; i < p.to; i++ {
		t := &ix.tokens[i]
		sanitizeToken(t, clean)
		p.fields.note(t)
		lower := textsort.Lower(t.ID)
		ix.lowerIDs[i] = lower
		for j := 0; j < len(lower); j++ {
			p.idBytes[lower[j]] = true
		}
		start := p.hay.Len()
		ix.starts[i] = int32(start)
		name := textsort.Lower(t.Name)
		writeField(&p.hay, name)
		for _, ip := range t.AllowedIPs {
			writeField(&p.hay, ip)
		}
		ix.masks[i] = maskOf(p.hay.String()[start:])
		appendNaturalKey(&p.keys, name)
		p.keyEnds = append(p.keyEnds, p.keys.Len())
		key := facetKeyOf(t)
		id, ok := same[key]
		if !ok {
			facet.Reset()
			writeFacet(&facet, t)
			id = p.internFacet(facetIDs, facet.Bytes(), int32(i))
			same[key] = id
		}
		ix.facetOf[i] = id
	}
}

// facetKey is what a token's facet is made of, the lists by identity:
// tokens that share their scope list (a GoodAccess list's are decoded once
// for all that have them) and the rest have the same facet, found without
// writing it again, lower-casing each of a dozen scopes.
type facetKey struct {
	scopes, projects                      *string
	nScopes, nProjects                    int
	role, environment, by, owner, profile string
}

func facetKeyOf(t *client.Token) facetKey {
	return facetKey{unsafe.SliceData(t.Scopes), unsafe.SliceData(t.Projects), len(t.Scopes), len(t.Projects), t.Role, t.Environment, t.CreatedBy, t.Owner, t.Profile}
}

// internFacet is the part's number of facet f, stored once however many
// of its tokens share it; ids maps the facets seen so far to theirs; token
// i has it.
func (p *indexPart) internFacet(ids map[string]int32, f []byte, i int32) int32 {
	id, ok := ids[string(f)] // no allocation for the lookup
	if !ok {
		id = int32(len(p.facets))
		p.facets = append(p.facets, string(f))
		p.facetRep = append(p.facetRep, i)
		ids[p.facets[id]] = id
	}
	return id
}

// joinParts joins the parts in order: one haystack (each token's offsets
// moved to where its part landed), the names as views of it, the facets
// numbered over the whole list in the order met, the fields and ID bytes
// of all. It returns every token's name key.
func (ix *Index) joinParts(parts []*indexPart) []string {
	size := 0
	for _, p := range parts {
		size += p.hay.Len()
	}
	var hay strings.Builder
	hay.Grow(size)
	facetIDs := map[string]int32{}
	nameKeys := make([]string, len(ix.tokens))
	for _, p := range parts {
		offset := int32(hay.Len())
		hay.WriteString(p.hay.String())
		global := make([]int32, len(p.facets))
		for l, f := range p.facets {
			global[l] = ix.internFacet(facetIDs, f, p.facetRep[l])
		}
		keys, start := p.keys.String(), 0
		for i := p.from; i < p.to; i++ {
			ix.starts[i] += offset
			ix.facetOf[i] = global[ix.facetOf[i]]
			nameKeys[i], start = keys[start:p.keyEnds[i-p.from]], p.keyEnds[i-p.from]
		}
		ix.fields.or(p.fields)
		for c, used := range p.idBytes {
			ix.idBytes[c] = ix.idBytes[c] || used
		}
	}
	ix.starts[len(ix.tokens)] = int32(hay.Len())
	ix.haystack = hay.String()
	ix.names = make([]string, len(ix.tokens))
	for i := range ix.names {
		k := ix.key(int32(i))
		ix.names[i] = k[:strings.IndexByte(k, 0)]
	}
	return nameKeys
}

// internFacet is the number of facet f over the whole list, first met at
// token i.
func (ix *Index) internFacet(ids map[string]int32, f string, i int32) int32 {
	id, ok := ids[f]
	if !ok {
		id = int32(len(ix.facets))
		ix.facets = append(ix.facets, f)
		ix.facetRep = append(ix.facetRep, i)
		ids[f] = id
	}
	return id
}

// mapIDs maps each row key (RowKey: the ID, or profile and ID) to its
// token, records the tokens of a key a server sent more than once
// (findSameIDs), and counts the profiles the tokens are on.
func (ix *Index) mapIDs() {
	profiles, last := map[string]bool{}, ""
	for i := range ix.tokens {
		t := &ix.tokens[i]
		ix.rowKeys[i] = RowKey(t)
		if t.Profile != "" && t.Profile != last { // merged lists come profile by profile
			profiles[t.Profile], last = true, t.Profile
		}
	}
	ix.profiles = len(profiles)
	ix.byID = newIDTable(ix.rowKeys) // the last of a key a server sent twice
	if ix.byID.count < len(ix.tokens) {
		ix.findSameIDs()
	}
}
