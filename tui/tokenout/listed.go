package tokenout

import (
	"bufio"
	"time"

	"github.com/tokentui/tokentui/client"
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
// A sorted list visits its tokens out of the order they sit in memory, so
// reading each token's first field used to stall the writer for a cache
// miss, token after token (a third of the time at 100 000 tokens). Each
// chunk's tokens are gathered first instead, with their memory touched in
// a tight loop the processor runs many misses of at once; they are then
// written from the cache.
func WriteListed(w *bufio.Writer, count int, token func(i int) Listed, now time.Time) error {
	return writeChunks(w, count, func(r *tokenRenderer, buf []byte, from, to int) []byte {
		r.batch = r.batch[:0]
		for i := from; i < to; i++ {
			r.batch = append(r.batch, token(i))
		}
		r.touch()
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

// touch reads the batch's tokens where writing them reads: a field every
// 64 bytes or less (each of its cache lines), then the first and last bytes
// of their ids and names. Each pass's reads do not wait on one another, so
// the processor has many misses under way at once. What they add up to
// means nothing; it keeps the reads from being dropped.
func (r *tokenRenderer) touch() {
	n := 0
	for _, l := range r.batch {
		n += len(l.Token.ID)
	}
	for _, l := range r.batch {
		t := l.Token
		n += len(t.Role) + len(t.AllowedIPs) + len(t.CreatedBy) + len(t.Profile) + len(t.SecretNote)
		if t.ExpiresAt.IsZero() {
			n++
		}
	}
	for _, l := range r.batch {
		if t := l.Token; t.ID != "" && t.Name != "" { // both ends: a line each
			n += int(t.ID[0]) + int(t.ID[len(t.ID)-1]) + int(t.Name[0]) + int(t.Name[len(t.Name)-1])
		}
	}
	r.touched += n
}
