package tokenout

import (
	"bufio"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/internal/prefetch"
)

// Listed is a token of a list and where it was listed: its provider's
// kind, and the profile's name for a token that does not name it
// (Token.Profile is empty: one created, not listed).
type Listed struct {
	Token         *client.Token
	Profile, Kind string
}

// WriteListed writes count listed tokens as WriteJSON writes what From
// makes of them at now; token(i) is the i-th, called from several
// goroutines at once.
//
// A sorted list visits its tokens out of the order they sit in memory:
// each chunk's tokens are gathered and touched first (prefetch.Touch),
// then written from the cache.
func WriteListed(w *bufio.Writer, count int, token func(i int) Listed, now time.Time) error {
	return writeChunks(w, count, func(r *tokenRenderer, buf []byte, from, to int) []byte {
		r.batch, r.tokens = r.batch[:0], r.tokens[:0]
		for i := from; i < to; i++ {
			l := token(i)
			r.batch, r.tokens = append(r.batch, l), append(r.tokens, l.Token)
		}
		prefetch.Touch(r.tokens)
		for k, l := range r.batch {
			r.made.set(l.Token, l.Kind, now)
			if r.made.Profile == "" {
				r.made.Profile = l.Profile
			}
			buf = r.append(buf, from+k, &r.made)
		}
		return buf
	})
}
