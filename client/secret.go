package client

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// MaskSecret shows enough of a secret to recognise it and not enough to use
// it. An Unleash v2 secret keeps its readable "projects:environment." prefix:
// "default:production.25ee…b1".
func MaskSecret(secret string) string {
	if secret == "" {
		return ""
	}
	n := unleashPrefixLen(secret)
	prefix, hash := Sanitize(secret[:n]), secret[n:]
	if prefix != "" && IsSecureV2(hash) {
		// Unleash's secure format: the selector is the token's public id
		// (the admin API lists it), the 43 characters after it the secret.
		return prefix + hash[:len(secureV2Lead)+secureV2SelectorLen+1] + "…"
	}
	if len(hash) <= 8 {
		return prefix + strings.Repeat("•", 6)
	}
	// Sanitised: a pasted secret (inspect) may hold anything, and the kept
	// characters must not carry half an escape sequence to the terminal.
	return prefix + Sanitize(hash[:4]) + "…" + Sanitize(hash[len(hash)-2:])
}

// unleashPrefixLen is the length of a secret's readable Unleash
// "projects:environment." prefix, dot included; 0 when it has none. The
// prefix ends at the first dot after the colon: project ids may hold dots,
// but what follows the environment is secret, and an admin token
// ("*:*.<any text>") may hold dots of its own.
func unleashPrefixLen(secret string) int {
	c := strings.IndexByte(secret, ':')
	if c < 0 {
		return 0
	}
	j := strings.IndexByte(secret[c:], '.')
	if j < 0 {
		return 0
	}
	i := c + j
	if i < len(secret)-1 && unleashPrefix(secret[:i]) {
		return i + 1
	}
	return 0
}

// The tail of an Unleash secure (v2) secret after "<projects>:<environment>.":
// "v2_", a 22-character selector, "_", a 43-character secret, both
// base64url (either may hold "_" or "-").
const (
	secureV2Lead        = "v2_"
	secureV2SelectorLen = 22
	secureV2SecretLen   = 43
)

// IsSecureV2 reports whether tail is "v2_<selector>_<secret>", the part of
// an Unleash secure secret after its "<projects>:<environment>." prefix.
func IsSecureV2(tail string) bool {
	if len(tail) != len(secureV2Lead)+secureV2SelectorLen+1+secureV2SecretLen || !strings.HasPrefix(tail, secureV2Lead) {
		return false
	}
	rest := tail[len(secureV2Lead):]
	return rest[secureV2SelectorLen] == '_' && IsBase64URL(rest[:secureV2SelectorLen]) && IsBase64URL(rest[secureV2SelectorLen+1:])
}

// IsBase64URL reports whether s is a non-empty run of the base64url
// alphabet, without padding.
func IsBase64URL(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// Fingerprint is a short, stable, non-secret id for a secret: the first 12
// hex digits of its SHA-256. Providers that address tokens by secret use it
// as Token.ID.
func Fingerprint(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:6])
}

// unleashPrefix reports whether s can be an Unleash "projects:environment"
// (URL-friendly ids, "*" and "[]"), so that text of another kind of secret
// that merely holds a colon is never shown.
func unleashPrefix(s string) bool {
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case strings.ContainsRune("-_.~*[]:", r):
		default:
			return false
		}
	}
	return true
}

// IsHex reports whether s is a non-empty run of hexadecimal digits.
func IsHex(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// DescribeExpiry is an expiry for a sentence: "never", "2027-01-31T10:00:00Z
// (expired)", "2027-01-31T10:00:00Z (in 12 days)", or InvalidDate for a
// time out of range (see ValidTime; not the zero time, which is "never").
func DescribeExpiry(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	if !ValidTime(t) {
		return InvalidDate
	}
	when := t.UTC().Format(time.RFC3339)
	if !t.After(now) {
		return when + " (expired)"
	}
	return when + " (in " + roughly(t.Sub(now)) + ")"
}

// roughly is a duration in its largest whole unit of minutes, hours or days.
func roughly(d time.Duration) string {
	switch {
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + " minutes"
	case d < 48*time.Hour:
		return strconv.Itoa(int(d/time.Hour)) + " hours"
	}
	return strconv.Itoa(int(d/(24*time.Hour))) + " days"
}
