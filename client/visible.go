package client

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// What you see is what is there: a character that draws nothing (a
// zero-width space, a tag character, a bidi control, a variation selector,
// a line separator) or looks like a plain space would let "prod​-deploy"
// pass for "prod-deploy" and would throw table columns out of line, because
// terminals disagree on how wide such characters are. Sanitize therefore
// writes each of them as a marker, ⟨U+200B⟩, that every view shows as text
// (the TUI in a style of its own, see theme.Visible) and JSON output turns
// back into a \u escape (jsonappend.EscapeInvisible).
//
// A server may send the text of a marker itself; it is shown as a marker,
// which is right in the way that matters: the name differs, visibly, from
// one without it. Sanitize leaves markers as they are, so it may be applied
// any number of times.

// Marker delimiters.
const (
	markerOpen  = '⟨'
	markerClose = '⟩'
)

// IsInvisible reports whether r draws nothing, or nothing a person can tell
// from a space, or has no agreed width: format characters (Cf: zero-width
// space and joiners, bidi controls, the BOM, tag characters, soft hyphen),
// line and paragraph separators, spaces other than U+0020, variation
// selectors, other default-ignorable code points (Hangul fillers, the
// combining grapheme joiner), the blank Braille pattern, noncharacters and
// code points Unicode has not assigned.
func IsInvisible(r rune) bool {
	if r < 0x80 {
		return false
	}
	switch {
	case unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp, unicode.Variation_Selector,
		unicode.Other_Default_Ignorable_Code_Point, unicode.Noncharacter_Code_Point):
		return true
	case unicode.Is(unicode.Zs, r), r == 0x2800:
		return true
	}
	return !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Co) // unassigned
}

// appendMarker writes r as ⟨U+XXXX⟩ (at least four hex digits, upper case,
// as Unicode writes code points).
func appendMarker(b *strings.Builder, r rune) {
	const hex = "0123456789ABCDEF"
	b.WriteRune(markerOpen)
	b.WriteString("U+")
	digits := 4
	for r>>(4*digits) != 0 {
		digits++
	}
	for i := digits - 1; i >= 0; i-- {
		b.WriteByte(hex[(r>>(4*i))&0xf])
	}
	b.WriteRune(markerClose)
}

// Marker returns the marker text for r: "⟨U+200B⟩".
func Marker(r rune) string {
	var b strings.Builder
	appendMarker(&b, r)
	return b.String()
}

// ParseMarker reads a marker at the start of s and returns the character it
// stands for and the marker's length in bytes; ok is false unless s starts
// with a marker exactly as Sanitize writes it, for an invisible character.
func ParseMarker(s string) (r rune, n int, ok bool) {
	const open = len(string(markerOpen))
	if !strings.HasPrefix(s, string(markerOpen)+"U+") {
		return 0, 0, false
	}
	i := open + 2
	start := i
	for i < len(s) && i-start < 6 && isUpperHex(s[i]) {
		r = r<<4 | rune(hexValue(s[i]))
		i++
	}
	if i-start < 4 || !strings.HasPrefix(s[i:], string(markerClose)) || r > unicode.MaxRune ||
		!IsInvisible(r) || (i-start > 4 && s[start] == '0') {
		return 0, 0, false
	}
	return r, i + len(string(markerClose)), true
}

// HasMarker reports whether s may hold a marker (it holds a '⟨'): the cheap
// test before a view looks for markers to style.
func HasMarker(s string) bool { return strings.ContainsRune(s, markerOpen) }

// SplitMarkers calls fn for each stretch of s in order: plain text with
// marker false, each well-formed marker with marker true.
func SplitMarkers(s string, fn func(part string, marker bool)) {
	start := 0
	for i := 0; i < len(s); {
		j := strings.IndexRune(s[i:], markerOpen)
		if j < 0 {
			break
		}
		i += j
		if _, n, ok := ParseMarker(s[i:]); ok {
			if start < i {
				fn(s[start:i], false)
			}
			fn(s[i:i+n], true)
			i += n
			start = i
			continue
		}
		i += utf8.RuneLen(markerOpen)
	}
	if start < len(s) {
		fn(s[start:], false)
	}
}

func isUpperHex(c byte) bool { return '0' <= c && c <= '9' || 'A' <= c && c <= 'F' }

func hexValue(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10
	}
	return 0
}
