package client

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// MaskSecret shows enough of a secret to recognise it and not enough to use
// it. An Unleash v2 secret keeps its readable "projects:environment." prefix:
// "default:production.25ee…b1".
func MaskSecret(secret string) string {
	if secret == "" {
		return ""
	}
	prefix, hash := "", secret
	if i := strings.LastIndexByte(secret, '.'); i >= 0 && i < len(secret)-1 && strings.Contains(secret[:i], ":") {
		prefix, hash = secret[:i+1], secret[i+1:]
	}
	if len(hash) <= 8 {
		return prefix + strings.Repeat("•", 6)
	}
	return prefix + hash[:4] + "…" + hash[len(hash)-2:]
}

// Fingerprint is a short, stable, non-secret id for a secret: the first 12
// hex digits of its SHA-256. Providers that address tokens by secret use it
// as Token.ID.
func Fingerprint(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:6])
}
