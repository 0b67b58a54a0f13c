package client

import (
	"strings"
	"time"
)

// ClockSkew is how far a server's clock may be behind ours when a token's
// creation time is compared with the moment a request was sent.
const ClockSkew = 10 * time.Minute

// Appeared picks, from a list read after a create whose outcome is unknown,
// the tokens that may be what it made: named as requested (the name as
// providers store it: sanitised, trimmed), and either not in the list from
// before (known) or, without one (known nil), made since the request was
// sent, give or take ClockSkew.
func Appeared(tokens []Token, requested string, known func(id string) bool, sentAt time.Time) []Token {
	name := strings.TrimSpace(Sanitize(requested))
	var out []Token
	for _, t := range tokens {
		if strings.TrimSpace(t.Name) != name {
			continue
		}
		if known != nil {
			if known(t.ID) {
				continue
			}
		} else if !t.CreatedAt.IsZero() && t.CreatedAt.Before(sentAt.Add(-ClockSkew)) {
			continue
		}
		out = append(out, t)
	}
	return out
}
