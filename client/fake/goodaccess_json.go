package fake

import (
	"time"
	"unicode/utf8"
)

// The token list is encoded by hand: with Extra: 100000 the list is ~30 MB,
// and appending into one buffer is several times faster than reflection and
// allocates once, so scale tests measure the client, not the emulator.

// gaEncodeList returns the bare JSON array the list endpoint serves.
func gaEncodeList(tokens []*gaToken) []byte {
	buf := make([]byte, 0, 64+len(tokens)*400) // ~370 bytes a token
	buf = append(buf, '[')
	for i, t := range tokens {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = gaAppendToken(buf, t)
	}
	return append(buf, ']', '\n')
}

// gaAppendToken appends one token object:
// {"id","name","scopes","allowed_ips","created_at","expires_at","last_used_at"}.
func gaAppendToken(buf []byte, t *gaToken) []byte {
	buf = append(buf, `{"id":`...)
	buf = gaAppendJSONString(buf, t.id)
	buf = append(buf, `,"name":`...)
	buf = gaAppendJSONString(buf, t.name)
	buf = append(buf, `,"scopes":`...)
	buf = gaAppendJSONStrings(buf, t.scopes)
	buf = append(buf, `,"allowed_ips":`...)
	buf = gaAppendJSONStrings(buf, t.allowedIPs)
	buf = append(buf, `,"created_at":`...)
	buf = gaAppendDate(buf, t.createdAt)
	buf = append(buf, `,"expires_at":`...)
	buf = gaAppendDate(buf, t.expiresAt)
	buf = append(buf, `,"last_used_at":`...)
	buf = gaAppendDate(buf, t.lastUsedAt)
	return append(buf, '}')
}

// gaAppendDate writes "Y-m-d H:i:s" in UTC, or null for the zero time.
func gaAppendDate(buf []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(buf, "null"...)
	}
	buf = append(buf, '"')
	buf = t.UTC().AppendFormat(buf, gaDateLayout)
	return append(buf, '"')
}

func gaAppendJSONStrings(buf []byte, ss []string) []byte {
	buf = append(buf, '[')
	for i, s := range ss {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = gaAppendJSONString(buf, s)
	}
	return append(buf, ']')
}

const gaHexDigits = "0123456789abcdef"

// gaAppendJSONString appends s as a JSON string. Control characters are
// escaped (a token name may hold escape sequences: the emulator must send
// them as the real API would, for the client to sanitise), and invalid UTF-8
// becomes U+FFFD so the output is always valid JSON.
func gaAppendJSONString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			buf = append(buf, s[start:i]...)
			switch c {
			case '"', '\\':
				buf = append(buf, '\\', c)
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			default:
				buf = append(buf, '\\', 'u', '0', '0', gaHexDigits[c>>4], gaHexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
			i++
			start = i
			continue
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}
