package table

import (
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// Searching the index: what a filter job runs, on any goroutine. Nothing
// here writes to the index; each computation borrows its own scratch.

// matcher is what a query is matched with: the list, the catalog its scope
// words come from, what the provider reports, and the time expiries and
// last uses are judged at.
type matcher struct {
	ix    *Index
	cat   *tokenfmt.Catalog
	caps  client.Capabilities
	profs *profileSet // an all-profiles table's: each token's own catalog and capabilities
	now   time.Time
}

// key is token i's lower-cased name and IPs (NUL-terminated fields).
func (ix *Index) key(i int32) string {
	return ix.haystack[ix.starts[i]:ix.starts[i+1]]
}

// ipText is token i's lower-cased IPs, NUL-terminated; "" for none.
func (ix *Index) ipText(i int32) string {
	return ix.key(i)[len(ix.names[i])+1:]
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

// expiry statuses, the words a plain term finds them by.
const (
	statusValid = iota
	statusExpiring
	statusExpired
	statusNever
	statusCount
)

var statusWords = [statusCount]string{statusExpiring: "expiring", statusExpired: "expired", statusNever: "never"}

func statusOf(t *client.Token, now time.Time) int {
	switch {
	case !t.Expires():
		return statusNever
	case t.ExpiredAt(now):
		return statusExpired
	case t.ExpiresWithin(now, tokenfmt.SoonWindow):
		return statusExpiring
	}
	return statusValid
}

// prepared is a term made ready for one computation: which shared field
// sets (facets) hold it, its character mask, which statuses it names.
type prepared struct {
	term
	facetHit []bool // per facet
	facets   int    // how many facets hit
	qm       charMask
	exact    bool // the mask test alone decides the name/IP search
	couldID  bool
	status   [statusCount]bool // plain terms: the statuses whose word holds the text
	statuses bool              // any of them
	anyIP    bool              // "any" holds the text: unrestricted tokens match
	nets     []netip.Prefix    // with hasAddr: every token's parsed ranges
	netStart []int32
}

// prepare readies t for matching against every token.
func (m *matcher) prepare(t term, facetHit []bool) prepared {
	p := prepared{term: t, facetHit: facetHit, qm: maskOf(t.text), exact: exactMask(t.text)}
	ix := m.ix
	switch t.kind {
	case termAny:
		p.couldID = ix.couldBeID(t.text)
		for s, w := range statusWords {
			p.status[s] = w != "" && strings.Contains(w, t.text)
			p.statuses = p.statuses || p.status[s]
		}
		p.anyIP = m.cat.CanRestrictIPs() && strings.Contains("any", t.text) // m.cat: every profile's, in an all-profiles table
	case termIP:
		p.anyIP = strings.Contains("any", t.text)
	}
	if t.hasAddr {
		p.nets, p.netStart = ix.ranges()
	}
	if tag, ok := facetTag(t.kind); ok {
		words, profs := m.wordsFor(t.kind), m.profileWordsFor(t.kind)
		for f, s := range ix.facets {
			hit := tag == 0 && strings.Contains(s, t.text) || tag != 0 && containsTagged(s, tag, t.text)
			hit = hit || words != nil && strings.Contains(words[f], t.text)
			hit = hit || profs != nil && strings.Contains(profs[f], t.text)
			facetHit[f] = hit
			if hit {
				p.facets++
			}
		}
	}
	return p
}

// wordsFor is the per-facet catalog words a term of kind k also searches.
func (m *matcher) wordsFor(k termKind) []string {
	if k == termAny || k == termScope {
		return m.ix.catalogWords(m.cat, m.profs)
	}
	return nil
}

// profileWordsFor is the per-facet profile labels a term of kind k also
// searches: "border0" finds a Border0 profile's tokens.
func (m *matcher) profileWordsFor(k termKind) []string {
	if k == termAny || k == termProfile {
		return m.ix.profileWords(m.profs)
	}
	return nil
}

// facetTag is the tag of the facet field a kind searches (0: every field),
// and whether it searches facets at all.
func facetTag(k termKind) (byte, bool) {
	switch k {
	case termAny:
		return 0, true
	case termScope:
		return tagScope, true
	case termRole:
		return tagRole, true
	case termEnv:
		return tagEnv, true
	case termProject:
		return tagProject, true
	case termBy:
		return tagBy, true
	case termOwner:
		return tagOwner, true
	case termProfile:
		return tagProfile, true
	}
	return 0, false
}

// containsTagged reports whether a field of facet s tagged tag holds q.
func containsTagged(s string, tag byte, q string) bool {
	for from := 0; ; {
		i := strings.Index(s[from:], q)
		if i < 0 {
			return false
		}
		at := from + i
		start := strings.LastIndexByte(s[:at], 0) + 1 // the field's tag
		if s[start] == tag && !strings.ContainsRune(s[start:at+len(q)], 0) {
			return true
		}
		from = at + 1
	}
}

// match reports whether token i matches the prepared term.
func (m *matcher) match(p *prepared, i int32) bool {
	ix := m.ix
	tok := &ix.tokens[i]
	switch p.kind {
	case termAny:
		return p.facetHit[ix.facetOf[i]] ||
			ix.masks[i]&p.qm == p.qm && (p.exact || strings.Contains(ix.key(i), p.text)) ||
			p.couldID && strings.HasPrefix(ix.lowerIDs[i], p.text) || m.extra(p, i)
	case termName:
		return strings.Contains(ix.names[i], p.text)
	case termID:
		return strings.HasPrefix(ix.lowerIDs[i], p.text)
	case termIP:
		return strings.Contains(ix.ipText(i), p.text) ||
			p.anyIP && len(tok.AllowedIPs) == 0 && m.restrictsIPs(tok) ||
			p.hasAddr && allows(p.nets, p.netStart, i, p.addr)
	case termExpires:
		return m.expiresMatch(&p.term, tok)
	case termUsed:
		return m.usedMatch(&p.term, tok)
	}
	return p.facetHit[ix.facetOf[i]]
}

// expiresMatch: expires:<30d is valid and expires within 30 days;
// expires:>1y expires later than that, or never.
func (m *matcher) expiresMatch(t *term, tok *client.Token) bool {
	switch {
	case t.bad:
		return false
	case t.op == '<':
		return tok.ExpiresWithin(m.now, t.span)
	case t.op == '>':
		return !tok.Expires() || tok.ExpiresAt.After(m.now.Add(t.span))
	}
	return slices.Contains(t.words, statusWords[statusOf(tok, m.now)])
}

// usedMatch: used:<1d was used within a day; used:>90d not for 90 days,
// or never. Where the provider does not report last use, an unknown use
// is neither.
func (m *matcher) usedMatch(t *term, tok *client.Token) bool {
	known := !tok.LastUsedAt.IsZero()
	never := !known && m.profs.capsOf(tok, m.caps).ReportsLastUse()
	switch {
	case t.bad:
		return false
	case t.op == '<':
		return known && !tok.LastUsedAt.Before(m.now.Add(-t.span))
	case t.op == '>':
		return never || known && tok.LastUsedAt.Before(m.now.Add(-t.span))
	}
	return never
}

// scan finds every live token matching q in the given order, which must
// hold every token that can match (the unfiltered order, or the matches of
// a query q refines). The result is a new slice: ix and order are only
// read, so scans may run concurrently.
func (m *matcher) scan(q query, order []int32) []int32 {
	ix := m.ix
	sc := ix.scratch.Get().(*filterScratch)
	defer ix.scratch.Put(sc)
	mark, gone := sc.mark, ix.gone
	for i := range mark {
		mark[i] = true
	}
	for _, t := range q.terms {
		p := m.prepare(t, sc.facetHit)
		m.markTerm(&p, mark)
	}
	if ix.live != len(mark) {
		for i := range mark {
			mark[i] = mark[i] && !gone[i]
		}
	}
	// Count first, so the result is allocated once at its exact size: a
	// rare query at 100 000 tokens must not hold a 400 KB array.
	n := 0
	for _, ok := range mark {
		if ok {
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

// markTerm clears in mark every token that does not match p. Storage
// order throughout, so memory is read sequentially; the common plain term
// has tight loops of its own.
func (m *matcher) markTerm(p *prepared, mark []bool) {
	ix := m.ix
	if p.kind != termAny {
		for i := range mark {
			mark[i] = mark[i] && m.match(p, int32(i))
		}
		return
	}
	if p.facets > 0 && p.facets == len(ix.facets) {
		return // every shared set holds it ("e", "read"): so does every token
	}
	// Names and IPs: the character mask rejects most tokens with one AND;
	// only the rest are searched. What a plain term may also mean (a
	// status word, "any", an address) is asked only of those left.
	qm, q, extra := p.qm, p.text, p.statuses || p.anyIP || p.hasAddr
	switch {
	case p.facets > 0: // a token whose shared set matched needs no search
		hit, of := p.facetHit, ix.facetOf
		for i, mk := range ix.masks {
			mark[i] = mark[i] && (hit[of[i]] || mk&qm == qm && (p.exact || strings.Contains(ix.key(int32(i)), q)) ||
				p.couldID && strings.HasPrefix(ix.lowerIDs[i], q) || extra && m.extra(p, int32(i)))
		}
	case p.exact:
		for i, mk := range ix.masks {
			mark[i] = mark[i] && (mk&qm == qm || p.couldID && strings.HasPrefix(ix.lowerIDs[i], q) || extra && m.extra(p, int32(i)))
		}
	default:
		for i, mk := range ix.masks {
			mark[i] = mark[i] && (mk&qm == qm && strings.Contains(ix.key(int32(i)), q) ||
				p.couldID && strings.HasPrefix(ix.lowerIDs[i], q) || extra && m.extra(p, int32(i)))
		}
	}
}

// extra is what a plain term matches beyond the text of fields: the
// expiry's status word, "any" for an unrestricted token, the ranges that
// hold an address.
func (m *matcher) extra(p *prepared, i int32) bool {
	tok := &m.ix.tokens[i]
	return p.statuses && p.status[statusOf(tok, m.now)] ||
		p.anyIP && len(tok.AllowedIPs) == 0 && m.restrictsIPs(tok) ||
		p.hasAddr && allows(p.nets, p.netStart, i, p.addr)
}

// narrow is the candidates matching q, in their order, as a new slice.
func (m *matcher) narrow(q query, candidates []int32) []int32 {
	ix := m.ix
	sc := ix.scratch.Get().(*filterScratch)
	defer ix.scratch.Put(sc)
	ps := make([]prepared, len(q.terms))
	for k, t := range q.terms {
		hit := sc.facetHit
		if k > 0 {
			hit = make([]bool, len(ix.facets))
		}
		ps[k] = m.prepare(t, hit)
	}
	var out []int32
	for _, i := range candidates {
		ok := true
		for k := range ps {
			if ok = m.match(&ps[k], i); !ok {
				break
			}
		}
		if ok {
			out = append(out, i)
		}
	}
	return slices.Clip(out)
}

// restrictsIPs reports whether tok's provider can restrict a token to
// addresses, so that "any" means something of it: always in a table of
// one profile (prepare asked the catalog), per token in one of several.
func (m *matcher) restrictsIPs(tok *client.Token) bool {
	if m.profs == nil || tok.Profile == "" {
		return true
	}
	return m.profs.catalogOf(tok, m.cat).CanRestrictIPs()
}
