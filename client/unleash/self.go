package unleash

import (
	"regexp"
	"strings"
)

// v2Pattern is Unleash's own pattern for a securely stored (v2) secret,
// anchored at the end: group 1 is the selector, which is what the list
// shows for such a token instead of its secret. Either part may hold "_".
var v2Pattern = regexp.MustCompile(`\.v2_([A-Za-z0-9_-]{22})_([A-Za-z0-9_-]{43})$`)

// v2Selector returns the selector of a v2 secret.
func v2Selector(secret string) (string, bool) {
	m := v2Pattern.FindStringSubmatch(secret)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// selfMatcher tells whether a listed secret is the admin token tokentui
// calls the API with: the same secret (a "Bearer " the server tolerates is
// not part of it), or, for a v2 admin token, its selector.
func selfMatcher(adminToken string) func(listed string) bool {
	token := strings.TrimSpace(adminToken)
	if len(token) > 7 && strings.EqualFold(token[:7], "bearer ") {
		token = strings.TrimSpace(token[7:])
	}
	selector, v2 := v2Selector(token)
	return func(listed string) bool {
		return listed != "" && (listed == token || v2 && listed == selector)
	}
}
