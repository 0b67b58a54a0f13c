package table

import (
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// The filter's language. A query is terms separated by spaces; a token
// must match every term (AND). A plain term matches whatever the table
// shows: the name, the ID (its start), a scope, the role or type, a
// project, the environment, the creator, the words of the Scopes column
// ("read-only", a group, a preset), an allowed IP (and, for an address or
// range, the tokens whose ranges hold it), the expiry's status (expired,
// expiring, never) and "any" for a token any address may use. A field
// prefix narrows a term to one field:
//
//	name: id: scope: ip: role: (type:) env: project: by: owner: profile: expires: used:
//
// expires: and used: compare: expires:<30d (valid, expires within 30
// days), expires:>1y (or never), expires:never, expires:expired; used:>90d
// (not used for 90 days, or never), used:<1d, used:never. "Quotes" keep a
// phrase with spaces together.

// termKind is the field a term is about.
type termKind int

const (
	termAny termKind = iota
	termName
	termID
	termScope
	termIP
	termRole
	termEnv
	termProject
	termBy
	termOwner
	termProfile
	termExpires
	termUsed
)

// prefixes maps each field prefix, and its aliases, to its kind.
var prefixes = map[string]termKind{
	"name": termName, "id": termID, "scope": termScope, "scopes": termScope,
	"ip": termIP, "ips": termIP, "role": termRole, "type": termRole,
	"env": termEnv, "environment": termEnv, "project": termProject, "projects": termProject,
	"by": termBy, "creator": termBy, "owner": termOwner, "expires": termExpires, "used": termUsed,
	"profile": termProfile,
}

// FilterPrefixes are the field prefixes with what each narrows to, in the
// order help lists them.
var FilterPrefixes = [][2]string{
	{"name:", "the name"}, {"id:", "the start of the ID"}, {"scope:", "a scope or the Scopes column's words"},
	{"ip:", "an allowed IP; an address finds the ranges that hold it; ip:any the unrestricted"},
	{"role:", "the role or type"}, {"env:", "the environment"}, {"project:", "a project"}, {"by:", "the creator"},
	{"owner:", "the service account or connector it belongs to"},
	{"profile:", "the profile (and its provider) in the all-profiles table"},
	{"expires:", "<30d, >1y, never, expired, expiring"}, {"used:", ">90d (or never used), <1d, never"},
}

// term is one parsed term; text is lower-cased.
type term struct {
	kind termKind
	text string
	// addr is text read as an address or range, for containment.
	addr    netip.Prefix
	hasAddr bool
	// A comparison (expires:, used:): before or after now+span, or one of
	// the words never, expired, expiring.
	op    byte // '<' or '>'; 0 for words
	span  time.Duration
	words []string // the words a typed word may still become: "exp" is expired or expiring
	bad   bool     // a comparison that does not parse matches nothing
}

// query is a parsed filter.
type query struct {
	text  string // normalised: the terms, lower-cased, one space apart
	terms []term
}

// parseQuery reads a typed (sanitised, lower-cased) filter.
func parseQuery(s string) query {
	var q query
	var parts []string
	for _, raw := range splitTerms(s) {
		t := parseTerm(raw)
		if t.text == "" && t.kind != termAny && !t.bad {
			// "scope:" alone: nothing typed yet to narrow by.
			parts = append(parts, raw)
			continue
		}
		q.terms = append(q.terms, t)
		parts = append(parts, raw)
	}
	q.text = strings.Join(parts, " ")
	return q
}

// splitTerms splits at spaces outside double quotes.
func splitTerms(s string) []string {
	var out []string
	var cur strings.Builder
	quoted := false
	for _, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
			cur.WriteRune(r)
		case r == ' ' && !quoted:
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
		default:
			cur.WriteRune(r)
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// parseTerm reads one term: an optional known prefix, then its text.
func parseTerm(raw string) term {
	t := term{kind: termAny, text: raw}
	if i := strings.IndexByte(raw, ':'); i > 0 {
		if k, ok := prefixes[raw[:i]]; ok {
			t.kind, t.text = k, raw[i+1:]
		}
	}
	t.text = strings.ReplaceAll(t.text, `"`, "")
	switch t.kind {
	case termExpires, termUsed:
		t.parseComparison()
	case termAny, termIP:
		t.addr, t.hasAddr = parseAddr(t.text)
	}
	return t
}

// parseComparison reads "<30d", ">1y" or a word.
func (t *term) parseComparison() {
	s := t.text
	if s == "" {
		return
	}
	if s[0] == '<' || s[0] == '>' {
		d, ok := parseSpan(s[1:])
		t.op, t.span, t.bad = s[0], d, !ok
		return
	}
	words := []string{"never", "expired", "expiring"}
	if t.kind == termUsed {
		words = []string{"never"}
	}
	for _, w := range words {
		if strings.HasPrefix(w, s) {
			t.words = append(t.words, w)
		}
	}
	t.bad = len(t.words) == 0
}

// parseSpan reads 30d, 12h, 2w, 6mo, 1y (and 0d); ok is false otherwise.
func parseSpan(s string) (time.Duration, bool) {
	units := []struct {
		suffix string
		d      time.Duration
	}{{"mo", 30 * day}, {"h", time.Hour}, {"d", day}, {"w", 7 * day}, {"y", 365 * day}}
	for _, u := range units {
		if num, ok := strings.CutSuffix(s, u.suffix); ok {
			n, err := strconv.Atoi(num)
			if err != nil || n < 0 || n > 100*365 {
				return 0, false
			}
			return time.Duration(n) * u.d, true
		}
	}
	return 0, false
}

const day = 24 * time.Hour

// parseAddr reads an address or a CIDR range.
func parseAddr(s string) (netip.Prefix, bool) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, false
		}
		return p.Masked(), true
	}
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return netip.Prefix{}, false
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), true
}

// refines reports whether every token matching q also matches base, so q
// can be computed from base's matches instead of every token: q has each
// of base's terms, each the same or extended by typing (a substring search
// for "spl" only narrows that for "sp"), and maybe more terms (AND only
// narrows). Address containment and comparisons do not narrow as they are
// typed ("10.20.5.5" finds 10.20.0.0/16, which "10.20.5" does not), so such
// a term refines only itself.
func (q query) refines(base query) bool {
	if len(q.terms) < len(base.terms) {
		return false
	}
	for i, b := range base.terms {
		t := q.terms[i]
		switch {
		case t.kind != b.kind:
			return false
		case t.text == b.text:
		case t.kind == termExpires || t.kind == termUsed || t.hasAddr || b.hasAddr:
			return false
		case !strings.HasPrefix(t.text, b.text):
			return false
		}
	}
	return true
}
