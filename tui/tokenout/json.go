package tokenout

import (
	"bufio"
	"slices"
	"strconv"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/jsonappend"
	"github.com/tokentui/tokentui/tui/internal/chunked"
	"github.com/tokentui/tokentui/tui/internal/prefetch"
	"github.com/tokentui/tokentui/tui/internal/samelist"
)

// list --json is what scripts pipe into jq for every token of an
// organisation, so it is written by hand rather than through encoding/json
// (which builds the whole document in memory first, by reflection). The
// output is byte-for-byte what json.Marshal gives for []Token, compact;
// TestFastJSONMatchesEncodingJSON holds it to that.

// WriteJSON writes count tokens as a compact JSON array and a newline, and
// flushes w; token(i) is the i-th, made as it is written, so a list is
// never held twice. Invisible characters become \u escapes as
// jsonappend.EscapeInvisible writes them (in the same pass:
// jsonappend.VisibleString). token is called from several goroutines at
// once: runs of chunkTokens tokens are made on every core (chunked.Write).
func WriteJSON(w *bufio.Writer, count int, token func(i int) Token) error {
	return writeChunks(w, count, func(r *tokenRenderer, buf []byte, from, to int) []byte {
		for i := from; i < to; i++ {
			t := token(i)
			buf = r.append(buf, i, &t)
		}
		return buf
	})
}

// writeChunks writes count tokens as a JSON array, chunk(r, buf, from, to)
// appending tokens from to to-1 to buf with r, a renderer of its core's
// own.
func writeChunks(w *bufio.Writer, count int, chunk func(r *tokenRenderer, buf []byte, from, to int) []byte) error {
	chunks := (count + chunkTokens - 1) / chunkTokens
	err := chunked.Write(w, "[", chunks, func() chunked.Render {
		r := &tokenRenderer{}
		return func(buf []byte, c int) []byte {
			return chunk(r, buf, c*chunkTokens, min(count, (c+1)*chunkTokens))
		}
	}, "]\n")
	if err != nil {
		return err
	}
	return w.Flush()
}

// chunkTokens is how many tokens a chunk holds: WriteListed touches a
// chunk's tokens whole before writing them.
const chunkTokens = prefetch.Batch

// tokenRenderer writes tokens as JSON; one for each goroutine.
type tokenRenderer struct {
	// batch is a chunk's listed tokens, and tokens theirs, gathered
	// before they are written (WriteListed).
	batch  []Listed
	tokens []*client.Token
	made   Token // the one being written, made in place (WriteListed)
	// lists holds string lists as written, by the list: tokens share a
	// handful of scope lists (GoodAccess lists are decoded once for all
	// the tokens that have one), so each is written once, then copied.
	lists map[samelist.ID][]byte
}

// maxListsKept bounds what a renderer keeps: a list of tokens that share
// nothing costs what it did without.
const maxListsKept = 1024

// strings appends ss as encoding/json writes a []string, invisible
// characters escaped.
func (r *tokenRenderer) strings(b []byte, ss []string) []byte {
	if len(ss) < 3 {
		return jsonappend.NullableVisibleStrings(b, ss)
	}
	id := samelist.Of(ss)
	if out, ok := r.lists[id]; ok {
		return append(b, out...)
	}
	start := len(b)
	b = jsonappend.NullableVisibleStrings(b, ss)
	if r.lists == nil {
		r.lists = map[samelist.ID][]byte{}
	}
	if len(r.lists) < maxListsKept {
		r.lists[id] = slices.Clone(b[start:])
	}
	return b
}

// append appends the i-th token of the array, with the comma before it.
func (r *tokenRenderer) append(buf []byte, i int, t *Token) []byte {
	if i > 0 {
		buf = append(buf, ',')
	}
	return r.appendToken(buf, t)
}

// Of is token(i) of a slice, for WriteJSON and WriteCSV.
func Of(tokens []Token) (int, func(int) Token) {
	return len(tokens), func(i int) Token { return tokens[i] }
}

func (r *tokenRenderer) appendToken(b []byte, t *Token) []byte {
	b = append(b, `{"id":`...)
	b = jsonappend.VisibleString(b, t.ID)
	b = append(b, `,"name":`...)
	b = jsonappend.VisibleString(b, t.Name)
	b = append(b, `,"scopes":`...)
	b = r.strings(b, t.Scopes)
	b = append(b, `,"role":`...)
	b = jsonappend.VisibleString(b, t.Role)
	b = append(b, `,"projects":`...)
	b = r.strings(b, t.Projects)
	b = append(b, `,"environment":`...)
	b = jsonappend.VisibleString(b, t.Environment)
	b = append(b, `,"allowed_ips":`...)
	b = jsonappend.NullableVisibleStrings(b, t.AllowedIPs)
	b = append(b, `,"created_at":`...)
	b = appendTime(b, t.CreatedAt.t)
	b = append(b, `,"expires_at":`...)
	b = appendTime(b, t.ExpiresAt.t)
	b = append(b, `,"last_used_at":`...)
	b = appendTime(b, t.LastUsedAt.t)
	b = append(b, `,"created_by":`...)
	b = jsonappend.VisibleString(b, t.CreatedBy)
	b = append(b, `,"secret_masked":`...)
	b = jsonappend.VisibleString(b, t.SecretMasked)
	b = append(b, `,"expired":`...)
	b = strconv.AppendBool(b, t.Expired)
	b = append(b, `,"owner":`...)
	b = jsonappend.VisibleString(b, t.Owner)
	b = append(b, `,"secret_note":`...)
	b = jsonappend.VisibleString(b, t.SecretNote)
	b = append(b, `,"invalid_dates":`...)
	b = jsonappend.NullableVisibleStrings(b, t.InvalidDates)
	b = append(b, `,"self":`...)
	if t.Self == nil {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendBool(b, *t.Self)
	}
	b = append(b, `,"not_reported":`...)
	b = jsonappend.NullableVisibleStrings(b, t.NotReported)
	b = append(b, `,"profile":`...)
	b = jsonappend.VisibleString(b, t.Profile)
	b = append(b, `,"provider":`...)
	b = jsonappend.VisibleString(b, t.Provider)
	return append(b, '}')
}
