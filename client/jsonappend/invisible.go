package jsonappend

import (
	"encoding/binary"
	"unicode/utf8"

	"github.com/tokentui/tokentui/client"
)

// EscapeInvisible appends the JSON text src to dst with every invisible or
// format character escaped as \uXXXX (a surrogate pair above U+FFFF):
// those written raw, and those client.Sanitize turned into a marker
// (⟨U+200B⟩), which become the character they stand for again. A script
// reading the JSON gets the server's text; a person reading it raw sees
// the escape instead of nothing, so "prod\u200b-deploy" cannot pass for
// "prod-deploy". JSON's structure is ASCII, so whatever is found is inside
// a string.
func EscapeInvisible(dst, src []byte) []byte {
	start := 0
	for i := 0; i < len(src); {
		for i+8 <= len(src) && binary.LittleEndian.Uint64(src[i:])&0x8080808080808080 == 0 {
			i += 8 // ASCII: nothing invisible
		}
		if i == len(src) {
			break
		}
		if src[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if m, n, ok := client.ParseMarker(string(src[i:min(len(src), i+len("⟨U+10FFFF⟩"))])); ok {
			r, size = m, n
		} else if !client.IsInvisible(r) {
			i += size
			continue
		}
		dst = append(dst, src[start:i]...)
		dst = appendEscape(dst, r)
		i += size
		start = i
	}
	return append(dst, src[start:]...)
}

// invisibleAt reports whether s starts with an invisible character *r of
// *size bytes, or a marker of one: it then sets *r and *size to what the
// marker stands for and its length, as EscapeInvisible reads them.
func invisibleAt(s string, r *rune, size *int) bool {
	if m, n, ok := client.ParseMarker(s); ok {
		*r, *size = m, n
		return true
	}
	return client.IsInvisible(*r)
}

// appendEscape writes r as \uXXXX, or as a UTF-16 surrogate pair.
func appendEscape(b []byte, r rune) []byte {
	if r > 0xffff {
		r -= 0x10000
		b = appendU(b, 0xd800+(r>>10))
		return appendU(b, 0xdc00+(r&0x3ff))
	}
	return appendU(b, r)
}

func appendU(b []byte, r rune) []byte {
	return append(b, '\\', 'u', hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
}
