package emulator

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"regexp"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client/jsonappend"
)

// Secure token storage as unleash-server 8.2.0 does it with
// UNLEASH_EXPERIMENTAL_SECURE_TOKEN=true (shared/specs/unleash-secure-tokens.md,
// observed): a v2 secret is "<projects>:<environment>.v2_<selector>_<secret>",
// 16 and 32 random bytes in base64url; the server keeps the selector and a
// SHA-256 verifier of the whole secret, lists the selector where a v1 token
// lists its secret, and returns the secret only in the create answer.

// unleashV2Pattern is the server's own pattern, anchored at the end: either
// part may hold "_" or "-", so it is never split on "_".
var unleashV2Pattern = regexp.MustCompile(`\.v2_([A-Za-z0-9_-]{22})_([A-Za-z0-9_-]{43})$`)

// unleashSelectorPattern is a selector on its own, as admin routes take it.
var unleashSelectorPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{22}$`)

// unleashV2Selector is the selector a full v2 secret or a bare selector
// names; ok is false for anything else (a v1 secret, say).
func unleashV2Selector(s string) (string, bool) {
	if m := unleashV2Pattern.FindStringSubmatch(s); m != nil {
		return m[1], true
	}
	if unleashSelectorPattern.MatchString(s) {
		return s, true
	}
	return "", false
}

// unleashVerifier is what the server stores of a v2 secret: SHA-256 of the
// whole secret, prefix included, in base64url.
func unleashVerifier(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// credentialLocked finds the token a credential authenticates as: a v1
// secret exactly, or a full v2 secret whose verifier matches. A selector
// alone, or a v2 secret with a wrong secret part, is no credential.
func (u *Unleash) credentialLocked(cred string) (*unleashToken, bool) {
	if m := unleashV2Pattern.FindStringSubmatch(cred); m != nil {
		i, ok := u.byKey[m[1]]
		if !ok {
			return nil, false
		}
		t := u.tokens[i]
		if !t.secure || subtle.ConstantTimeCompare([]byte(t.verifier), []byte(unleashVerifier(cred))) != 1 {
			return nil, false
		}
		return t, true
	}
	i, ok := u.byKey[cred]
	if !ok || u.tokens[i].secure {
		return nil, false
	}
	return u.tokens[i], true
}

// unleashRandom64 is n random bytes in base64url.
func unleashRandom64(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error()) // never carries a secret
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// makeSecure turns t into a v2 token with the given selector and secret
// part and returns the full secret, which is not kept.
func (t *unleashToken) makeSecure(selector, secretPart string) string {
	prefix := unleashSecret(t.projects, t.environment, "")
	full := prefix + "v2_" + selector + "_" + secretPart
	t.secure, t.selector, t.verifier, t.secret = true, selector, unleashVerifier(full), ""
	return full
}

// IssueSecureToken stores a v2 token directly, like IssueToken, and
// returns its full secret (the emulator keeps only its verifier). Its type
// is kept as given: the v2 store lists a backend token as backend.
func (u *Unleash) IssueSecureToken(name, tokenType string, projects []string, environment string, expiresAt time.Time) string {
	if len(projects) == 0 {
		projects = []string{"*"}
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	t := &unleashToken{
		name:        name,
		typ:         strings.ToLower(tokenType),
		projects:    append([]string(nil), projects...),
		environment: environment,
		createdAt:   u.clock.now(),
		expiresAt:   expiresAt,
	}
	secret := t.makeSecure(unleashRandom64(16), unleashRandom64(32))
	u.addLocked(t)
	return secret
}

// unleashAppendSecureListed appends a v2 token as the list shows it: the
// selector as "secret", "secure": true, no alias, and expiresAt and seenAt
// left out (not null) when unset.
func unleashAppendSecureListed(b []byte, t *unleashToken) []byte {
	b = append(b, `{"secret":`...)
	b = jsonappend.String(b, t.selector)
	b = append(b, `,"tokenName":`...)
	b = jsonappend.String(b, t.name)
	b = append(b, `,"type":`...)
	b = jsonappend.String(b, t.typ)
	b = append(b, `,"projects":`...)
	b = jsonappend.Strings(b, t.projects)
	b = append(b, `,"project":`...)
	b = jsonappend.String(b, strings.Join(t.projects, ","))
	b = append(b, `,"environment":`...)
	b = jsonappend.String(b, t.environment)
	b = unleashAppendOptionalTime(b, "expiresAt", t.expiresAt)
	b = append(b, `,"createdAt":`...)
	b = unleashAppendTime(b, t.createdAt)
	b = unleashAppendOptionalTime(b, "seenAt", t.seenAt)
	return append(b, `,"secure":true}`...)
}

// unleashAppendSecureCreated appends the create answer of a v2 token: the
// full secret, once, and no selector field (a client derives it).
func unleashAppendSecureCreated(b []byte, t *unleashToken, secret string) []byte {
	b = append(b, `{"projects":`...)
	b = jsonappend.Strings(b, t.projects)
	b = append(b, `,"tokenName":`...)
	b = jsonappend.String(b, t.name)
	b = append(b, `,"type":`...)
	b = jsonappend.String(b, t.typ)
	b = append(b, `,"environment":`...)
	b = jsonappend.String(b, t.environment)
	b = unleashAppendOptionalTime(b, "expiresAt", t.expiresAt)
	b = append(b, `,"createdAt":`...)
	b = unleashAppendTime(b, t.createdAt)
	b = append(b, `,"secure":true,"secret":`...)
	b = jsonappend.String(b, secret)
	b = append(b, `,"project":`...)
	b = jsonappend.String(b, strings.Join(t.projects, ","))
	return append(b, '}')
}

// unleashAppendOptionalTime appends `,"key":"<time>"`, or nothing for the
// zero time.
func unleashAppendOptionalTime(b []byte, key string, t time.Time) []byte {
	if t.IsZero() {
		return b
	}
	b = append(b, `,"`...)
	b = append(b, key...)
	b = append(b, `":`...)
	return unleashAppendTime(b, t)
}
