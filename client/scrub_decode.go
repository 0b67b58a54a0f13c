package client

import (
	"bytes"
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// normText is a text as Scrub compares it: escapes undone, ASCII letters
// lower-cased, invisible characters left out. Each byte of b remembers the
// stretch of the original text it came from, so a match in b masks exactly
// the characters that spelled it, however they were encoded.
type normText struct {
	b    []byte
	span [][2]int32 // span[i]: the original bytes [start, end) of b[i]
}

// maxDecodePasses bounds nested encodings (%252A is %2A once decoded).
const maxDecodePasses = 4

func normalise(s string) *normText {
	n := &normText{b: make([]byte, 0, len(s)), span: make([][2]int32, 0, len(s))}
	for i := 0; i < len(s); {
		if _, size, ok := ParseMarker(s[i:]); ok { // a server's invisible character, shown
			i += size
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !IsInvisible(r) {
			for k := 0; k < size; k++ {
				n.b = append(n.b, s[i+k])
				n.span = append(n.span, [2]int32{int32(i + k), int32(i + k + 1)})
			}
		}
		i += size
	}
	for pass := 0; pass < maxDecodePasses && n.decode(); pass++ {
	}
	n.dropInvisible()
	for i, c := range n.b {
		if 'A' <= c && c <= 'Z' {
			n.b[i] = c + 'a' - 'A'
		}
	}
	return n
}

// decode undoes one level of escapes and reports whether it found any.
func (n *normText) decode() bool {
	if !bytes.ContainsAny(n.b, `%\&`) {
		return false
	}
	out := &normText{b: make([]byte, 0, len(n.b)), span: make([][2]int32, 0, len(n.b))}
	changed := false
	for i := 0; i < len(n.b); {
		decoded, used := decodeEscape(n.b[i:])
		if used == 0 {
			out.b = append(out.b, n.b[i])
			out.span = append(out.span, n.span[i])
			i++
			continue
		}
		changed = true
		sp := [2]int32{n.span[i][0], n.span[i+used-1][1]}
		for k := 0; k < len(decoded); k++ {
			out.b = append(out.b, decoded[k])
			out.span = append(out.span, sp)
		}
		i += used
	}
	if changed {
		*n = *out
	}
	return changed
}

// dropInvisible leaves out invisible characters that escapes spelled
// (\u200b): a server could put them between a secret's characters.
func (n *normText) dropInvisible() {
	j := 0
	for i := 0; i < len(n.b); {
		r, size := utf8.DecodeRune(n.b[i:])
		if r >= utf8.RuneSelf && IsInvisible(r) {
			i += size
			continue
		}
		for k := 0; k < size; k++ {
			n.b[j], n.span[j] = n.b[i+k], n.span[i+k]
			j++
		}
		i += size
	}
	n.b, n.span = n.b[:j], n.span[:j]
}

// decodeEscape decodes the escape b starts with: what it stands for and how
// many bytes it took (0: none).
func decodeEscape(b []byte) (string, int) {
	if len(b) < 2 {
		return "", 0
	}
	switch b[0] {
	case '%':
		if len(b) >= 3 && isHex(b[1]) && isHex(b[2]) {
			return string([]byte{hexValue(b[1])<<4 | hexValue(b[2])}), 3
		}
	case '\\':
		return decodeBackslash(b)
	case '&':
		return decodeEntity(b)
	}
	return "", 0
}

// decodeBackslash decodes JSON and JavaScript escapes: \uXXXX (surrogate
// pairs joined), \u{X…}, \UXXXXXXXX, \UXXXX, \xXX and the one-character
// ones.
func decodeBackslash(b []byte) (string, int) {
	switch c := b[1]; c {
	case 'u':
		if len(b) >= 3 && b[2] == '{' {
			end := indexByte(b[3:], '}', 7)
			if end > 0 {
				return runeOf(parseHex(b[3 : 3+end])), 3 + end + 1
			}
			return "", 0
		}
		r, ok := hexRune(b[2:], 4)
		if !ok {
			return "", 0
		}
		if 0xd800 <= r && r < 0xdc00 && len(b) >= 12 && b[6] == '\\' && b[7] == 'u' {
			if lo, ok := hexRune(b[8:], 4); ok && 0xdc00 <= lo && lo < 0xe000 {
				return runeOf(0x10000 + (r-0xd800)<<10 + (lo - 0xdc00)), 12
			}
		}
		return runeOf(r), 6
	case 'U': // Python's eight digits, or \u written in upper case
		if r, ok := hexRune(b[2:], 8); ok {
			return runeOf(r), 10
		}
		if r, ok := hexRune(b[2:], 4); ok {
			return runeOf(r), 6
		}
	case 'x':
		if r, ok := hexRune(b[2:], 2); ok {
			return string([]byte{byte(r)}), 4
		}
	case '/', '\\', '"', '\'':
		return string([]byte{c}), 2
	case 'n', 'r', 't', 'b', 'f':
		return " ", 2
	}
	return "", 0
}

// entities are the named HTML references a server escapes text with.
var entities = map[string]string{"amp": "&", "lt": "<", "gt": ">", "quot": `"`, "apos": "'", "colon": ":", "ast": "*", "period": "."}

// decodeEntity decodes an HTML character reference: &#42; &#x2a; &amp;.
func decodeEntity(b []byte) (string, int) {
	end := indexByte(b[1:], ';', 10)
	if end <= 0 {
		return "", 0
	}
	name := string(b[1 : 1+end])
	if s, ok := entities[strings.ToLower(name)]; ok {
		return s, end + 2
	}
	if len(name) < 2 || name[0] != '#' {
		return "", 0
	}
	var v uint64
	var err error
	if name[1] == 'x' || name[1] == 'X' {
		v, err = strconv.ParseUint(name[2:], 16, 32)
	} else {
		v, err = strconv.ParseUint(name[1:], 10, 32)
	}
	if err != nil {
		return "", 0
	}
	return runeOf(rune(v)), end + 2
}

// indexByte finds c within the first limit bytes of b; -1 if not there.
func indexByte(b []byte, c byte, limit int) int {
	for i := 0; i < len(b) && i <= limit; i++ {
		if b[i] == c {
			return i
		}
	}
	return -1
}

// hexRune reads exactly digits hex digits.
func hexRune(b []byte, digits int) (rune, bool) {
	if len(b) < digits {
		return 0, false
	}
	for _, c := range b[:digits] {
		if !isHex(c) {
			return 0, false
		}
	}
	return parseHex(b[:digits]), true
}

func parseHex(b []byte) rune {
	var r rune
	for _, c := range b {
		if !isHex(c) || r > utf8.MaxRune {
			return utf8.RuneError
		}
		r = r<<4 | rune(hexValue(c))
	}
	return r
}

// runeOf is r in UTF-8; U+FFFD for what is no character.
func runeOf(r rune) string {
	if !utf8.ValidRune(r) {
		r = utf8.RuneError
	}
	return string(r)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// replace writes s with each match's original stretch replaced by its mask;
// overlapping matches merge, the first mask standing for the merged run.
func (n *normText) replace(s string, found []match) string {
	sortMatches(found)
	var b strings.Builder
	at := 0
	for i := 0; i < len(found); {
		m := found[i]
		start, end := int(n.span[m.from][0]), int(n.span[m.to-1][1])
		mask := m.mask
		for i++; i < len(found) && int(n.span[found[i].from][0]) < end; i++ {
			end = max(end, int(n.span[found[i].to-1][1]))
			mask = mergeMasks(mask, found[i].mask)
		}
		if start < at { // a nested escape shared with the previous run
			start = at
		}
		b.WriteString(s[at:start])
		b.WriteString(mask)
		at = end
	}
	b.WriteString(s[at:])
	return b.String()
}

// mergeMasks keeps what two overlapping masks show of the secret's start
// (the first) and end (the second), and never more.
func mergeMasks(first, second string) string {
	head, _, _ := strings.Cut(first, "…")
	_, tail, _ := strings.Cut(second, "…")
	return head + "…" + tail
}

func sortMatches(m []match) {
	slices.SortStableFunc(m, func(a, b match) int { return cmp.Compare(a.from, b.from) })
}
