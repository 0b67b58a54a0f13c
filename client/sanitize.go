package client

import (
	"encoding/binary"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sanitize removes terminal escape sequences and control characters from a
// string a server sent, so a hostile token name cannot move the cursor,
// recolour the screen, set the window title or write to the clipboard (OSC
// 52). Newlines and tabs become spaces: every server string is shown on one
// line. Invalid UTF-8 is replaced. Characters that draw nothing or pass for
// a space (zero-width, bidi and tag characters, see IsInvisible) become
// visible markers, ⟨U+200B⟩, so look-alike names can be told apart and
// columns stay aligned. Providers call it on every string they return;
// calling it again changes nothing.
func Sanitize(s string) string {
	if isPlain(s) {
		return s // the common case allocates nothing
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
			i++
			continue
		case r == 0x1b: // ESC: skip the whole sequence
			i = skipEscape(s, i+1)
			continue
		case r == 0x9b: // C1 CSI
			i = skipCSI(s, i+size)
			continue
		case r == 0x9d || r == 0x90 || r == 0x9e || r == 0x9f || r == 0x98: // C1 OSC, DCS, PM, APC, SOS
			i = skipString(s, i+size)
			continue
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r):
			// other C0/C1 controls are dropped
		case IsInvisible(r):
			appendMarker(&b, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// SanitizeAll sanitises every string of a slice in place and returns it.
func SanitizeAll(ss []string) []string {
	for i, s := range ss {
		ss[i] = Sanitize(s)
	}
	return ss
}

func isPlain(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		// No byte below 0x20, 0x7f or from 0x80 on, eight at a time.
		const ones, highs = 0x0101010101010101, 0x8080808080808080
		x := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
		del := x ^ (ones * 0x7f)
		if ((x-ones*0x20)|(del-ones)&^del|x)&highs != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f || c >= 0x80 {
			return false
		}
	}
	return true
}

// skipEscape returns the index after the escape sequence whose ESC was just
// before i.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', '^', '_', 'X': // OSC, DCS, PM, APC, SOS: run to ST or BEL
		return skipString(s, i+1)
	}
	// two- or three-byte escapes: intermediates 0x20-0x2f, then one final byte
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) {
		i++
	}
	return i
}

// skipCSI skips parameter and intermediate bytes up to and including the
// final byte (0x40-0x7e).
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		i++
		if c >= 0x40 && c <= 0x7e {
			break
		}
		if c < 0x20 || c > 0x7e {
			break // not part of a CSI: drop it with the sequence
		}
	}
	return i
}

// skipString skips a control string up to BEL, ESC \ or C1 ST.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i + 1
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		}
		i++
	}
	return i
}
