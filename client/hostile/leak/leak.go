// Package leak finds a secret in text the way an attacker reading a log
// would, independently of client.Scrub, so tests of the scrubbing are not
// checked by the code they test.
package leak

import (
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// marker is the text client.Sanitize writes for an invisible character.
var marker = regexp.MustCompile(`⟨U\+[0-9A-F]{4,6}⟩`)

// Run returns the first run of n characters of secret that text holds once
// the encodings a server might echo it in are undone (percent-encoding,
// nested; JSON and HTML escapes; case) and everything but printable ASCII
// is dropped (invisible characters, markers); "" when there is none.
func Run(text, secret string, n int) string {
	t, s := normal(decode(text)), normal(secret)
	for i := 0; i+n <= len(s); i++ {
		if strings.Contains(t, s[i:i+n]) {
			return s[i : i+n]
		}
	}
	return ""
}

func decode(s string) string {
	for range 4 {
		s = marker.ReplaceAllString(s, "")
		if u, err := url.PathUnescape(s); err == nil {
			s = u
		} else {
			s = percentLoose(s)
		}
		s = html.UnescapeString(s)
		s = unescapeJSON(s)
	}
	return s
}

// percentLoose undoes every well-formed %XX, leaving a stray % alone
// (url.PathUnescape gives up on the whole text for one).
func percentLoose(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func unescapeJSON(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		switch c := s[i+1]; c {
		case 'u', 'U':
			if i+6 <= len(s) {
				if v, err := strconv.ParseUint(s[i+2:i+6], 16, 32); err == nil {
					b.WriteRune(rune(v))
					i += 5
					continue
				}
			}
		case 'x':
			if i+4 <= len(s) {
				if v, err := strconv.ParseUint(s[i+2:i+4], 16, 8); err == nil {
					b.WriteByte(byte(v))
					i += 3
					continue
				}
			}
		default:
			b.WriteByte(c)
			i++
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// normal lower-cases s and keeps only printable ASCII.
func normal(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r > ' ' && r < 0x7f {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Echoes are the ways a server may quote s back: raw, percent-encoded in
// lower or upper case (every byte or only the reserved ones), upper- and
// lower-cased, JSON-escaped, with a zero-width space between characters,
// and cut to its first 20 characters.
func Echoes(s string) map[string]string {
	return map[string]string{
		"raw":                s,
		"percent, lower":     strings.ToLower(Percent(s, false)),
		"percent, every":     Percent(s, true),
		"percent, lower hex": strings.ToLower(Percent(s, true)),
		"upper-cased":        strings.ToUpper(s),
		"JSON-escaped":       JSONEscaped(s),
		"zero-width between": strings.Join(strings.Split(s, ""), "\u200b"),
		"cut":                s[:min(len(s), 20)],
	}
}

// Percent percent-encodes every byte of s (every) or only the reserved
// ones, in upper-case hex.
func Percent(s string, every bool) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if every || strings.IndexByte(":*/.?#[]@!$&'()+,;= ", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// JSONEscaped writes every character of s as a \u escape.
func JSONEscaped(s string) string {
	var b strings.Builder
	for _, r := range s {
		fmt.Fprintf(&b, `\u%04x`, r)
	}
	return b.String()
}
