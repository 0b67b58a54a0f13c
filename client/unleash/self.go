package unleash

import (
	"strings"

	"github.com/tokentui/tokentui/client"
)

// selfMatcher tells whether a listed token is the admin token tokentui
// calls the API with: a plain token by its secret (a "Bearer " the server
// tolerates is not part of it), a securely stored (v2) one by its selector,
// which is its ID and all the list shows of it.
func selfMatcher(adminToken string) func(t client.Token) bool {
	token := strings.TrimSpace(adminToken)
	if len(token) > 7 && strings.EqualFold(token[:7], "bearer ") {
		token = strings.TrimSpace(token[7:])
	}
	info, _ := ParseSecret(token)
	return func(t client.Token) bool {
		switch {
		case t.Secret != "":
			return t.Secret == token
		case info.Version == 2:
			return t.ID == info.Selector
		}
		return false
	}
}
