package client

import (
	"encoding/json"
	"slices"
	"strings"
	"time"
	"unicode"
)

// Bounds of SecretCandidates: how many it returns and how long a secret
// can be. Real secrets are 16 characters (short API keys) to a few hundred
// (JWTs); 4 KiB leaves room without letting a page of text through.
const (
	maxSecretCandidates = 5
	minCandidateLen     = 16
	maxCandidateLen     = 4096
)

// SecretCandidates finds the strings in a create's answer that may be the
// new token's secret, for an answer that did not hold it where the provider
// expected: a field of another name, an odd shape, a body cut short or too
// large. The secret exists nowhere else, so rather than lose it, these are
// shown to the person, labelled as guesses.
//
// The answer need not be valid JSON: every complete string literal in it is
// looked at. A candidate has 16 to 4096 characters and no spaces, and is
// not a date, a number, an id, or the value of a field that names or
// describes something (name, message, type, …), nor one of skip (what was
// sent, such as the token's name). Values of fields whose name suggests a
// secret (token, secret, key, …) come first. At most five are returned,
// sanitised; nil when there are none.
func SecretCandidates(body []byte, skip ...string) []string {
	var likely, other []string
	seen := map[string]bool{}
	stringLiterals(body, func(key, value string) {
		value = Sanitize(value)
		if seen[value] || !candidateValue(value) || slices.Contains(skip, value) || !candidateKey(key) {
			return
		}
		seen[value] = true
		if secretKey(key) {
			likely = append(likely, value)
		} else {
			other = append(other, value)
		}
	})
	out := append(likely, other...)
	if len(out) > maxSecretCandidates {
		out = out[:maxSecretCandidates]
	}
	return out
}

// stringLiterals calls visit for every complete JSON string literal of body
// that is a value, with the key of the member it belongs to ("" when none).
// It is a scanner, not a parser, so a cut or garbled body still yields what
// it holds; it reads body once.
func stringLiterals(body []byte, visit func(key, value string)) {
	key := ""
	for i := 0; i < len(body); i++ {
		if body[i] != '"' {
			continue
		}
		end := closingQuote(body, i+1)
		if end < 0 {
			return // the body ends inside a string
		}
		var s string
		valid := json.Unmarshal(body[i:end+1], &s) == nil
		i = end
		next := end + 1
		for next < len(body) && (body[next] == ' ' || body[next] == '\n' || body[next] == '\r' || body[next] == '\t') {
			next++
		}
		if next < len(body) && body[next] == ':' {
			key = s
			continue
		}
		if valid {
			visit(key, s)
		}
	}
}

// closingQuote is the index of the quote that ends the string starting at
// from, or -1 when the body ends first.
func closingQuote(body []byte, from int) int {
	for j := from; j < len(body); j++ {
		switch body[j] {
		case '\\':
			j++
		case '"':
			return j
		}
	}
	return -1
}

// candidateValue: long enough, short enough, no spaces, and not something
// else recognisable (a date, a number).
func candidateValue(s string) bool {
	if len(s) < minCandidateLen || len(s) > maxCandidateLen || strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		return false
	}
	if strings.Trim(s, "0123456789.-+:TZ") == "" {
		return false // a number, or a date in digits
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if _, err := time.Parse(layout, s); err == nil {
			return false
		}
	}
	return true
}

// describingKeys name fields whose values are never the secret.
var describingKeys = []string{"id", "name", "tokenname", "message", "type", "role", "environment",
	"project", "projects", "description", "status", "error", "error_description", "created_by",
	"createdby", "email", "url", "href", "alias", "org_id", "user_id", "created_id"}

// candidateKey is false for fields that name or describe, and for ids.
func candidateKey(key string) bool {
	k := strings.ToLower(key)
	if slices.Contains(describingKeys, k) {
		return false
	}
	return !strings.HasSuffix(k, "_id") && !(strings.HasSuffix(key, "Id") && len(key) > 2)
}

// secretKey is true for fields whose name suggests a credential.
func secretKey(key string) bool {
	k := strings.ToLower(key)
	for _, w := range []string{"secret", "token", "key", "jwt", "password", "credential", "bearer"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}
