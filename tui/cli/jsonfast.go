package cli

import (
	"bufio"
	"strconv"
	"time"
	"unicode/utf8"
)

// list --json is what scripts pipe into jq for every token of an
// organisation, so it is written by hand rather than through encoding/json
// (which builds the whole document in memory first, by reflection). The
// output is byte-for-byte what json.Marshal gives for []jsonToken, compact;
// TestFastJSONMatchesEncodingJSON holds it to that.

// writeTokensJSON streams tokens as a compact JSON array and a newline.
func writeTokensJSON(w *bufio.Writer, tokens []jsonToken) error {
	buf := make([]byte, 0, 1024)
	w.WriteByte('[')
	for i := range tokens {
		if i > 0 {
			w.WriteByte(',')
		}
		buf = appendToken(buf[:0], &tokens[i])
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	w.WriteString("]\n")
	return w.Flush()
}

func appendToken(b []byte, t *jsonToken) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, t.ID)
	b = append(b, `,"name":`...)
	b = appendString(b, t.Name)
	b = append(b, `,"scopes":`...)
	b = appendStrings(b, t.Scopes)
	b = append(b, `,"role":`...)
	b = appendString(b, t.Role)
	b = append(b, `,"projects":`...)
	b = appendStrings(b, t.Projects)
	b = append(b, `,"environment":`...)
	b = appendString(b, t.Environment)
	b = append(b, `,"allowed_ips":`...)
	b = appendStrings(b, t.AllowedIPs)
	b = append(b, `,"created_at":`...)
	b = appendTime(b, t.CreatedAt.t)
	b = append(b, `,"expires_at":`...)
	b = appendTime(b, t.ExpiresAt.t)
	b = append(b, `,"last_used_at":`...)
	b = appendTime(b, t.LastUsedAt.t)
	b = append(b, `,"created_by":`...)
	b = appendString(b, t.CreatedBy)
	b = append(b, `,"secret_masked":`...)
	b = appendString(b, t.SecretMasked)
	b = append(b, `,"expired":`...)
	b = strconv.AppendBool(b, t.Expired)
	return append(b, '}')
}

func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, "null"...)
	}
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, time.RFC3339)
	return append(b, '"')
}

func appendStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

const hexDigits = "0123456789abcdef"

// appendString quotes s as encoding/json does with HTML escaping off:
// quotes, backslashes and control characters escaped, invalid UTF-8 as
// U+FFFD, and U+2028/U+2029 escaped for JavaScript.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
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
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
