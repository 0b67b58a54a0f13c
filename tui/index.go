package tui

import (
	"cmp"
	"slices"
	"strings"

	"github.com/tokentui/tokentui/client"
)

// tokenIndex is an immutable-after-build view of one List result, shaped so
// that filtering and sorting never touch the tokens themselves:
//
//   - every token's searchable text (name, id, scopes, IPs, role, projects,
//     environment), lower-cased, lives in ONE string, separated by NULs;
//     a full filter pass is then a handful of SIMD strings.Index calls over
//     contiguous memory instead of 100 000 small Contains calls;
//   - the three sort orders are precomputed index slices, so `s` is O(n)
//     and never re-sorts.
//
// It is built inside the List command, off the Update goroutine. The only
// mutation after that is remove (tombstones), done in Update after a revoke.
type tokenIndex struct {
	tokens   []client.Token
	haystack string  // lower-cased search keys, one per token, each ending in NUL
	starts   []int32 // key i is haystack[starts[i]:starts[i+1]]
	orders   [sortKeys][]int32
	byID     map[string]int32
	gone     []bool // tombstones: revoked since the build
	live     int
	fields   presentFields
	mark     []bool // scratch for full scans; reused, never shared
}

// presentFields records which optional fields any token uses, so the table
// shows a Role or Projects column only for providers that have them.
type presentFields struct {
	scopes, role, projects, environment, allowedIPs, secret, lastUsed, createdBy bool
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
		tokens: tokens,
		starts: make([]int32, n+1),
		byID:   make(map[string]int32, n),
		gone:   make([]bool, n),
		mark:   make([]bool, n),
		live:   n,
	}
	var hay strings.Builder
	for i := range tokens {
		t := &tokens[i]
		sanitizeToken(t)
		ix.fields.note(t)
		ix.byID[t.ID] = int32(i)
		ix.starts[i] = int32(hay.Len())
		writeKey(&hay, t)
	}
	ix.starts[n] = int32(hay.Len())
	ix.haystack = hay.String()
	// The lower-cased name is the first field of each key: sort on views of
	// the haystack instead of lower-casing every name again.
	lowerNames := make([]string, n)
	for i := range lowerNames {
		k := ix.key(int32(i))
		lowerNames[i] = k[:strings.IndexByte(k, 0)]
	}
	base := make([]int32, n)
	for i := range base {
		base[i] = int32(i)
	}
	byName := slices.Clone(base)
	slices.SortStableFunc(byName, func(a, b int32) int {
		return cmp.Or(strings.Compare(lowerNames[a], lowerNames[b]), strings.Compare(tokens[a].ID, tokens[b].ID))
	})
	byCreated := slices.Clone(base)
	slices.SortStableFunc(byCreated, func(a, b int32) int {
		return cmp.Or(tokens[b].CreatedAt.Compare(tokens[a].CreatedAt), strings.Compare(lowerNames[a], lowerNames[b]))
	})
	byExpires := base
	slices.SortStableFunc(byExpires, func(a, b int32) int {
		ta, tb := &tokens[a], &tokens[b]
		switch {
		case ta.Expires() != tb.Expires(): // never-expiring ones last
			if ta.Expires() {
				return -1
			}
			return 1
		}
		return cmp.Or(ta.ExpiresAt.Compare(tb.ExpiresAt), strings.Compare(lowerNames[a], lowerNames[b]))
	})
	ix.orders = [sortKeys][]int32{byName, byCreated, byExpires}
	return ix
}

// writeKey appends a token's lower-cased search key. Fields are separated by
// NUL so a query never matches across two fields; a query cannot contain NUL
// (it is sanitised).
func writeKey(b *strings.Builder, t *client.Token) {
	field := func(s string) {
		b.WriteString(strings.ToLower(s))
		b.WriteByte(0)
	}
	field(t.Name)
	field(t.ID)
	for _, s := range t.Scopes {
		field(s)
	}
	for _, s := range t.AllowedIPs {
		field(s)
	}
	if t.Role != "" {
		field(t.Role)
	}
	for _, s := range t.Projects {
		field(s)
	}
	if t.Environment != "" {
		field(t.Environment)
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
	f.secret = f.secret || t.Secret != ""
	f.lastUsed = f.lastUsed || !t.LastUsedAt.IsZero()
	f.createdBy = f.createdBy || t.CreatedBy != ""
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

// remove tombstones the tokens with these IDs and drops them from the sort
// orders (keeping their order: no re-sort). It reports how many it removed.
func (ix *tokenIndex) remove(ids []string) int {
	removed := 0
	for _, id := range ids {
		if i, ok := ix.byID[id]; ok && !ix.gone[i] {
			ix.gone[i] = true
			removed++
		}
	}
	if removed == 0 {
		return 0
	}
	ix.live -= removed
	for k := range ix.orders {
		// fresh slices: filter levels may still hold views of the old ones
		ix.orders[k] = slices.DeleteFunc(slices.Clone(ix.orders[k]), func(i int32) bool { return ix.gone[i] })
	}
	return removed
}

// key is token i's lower-cased search key (NUL-terminated fields).
func (ix *tokenIndex) key(i int32) string {
	return ix.haystack[ix.starts[i]:ix.starts[i+1]]
}

// scan finds every live token whose key contains q (lower-cased, non-empty)
// and returns them in the given order. One pass of strings.Index over the
// haystack; after a hit it jumps to the next token's key, so each token is
// counted once. The owner of a hit is found by walking starts forward,
// which is O(n) over the whole pass since hits come in increasing order.
func (ix *tokenIndex) scan(q string, order []int32) []int32 {
	clear(ix.mark)
	h, starts := ix.haystack, ix.starts
	count, owner, pos := 0, int32(0), 0
	for pos < len(h) {
		at := strings.Index(h[pos:], q)
		if at < 0 {
			break
		}
		at += pos
		for int(starts[owner+1]) <= at {
			owner++
		}
		if !ix.gone[owner] {
			ix.mark[owner] = true
			count++
		}
		pos = int(starts[owner+1])
	}
	out := make([]int32, 0, count)
	for _, i := range order {
		if ix.mark[i] {
			out = append(out, i)
		}
	}
	return out
}

// narrow keeps the candidates whose key contains q, in their order.
func (ix *tokenIndex) narrow(q string, candidates []int32) []int32 {
	out := make([]int32, 0, len(candidates)/2)
	for _, i := range candidates {
		if strings.Contains(ix.key(i), q) {
			out = append(out, i)
		}
	}
	return out
}
