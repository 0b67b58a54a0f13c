package tui

import (
	"slices"
	"strings"
	"sync"

	"github.com/tokentui/tokentui/client"
)

// tokenIndex is an immutable-after-build view of one List result, shaped so
// that filtering and sorting never touch the tokens themselves. A token's
// searchable text is split three ways by how it behaves at scale:
//
//   - what is unique per token (name, allowed IPs), lower-cased, lives in
//     ONE string, NUL-separated: a full filter pass is a few SIMD
//     strings.Index calls over contiguous memory, not 100 000 Contains calls;
//   - what tokens share (scopes, role, projects, environment) is interned:
//     a query is matched against each distinct combination once (a handful,
//     where a token list has thousands), then looked up per token;
//   - the ID matches by prefix only, and only when the query could be part
//     of one: a name fragment like "ace" must not match random tokens whose
//     UUID happens to contain it, and the short ID on screen is a prefix.
//
// The three sort orders are precomputed index slices, so `s` never sorts.
// It is built inside the List command, off the Update goroutine, and never
// changes after that: filter commands read it from other goroutines while
// Update runs. A revoke makes a new index (without) sharing what did not
// change.
type tokenIndex struct {
	tokens   []client.Token
	haystack string     // lower-cased name and IPs per token, each field ending in NUL
	starts   []int32    // token i's part is haystack[starts[i]:starts[i+1]]
	masks    []charMask // characters of token i's part, to skip searching it
	lowerIDs []string
	facets   []string // distinct lower-cased scope/role/project/environment sets
	facetOf  []int32  // token -> index into facets
	orders   [sortKeys][]int32
	// ranks[k][i] is token i's position in the built orders[k]: rows in
	// order k are ascending in it (removing tokens keeps that), so a
	// token's row is found by binary search, not a scan of 100 000 rows.
	ranks   [sortKeys][]int32
	byID    map[string]int32
	gone    []bool // tombstones: revoked since the build
	live    int
	fields  presentFields
	idBytes [256]bool // every byte that occurs in some lower-cased ID
	// scratch hands each filter computation its own buffers: several may
	// run at once (one per keystroke typed faster than they finish).
	scratch *sync.Pool
}

// filterScratch is one computation's working memory.
type filterScratch struct {
	mark     []bool // per token: matches the query
	facetHit []bool // per facet: contains the query
}

// presentFields records which optional fields any token uses, so the table
// shows a Role or Projects column only for providers that have them.
type presentFields struct {
	scopes, role, projects, environment, allowedIPs, secret, lastUsed, createdBy, owner bool
}

// sortKey is the table order `s` cycles through.
type sortKey int

const (
	sortByName sortKey = iota
	sortByCreated
	sortByExpires
	sortKeys // count
)

func (k sortKey) String() string {
	switch k {
	case sortByCreated:
		return "created ↓"
	case sortByExpires:
		return "expires ↑"
	}
	return "name ↑"
}

// buildIndex sanitises the tokens (again: cheap when already clean, and the
// table must never draw an escape sequence whatever a provider did) and
// builds the search keys and sort orders.
func buildIndex(tokens []client.Token) *tokenIndex {
	n := len(tokens)
	ix := &tokenIndex{
		tokens:   tokens,
		starts:   make([]int32, n+1),
		masks:    make([]charMask, n),
		lowerIDs: make([]string, n),
		facetOf:  make([]int32, n),
		byID:     make(map[string]int32, n),
		gone:     make([]bool, n),
		live:     n,
	}
	var hay, facet strings.Builder
	facetIDs := map[string]int32{}
	for i := range tokens {
		t := &tokens[i]
		sanitizeToken(t)
		ix.fields.note(t)
		ix.byID[t.ID] = int32(i)
		ix.lowerIDs[i] = strings.ToLower(t.ID)
		for j := 0; j < len(ix.lowerIDs[i]); j++ {
			ix.idBytes[ix.lowerIDs[i][j]] = true
		}
		ix.starts[i] = int32(hay.Len())
		writeField(&hay, t.Name)
		for _, ip := range t.AllowedIPs {
			writeField(&hay, ip)
		}
		facet.Reset()
		writeFacet(&facet, t)
		f, ok := facetIDs[facet.String()]
		if !ok {
			f = int32(len(ix.facets))
			ix.facets = append(ix.facets, facet.String())
			facetIDs[facet.String()] = f
		}
		ix.facetOf[i] = f
	}
	ix.starts[n] = int32(hay.Len())
	ix.haystack = hay.String()
	for i := range ix.masks {
		ix.masks[i] = maskOf(ix.key(int32(i)))
	}
	nFacets := len(ix.facets)
	ix.scratch = &sync.Pool{New: func() any {
		return &filterScratch{mark: make([]bool, n), facetHit: make([]bool, nFacets)}
	}}
	// The lower-cased name is the first field of each token's part: sort on
	// views of the haystack instead of lower-casing every name again.
	lowerNames := make([]string, n)
	for i := range lowerNames {
		k := ix.key(int32(i))
		lowerNames[i] = k[:strings.IndexByte(k, 0)]
	}
	base := make([]int32, n)
	for i := range base {
		base[i] = int32(i)
	}
	// Every order ends on name, then ID, which is unique: the unstable
	// (faster) sort still gives one order for one list. (No cmp.Or: it
	// would evaluate every comparison every time.)
	nameThenID := func(a, b int32) int {
		if c := naturalCompare(lowerNames[a], lowerNames[b]); c != 0 {
			return c
		}
		return strings.Compare(tokens[a].ID, tokens[b].ID)
	}
	byName := slices.Clone(base)
	slices.SortFunc(byName, nameThenID)
	byCreated := slices.Clone(base)
	slices.SortFunc(byCreated, func(a, b int32) int {
		if c := tokens[b].CreatedAt.Compare(tokens[a].CreatedAt); c != 0 {
			return c
		}
		return nameThenID(a, b)
	})
	byExpires := base
	slices.SortFunc(byExpires, func(a, b int32) int {
		ta, tb := &tokens[a], &tokens[b]
		switch {
		case ta.Expires() != tb.Expires(): // never-expiring ones last
			if ta.Expires() {
				return -1
			}
			return 1
		}
		if c := ta.ExpiresAt.Compare(tb.ExpiresAt); c != 0 {
			return c
		}
		return nameThenID(a, b)
	})
	ix.orders = [sortKeys][]int32{byName, byCreated, byExpires}
	for k, order := range ix.orders {
		rank := make([]int32, n)
		for pos, i := range order {
			rank[i] = int32(pos)
		}
		ix.ranks[k] = rank
	}
	return ix
}

// writeField appends one lower-cased field and its NUL terminator. Fields
// are NUL-separated so a query never matches across two of them; a query
// cannot contain NUL (it is sanitised).
func writeField(b *strings.Builder, s string) {
	b.WriteString(strings.ToLower(s))
	b.WriteByte(0)
}

// writeFacet writes the fields tokens tend to share.
func writeFacet(b *strings.Builder, t *client.Token) {
	for _, s := range t.Scopes {
		writeField(b, s)
	}
	if t.Role != "" {
		writeField(b, t.Role)
	}
	for _, s := range t.Projects {
		writeField(b, s)
	}
	if t.Environment != "" {
		writeField(b, t.Environment)
	}
	if t.Owner != "" { // a service account's tokens share it: filter by it
		writeField(b, t.Owner)
	}
}

// sanitizeToken strips escape sequences from every string of t.
func sanitizeToken(t *client.Token) {
	t.ID = client.Sanitize(t.ID)
	t.Name = client.Sanitize(t.Name)
	t.Role = client.Sanitize(t.Role)
	t.Environment = client.Sanitize(t.Environment)
	t.CreatedBy = client.Sanitize(t.CreatedBy)
	t.Secret = client.Sanitize(t.Secret)
	t.SecretNote = client.Sanitize(t.SecretNote)
	t.Owner = client.Sanitize(t.Owner)
	t.Scopes = sanitizeList(t.Scopes)
	t.AllowedIPs = sanitizeList(t.AllowedIPs)
	t.Projects = sanitizeList(t.Projects)
}

// sanitizeList sanitises a slice without writing into the caller's backing
// array unless something actually changes (a provider may share slices
// between tokens, like the emulator's scope presets).
func sanitizeList(ss []string) []string {
	for i, s := range ss {
		if c := client.Sanitize(s); c != s {
			out := slices.Clone(ss)
			for j := i; j < len(out); j++ {
				out[j] = client.Sanitize(out[j])
			}
			return out
		}
	}
	return ss
}

func (f *presentFields) note(t *client.Token) {
	f.scopes = f.scopes || len(t.Scopes) > 0
	f.role = f.role || t.Role != ""
	f.projects = f.projects || len(t.Projects) > 0
	f.environment = f.environment || t.Environment != ""
	f.allowedIPs = f.allowedIPs || len(t.AllowedIPs) > 0
	f.secret = f.secret || t.Secret != "" || t.SecretNote != ""
	f.lastUsed = f.lastUsed || !t.LastUsedAt.IsZero()
	f.createdBy = f.createdBy || t.CreatedBy != ""
	f.owner = f.owner || t.Owner != ""
}

// len is the number of tokens not revoked since the build.
func (ix *tokenIndex) len() int {
	if ix == nil {
		return 0
	}
	return ix.live
}

// order is the live tokens in the given order, as storage indices.
func (ix *tokenIndex) order(k sortKey) []int32 { return ix.orders[k] }

// without is the index minus the tokens with these IDs (tombstoned, and
// dropped from the sort orders without a re-sort), and how many it removed.
// ix itself is left as it was: a filter command may be reading it.
func (ix *tokenIndex) without(ids []string) (*tokenIndex, int) {
	var gone []bool
	removed := 0
	for _, id := range ids {
		i, ok := ix.byID[id]
		if !ok || ix.gone[i] || gone != nil && gone[i] {
			continue
		}
		if gone == nil {
			gone = slices.Clone(ix.gone)
		}
		gone[i] = true
		removed++
	}
	if removed == 0 {
		return ix, 0
	}
	next := *ix
	next.gone = gone
	next.live -= removed
	for k := range next.orders {
		next.orders[k] = slices.DeleteFunc(slices.Clone(ix.orders[k]), func(i int32) bool { return gone[i] })
	}
	return &next, removed
}

// position is where storage index i sits in rows, a subsequence of order
// k, or -1: a binary search on the ranks.
func (ix *tokenIndex) position(k sortKey, rows []int32, i int32) int {
	rank := ix.ranks[k]
	if int(i) >= len(rank) {
		return -1
	}
	want := rank[i]
	pos, _ := slices.BinarySearchFunc(rows, want, func(r, w int32) int { return int(rank[r] - w) })
	if pos < len(rows) && rows[pos] == i {
		return pos
	}
	return -1
}

// key is token i's lower-cased name and IPs (NUL-terminated fields).
func (ix *tokenIndex) key(i int32) string {
	return ix.haystack[ix.starts[i]:ix.starts[i+1]]
}

// matchFacets marks in hit the shared field sets containing q and returns
// how many did.
func (ix *tokenIndex) matchFacets(q string, hit []bool) int {
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
func (ix *tokenIndex) couldBeID(q string) bool {
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
func (ix *tokenIndex) scan(q string, order []int32) []int32 {
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
func (ix *tokenIndex) narrow(q string, candidates []int32) []int32 {
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
