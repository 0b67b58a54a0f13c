package client

import (
	"encoding/binary"
	"strings"
	"sync"
	"sync/atomic"
)

// Secrets leave tokentui only where they are meant to: the admin token in
// its header, an Unleash secret in the path that addresses it, a new secret
// on the reveal screen. A server may echo any of them back in an error
// ("The path you were looking for (/api/admin/api-tokens/%2A%3A%2A.be44…)
// is not available", "token Bearer <admin token> is not valid"), in any
// encoding, whole or cut. So every secret tokentui handles is remembered
// (RememberSecret), and every string that leaves the client for a person or
// a log (typed errors' Error(), the status bar, stderr) goes through Scrub,
// which finds a remembered secret in whatever encoding a server is likely to
// use and masks it.
//
// What counts as a secret's appearance:
//   - its distinctive part (the secret without a readable Unleash
//     "projects:environment." prefix) or any run of at least minRun
//     characters of it;
//   - a secret whose distinctive part is shorter than minRun, only whole
//     (prefix included), and only when that is at least minWhole long: a
//     shorter one ("admin", "test") would mask ordinary words;
//   - compared without regard to case, after undoing percent-encoding (any
//     case, any subset of characters, nested), JSON and JavaScript escapes
//     (\u002a, \/, \x2a), HTML character references (&#42; &#x2a; &amp;),
//     and ignoring invisible characters and their markers, which a server
//     could slip between a secret's characters.
//
// A run shorter than minRun is not masked: a dozen characters of a 56-digit
// hash say nothing usable about the rest, and shorter runs of real words
// would be masked by accident.
const (
	minRun   = 12
	minWhole = 8
	// windowLen is the length of the index's windows. Windows start every
	// windowStride characters, so a run of minRun characters always holds a
	// whole window: windowStride <= minRun - windowLen + 1.
	windowLen    = 8
	windowStride = minRun - windowLen + 1
	// maxCandidates bounds the secrets tried at one position of a text, so
	// secrets sharing a window (JWT headers) cannot make scrubbing slow.
	maxCandidates = 16
)

// RememberSecret adds a secret tokentui sends or receives to what Scrub
// masks, for the life of the process: the admin token (when a provider is
// built), an Unleash secret it addresses, a secret it creates. Cheap when
// it is already known: the index is built when Scrub next needs it.
func RememberSecret(secret string) { sentSecrets.add(secret) }

// RememberListedSecret adds a secret a list answer held (Unleash lists
// every secret). There may be thousands: they are masked in errors and
// the other text Scrub cleans, not in token fields (ScrubToken), where
// checking every field of every token against all of them would cost more
// than reading the list.
func RememberListedSecret(secret string) { listedSecrets.add(secret) }

// Scrub returns s with every remembered secret masked wherever it appears,
// in any of the encodings above. The mask keeps at most the first four and
// last two characters of a secret, as MaskSecret does, and nothing of a run
// that starts or ends inside it. Scrub is idempotent.
func Scrub(s string) string { return listedSecrets.scrub(sentSecrets.scrub(s)) }

// ScrubToken masks the secrets tokentui sends (RememberSecret: the admin
// token first of all) in the text fields of a token a server sent, which a
// hostile server could fill with them. Providers call it on every token
// they return. Slices are copied before a field in them changes, as they
// may be shared between tokens.
func ScrubToken(t *Token) {
	x := sentSecrets
	t.Name, t.Role, t.Environment, t.CreatedBy = x.scrub(t.Name), x.scrub(t.Role), x.scrub(t.Environment), x.scrub(t.CreatedBy)
	t.Owner = x.scrub(t.Owner) // not OwnerID: it addresses the owner
	t.Scopes, t.Projects, t.AllowedIPs = x.scrubAll(t.Scopes), x.scrubAll(t.Projects), x.scrubAll(t.AllowedIPs)
}

// The process's secrets: the few tokentui sends, and the many a list held.
var (
	sentSecrets   = &secretIndex{}
	listedSecrets = &secretIndex{}
)

// secretIndex finds runs of remembered secrets in a text. Windows of
// windowLen characters of each distinctive part, every windowStride
// characters, are keyed by their eight bytes; a text is scanned once, and
// every window it holds is checked against the secrets that have it. A
// bitmap of every four bytes of every secret (hashed, gramBits) lets most
// texts through without that: a text with no escape in it, none of whose
// four-byte groups at a multiple of four is in the bitmap, holds no secret.
//
// A clean text, nearly every one, takes no lock: the bitmap is read through
// an atomic pointer (a list is scrubbed on every core at once, and a shared
// lock's counter alone cost more than the check).
type secretIndex struct {
	mu      sync.RWMutex
	seen    map[string]struct{}
	pending []string    // remembered, not yet indexed
	dirty   atomic.Bool // pending is not empty
	parts   []secretPart
	windows map[uint64]int32 // first entry for the window, +1 (0: none)
	entries []windowEntry
	wholes  []secretPart             // distinctive part shorter than minRun: matched whole
	grams   atomic.Pointer[gramBits] // nil until a secret is indexed
}

// gramBits is the bitmap of the secrets' hashed four-byte groups, and the
// groups themselves: a group whose bit is set is looked up before a text
// is taken for unclean, so that the few bits set by chance (one text
// field in thirty had one) do not send clean texts the slow way. A flush
// makes a new one; one in use never changes.
type gramBits struct {
	bits  []uint64
	shift uint // 32 - log2(len(bits)*64)
	grams map[uint32]struct{}
}

type secretPart struct {
	norm string // lower-cased, what texts are compared with
	show string // as it was, for the mask
}

type windowEntry struct {
	part, off int32
	next      int32 // next entry for the same window, +1 (0: none)
}

func (x *secretIndex) add(secret string) {
	secret = strings.TrimSpace(secret)
	if len(secret) < minWhole {
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if _, ok := x.seen[secret]; ok {
		return
	}
	if x.seen == nil {
		x.seen = map[string]struct{}{}
	}
	x.seen[secret] = struct{}{}
	x.pending = append(x.pending, secret)
	x.dirty.Store(true)
}

// flush indexes the pending secrets. Called with mu held.
func (x *secretIndex) flush() {
	if x.windows == nil {
		x.windows = map[uint64]int32{}
	}
	for _, secret := range x.pending {
		// Normalised as texts are: a secret with a '%' or a '\\' in it
		// must match its raw echo, which the text's decoding changes too.
		part := distinctivePart(secret)
		norm := string(normalise(part).b)
		if len(norm) < minRun {
			if whole := string(normalise(secret).b); len(whole) >= minWhole {
				x.wholes = append(x.wholes, secretPart{norm: whole, show: secret})
			}
			continue
		}
		id := int32(len(x.parts))
		x.parts = append(x.parts, secretPart{norm: norm, show: part})
		for off := 0; ; off += windowStride {
			if off+windowLen > len(norm) {
				off = len(norm) - windowLen // the tail's window
			}
			key := binary.LittleEndian.Uint64([]byte(norm[off : off+windowLen]))
			x.entries = append(x.entries, windowEntry{part: id, off: int32(off), next: x.windows[key]})
			x.windows[key] = int32(len(x.entries))
			if off+windowLen >= len(norm) {
				break
			}
		}
	}
	x.pending = nil
	x.markGrams()
	x.dirty.Store(false)
}

// markGrams rebuilds the bitmap: every four bytes, at every offset, of
// every distinctive part and whole secret, with about sixteen bits for each
// one set, so few texts pass it by chance. It fits in the first-level cache
// for the few secrets tokentui sends.
func (x *secretIndex) markGrams() {
	grams := 0
	for _, p := range x.parts {
		grams += len(p.norm) - 3
	}
	for _, w := range x.wholes {
		grams += len(w.norm) - 3
	}
	bits := uint(16)
	for 1<<bits < 16*grams && bits < 24 {
		bits++
	}
	g := &gramBits{bits: make([]uint64, 1<<bits/64), shift: 32 - bits, grams: make(map[uint32]struct{}, grams)}
	for _, p := range x.parts {
		g.setAll(p.norm)
	}
	for _, w := range x.wholes {
		g.setAll(w.norm)
	}
	x.grams.Store(g)
}

// setAll marks every four bytes of s, at every offset.
func (g *gramBits) setAll(s string) {
	for i := 0; i+4 <= len(s); i++ {
		gram := binary.LittleEndian.Uint32([]byte(s[i:]))
		h := gramHash(gram) >> g.shift
		g.bits[h/64] |= 1 << (h % 64)
		g.grams[gram] = struct{}{}
	}
}

// has reports whether four bytes, little endian, are a secret's.
func (g *gramBits) has(gram uint32) bool {
	h := gramHash(gram) >> g.shift
	if g.bits[h/64]&(1<<(h%64)) == 0 {
		return false
	}
	_, ok := g.grams[gram]
	return ok
}

// gramHash hashes four bytes: times a Fibonacci constant, the top bits
// taken.
func gramHash(gram uint32) uint32 { return gram * 0x9e3779b1 }

// distinctivePart is what of a secret is secret: without the readable
// "projects:environment." of an Unleash secret, nor the public selector of
// a secure (v2) one (MaskSecret shows both).
func distinctivePart(secret string) string {
	p := unleashPrefixLen(secret)
	if p > 0 && IsSecureV2(secret[p:]) {
		return secret[p+len(secureV2Lead)+secureV2SelectorLen+1:]
	}
	return secret[p:]
}

func (x *secretIndex) scrub(s string) string {
	if len(s) < minWhole {
		return s
	}
	if g := x.current(); g == nil || g.clean(s) {
		return s
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	n := normalise(s)
	found := x.findRuns(n)
	found = append(found, x.findWholes(n)...)
	if len(found) == 0 {
		return s
	}
	return n.replace(s, found)
}

// current indexes what was remembered since the last call and returns the
// bitmap of the secrets (nil: none yet). Each flush makes a new one, so it
// also tells which secrets a text was checked against (SharedStrings).
func (x *secretIndex) current() *gramBits {
	if x.dirty.Load() {
		x.mu.Lock()
		if len(x.pending) > 0 {
			x.flush()
		}
		x.mu.Unlock()
	}
	return x.grams.Load()
}

// clean reports, without allocating, that s cannot hold a remembered
// secret: it has no escape or non-ASCII character (which normalise would
// turn into something else), so normalising it only lower-cases it, and
// none of its four-byte groups at offsets 0, 4, 8… is a secret's,
// lower-cased. That is enough: a run of a secret minRun (12) or more long
// holds such a group whole wherever it starts, and so does a whole secret
// minWhole (8) or more long. Eight bytes are looked at a time.
func (g *gramBits) clean(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := binary.LittleEndian.Uint64([]byte(s[i:]))
		if escapeOrHigh(x) {
			return false
		}
		x = lowerASCII(x)
		if g.has(uint32(x)) || g.has(uint32(x>>32)) {
			return false
		}
	}
	for j := i; j < len(s); j++ {
		if c := s[j]; c == '%' || c == '\\' || c == '&' || c >= 0x80 {
			return false
		}
	}
	if i+4 <= len(s) {
		return !g.has(uint32(lowerASCII(uint64(binary.LittleEndian.Uint32([]byte(s[i:]))))))
	}
	return true
}

// SWAR constants: a one and a high bit in every byte.
const ones, highs = 0x0101010101010101, 0x8080808080808080

// escapeOrHigh reports whether any of the eight bytes of x is '%', '\\',
// '&' or beyond ASCII: zero bytes of x XOR each, found the classic way.
func escapeOrHigh(x uint64) bool {
	pc, bs, amp := x^(ones*'%'), x^(ones*'\\'), x^(ones*'&')
	return ((pc-ones)&^pc|(bs-ones)&^bs|(amp-ones)&^amp|x)&highs != 0
}

// lowerASCII lower-cases the eight ASCII bytes of x: 0x20 is added to
// each byte from 'A' to 'Z' (no byte reaches 0x80 in either sum, so none
// carries into the next).
func lowerASCII(x uint64) uint64 {
	fromA := x + ones*(0x80-'A')   // high bit: c >= 'A'
	pastZ := x + ones*(0x80-'Z'-1) // high bit: c > 'Z'
	return x | (fromA&^pastZ&highs)>>2
}

// scrubAll scrubs every string of ss, copying ss before the first change.
func (x *secretIndex) scrubAll(ss []string) []string {
	for i, s := range ss {
		if c := x.scrub(s); c != s {
			out := append([]string(nil), ss...)
			for j := i; j < len(out); j++ {
				out[j] = x.scrub(out[j])
			}
			return out
		}
	}
	return ss
}

// match is a stretch of the normalised text [from, to) that is a secret's,
// and what replaces it.
type match struct {
	from, to    int
	mask        string
	part, align int // which part, and where it starts in the text (runs)
}

// findRuns finds every run of at least minRun characters that the text
// shares with a distinctive part.
func (x *secretIndex) findRuns(n *normText) []match {
	var out []match
	b := n.b
	for i := 0; i+windowLen <= len(b); i++ {
		e := x.windows[binary.LittleEndian.Uint64(b[i:i+windowLen])]
		for tries := 0; e != 0 && tries < maxCandidates; tries++ {
			ent := x.entries[e-1]
			e = ent.next
			if covered(out, i, int(ent.part), i-int(ent.off)) {
				continue
			}
			p := x.parts[ent.part]
			from, to, pfrom, pto := extend(b, p.norm, i, int(ent.off))
			if to-from < minRun {
				continue
			}
			out = append(out, match{from: from, to: to, mask: runMask(p, pfrom, pto), part: int(ent.part), align: i - int(ent.off)})
		}
	}
	return out
}

// covered reports whether a run of the same part, aligned the same way, was
// already found over position i: the other windows of one echoed secret
// need no second look.
func covered(found []match, i, part, align int) bool {
	for j := len(found) - 1; j >= 0 && j >= len(found)-4; j-- {
		if m := found[j]; m.from <= i && i < m.to && m.part == part && m.align == align {
			return true
		}
	}
	return false
}

// extend grows the common run of text b and part p around b[i:] == p[off:]
// (windowLen long) in both directions.
func extend(b []byte, p string, i, off int) (from, to, pfrom, pto int) {
	l := 0
	for i-l > 0 && off-l > 0 && b[i-l-1] == p[off-l-1] {
		l++
	}
	r := windowLen
	for i+r < len(b) && off+r < len(p) && b[i+r] == p[off+r] {
		r++
	}
	return i - l, i + r, off - l, off + r
}

// runMask is what replaces part[pfrom:pto] of a secret: its first four and
// last two characters only where the run starts or ends with the secret's.
func runMask(p secretPart, pfrom, pto int) string {
	mask := "…"
	r := []rune(p.show)
	if pfrom == 0 && len(r) > 8 {
		mask = Sanitize(string(r[:4])) + mask
	}
	if pto == len(p.norm) && len(r) > 8 {
		mask += Sanitize(string(r[len(r)-2:]))
	}
	return mask
}

// findWholes finds whole short secrets.
func (x *secretIndex) findWholes(n *normText) []match {
	var out []match
	text := string(n.b)
	for _, w := range x.wholes {
		for at := 0; ; {
			j := strings.Index(text[at:], w.norm)
			if j < 0 {
				break
			}
			out = append(out, match{from: at + j, to: at + j + len(w.norm), mask: MaskSecret(w.show), part: -1})
			at += j + len(w.norm)
		}
	}
	return out
}
