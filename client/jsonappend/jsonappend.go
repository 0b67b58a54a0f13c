// Package jsonappend writes JSON strings and string arrays by appending to a
// byte slice.
//
// It exists for lists of 100 000 tokens: the emulators in client/fake serve
// them and `tokentui list --json` prints them, and at that size the
// reflection inside encoding/json, and the whole document it builds in
// memory, dominate the time. Appending into one reused buffer allocates
// almost nothing. It lives outside client/internal so that tui/cli can use
// it too.
//
// The output is byte-for-byte what encoding/json writes with
// SetEscapeHTML(false); the tests and FuzzString hold it to that.
package jsonappend

import (
	"encoding/binary"
	"unicode/utf8"
)

const hexDigits = "0123456789abcdef"

// String appends s as a quoted JSON string: quotes, backslashes and control
// characters escaped (\n, \r, \t, \b, \f by name, the rest as \u00XX),
// invalid UTF-8 replaced by \ufffd, and U+2028 and U+2029 escaped because
// JavaScript treats them as line ends. '<', '>' and '&' are left as they
// are. Runs of characters that need no escape are copied at once.
func String(b []byte, s string) []byte { return appendString(b, s, false) }

// VisibleString appends s as String does, with every invisible or format
// character, raw or as a marker, escaped as EscapeInvisible escapes it:
// EscapeInvisible of String's output, in one pass.
func VisibleString(b []byte, s string) []byte { return appendString(b, s, true) }

// appendString is String, or VisibleString if visible.
func appendString(b []byte, s string, visible bool) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		for i+8 <= len(s) && plainWord(s[i:i+8]) {
			i += 8
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		case visible && invisibleAt(s[i:], &r, &size):
			b = append(b, s[start:i]...)
			b = appendEscape(b, r)
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// Strings appends ss as a JSON array of strings. A nil slice is written as
// [], for APIs that always send an array; use NullableStrings where nil
// must read as null.
func Strings(b []byte, ss []string) []byte { return appendStrings(b, ss, false) }

// appendStrings is Strings, of VisibleString strings if visible.
func appendStrings(b []byte, ss []string, visible bool) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s, visible)
	}
	return append(b, ']')
}

// NullableStrings appends ss as encoding/json marshals a []string: null for
// a nil slice, otherwise as Strings does.
func NullableStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	return Strings(b, ss)
}

// NullableVisibleStrings is NullableStrings of VisibleString strings.
func NullableVisibleStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	return appendStrings(b, ss, true)
}

// plainWord reports whether none of the eight bytes of w needs a look: no
// control character, quote, backslash or non-ASCII byte (the classic tests
// for a zero byte and for bytes below a value, eight at a time).
func plainWord(w string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	x := binary.LittleEndian.Uint64([]byte(w))
	quote, backslash := x^(ones*'"'), x^(ones*'\\')
	special := (x - ones*0x20) | (quote-ones)&^quote | (backslash-ones)&^backslash | x
	return special&highs == 0
}
