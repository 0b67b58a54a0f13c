package client

import (
	"crypto/sha256"
	"crypto/subtle"
	"strings"
)

// SecretMatcher is implemented by providers that can tell which of their
// tokens a secret is, from what their list holds: Unleash lists secrets
// (or, for a securely stored token, the selector every secret carries),
// and a Border0 token carries its own id in its claims. A provider whose
// list holds nothing of a secret (GoodAccess) does not implement it, and
// then nobody can tell which token a leaked secret is.
type SecretMatcher interface {
	// MatchSecret looks secret (trimmed, without "Bearer ", see
	// NormalizeSecret) up among tokens, a list this provider returned.
	// A Foreign verdict never depends on tokens, so a caller may ask with
	// none first and list only when the answer is not Foreign. Nothing in
	// the answer holds the secret.
	MatchSecret(secret string, tokens []Token) SecretMatch
}

// MatchVerdict is what a provider could tell about a secret.
type MatchVerdict int

const (
	// MatchFound: the secret is Token.
	MatchFound MatchVerdict = iota + 1
	// MatchNotListed: the secret has this provider's form (and, where it
	// says so, this organisation's), but no listed token is it: revoked
	// already, or a kind of token the list does not include.
	MatchNotListed
	// MatchForeign: the secret is not one of this provider's, or belongs
	// to another organisation or instance.
	MatchForeign
)

// SecretMatch is a provider's answer about one secret.
type SecretMatch struct {
	Verdict MatchVerdict
	Token   Token // with MatchFound
	// Says is one sentence for people: how the token was identified and
	// how sure that is, or why no listed token is the secret. It never
	// holds the secret.
	Says string
}

// NormalizeSecret is a pasted secret as a provider compares it: without
// surrounding white space and a leading "Bearer ".
func NormalizeSecret(secret string) string {
	s := strings.TrimSpace(secret)
	if len(s) > 7 && strings.EqualFold(s[:7], "bearer ") {
		s = strings.TrimSpace(s[7:])
	}
	return s
}

// SecretHash is a secret's SHA-256, to be compared with SameSecret.
type SecretHash [sha256.Size]byte

// HashSecret hashes a secret for SameSecret.
func HashSecret(secret string) SecretHash { return sha256.Sum256([]byte(secret)) }

// SameSecret reports whether two hashed secrets are the same, in a time
// that does not depend on where they differ: a secret is never compared
// character by character with one an attacker may be timing.
func SameSecret(a, b SecretHash) bool { return subtle.ConstantTimeCompare(a[:], b[:]) == 1 }
