package cli

import (
	"io"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/jsonappend"
)

// list --json is what scripts pipe into jq for every token of an
// organisation, so it is written by hand rather than through encoding/json
// (which builds the whole document in memory first, by reflection). The
// output is byte-for-byte what json.Marshal gives for []jsonToken, compact;
// TestFastJSONMatchesEncodingJSON holds it to that.

// writeTokensJSON writes count tokens as a compact JSON array and a
// newline; token(i) is the i-th, made as it is written, so the list is
// never held twice. token is called from several goroutines at once: runs
// of tokens are written on every core (chunkTokens at a time, each into a
// buffer of its own), and the buffers go out in order, at most two for
// each core in memory at once.
func writeTokensJSON(w io.Writer, count int, token func(i int) jsonToken) error {
	chunks := (count + chunkTokens - 1) / chunkTokens
	workers := min(runtime.GOMAXPROCS(0), chunks)
	ring := 2 * max(workers, 1)
	free := make(chan []byte, ring)
	for range ring {
		free <- make([]byte, 0, chunkTokens*768)
	}
	ready := make([]chan []byte, ring)
	for i := range ready {
		ready[i] = make(chan []byte, 1)
	}
	jobs, stop := make(chan int), make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			r := tokenRenderer{}
			for c := range jobs {
				var buf []byte
				select {
				case buf = <-free:
				case <-stop:
					return
				}
				ready[c%ring] <- r.chunk(buf, c, count, token)
			}
		})
	}
	go func() {
		defer close(jobs)
		for c := range chunks {
			select {
			case jobs <- c:
			case <-stop:
				return
			}
		}
	}()
	err := writeChunks(w, chunks, ready, free)
	close(stop)
	wg.Wait()
	return err
}

// chunkTokens is how many tokens a chunk holds.
const chunkTokens = 256

// writeChunks writes the array's chunks in order as they are ready, and
// hands each buffer back.
func writeChunks(w io.Writer, chunks int, ready []chan []byte, free chan []byte) error {
	if _, err := io.WriteString(w, "["); err != nil {
		return err
	}
	for c := range chunks {
		buf := <-ready[c%len(ready)]
		if _, err := w.Write(buf); err != nil {
			return err
		}
		free <- buf[:0]
	}
	_, err := io.WriteString(w, "]\n")
	return err
}

// tokenRenderer writes tokens as JSON; one for each goroutine.
type tokenRenderer struct {
	one []byte // one token, before invisible characters are escaped
}

// chunk appends the c-th chunk of tokens to buf, with the commas before
// them.
func (r *tokenRenderer) chunk(buf []byte, c, count int, token func(i int) jsonToken) []byte {
	for i := c * chunkTokens; i < min(count, (c+1)*chunkTokens); i++ {
		if i > 0 {
			buf = append(buf, ',')
		}
		t := token(i)
		r.one = appendToken(r.one[:0], &t)
		buf = jsonappend.EscapeInvisible(buf, r.one) // see writeJSON
	}
	return buf
}

func appendToken(b []byte, t *jsonToken) []byte {
	b = append(b, `{"id":`...)
	b = jsonappend.String(b, t.ID)
	b = append(b, `,"name":`...)
	b = jsonappend.String(b, t.Name)
	b = append(b, `,"scopes":`...)
	b = jsonappend.NullableStrings(b, t.Scopes)
	b = append(b, `,"role":`...)
	b = jsonappend.String(b, t.Role)
	b = append(b, `,"projects":`...)
	b = jsonappend.NullableStrings(b, t.Projects)
	b = append(b, `,"environment":`...)
	b = jsonappend.String(b, t.Environment)
	b = append(b, `,"allowed_ips":`...)
	b = jsonappend.NullableStrings(b, t.AllowedIPs)
	b = append(b, `,"created_at":`...)
	b = appendTime(b, t.CreatedAt.t)
	b = append(b, `,"expires_at":`...)
	b = appendTime(b, t.ExpiresAt.t)
	b = append(b, `,"last_used_at":`...)
	b = appendTime(b, t.LastUsedAt.t)
	b = append(b, `,"created_by":`...)
	b = jsonappend.String(b, t.CreatedBy)
	b = append(b, `,"secret_masked":`...)
	b = jsonappend.String(b, t.SecretMasked)
	b = append(b, `,"expired":`...)
	b = strconv.AppendBool(b, t.Expired)
	b = append(b, `,"owner":`...)
	b = jsonappend.String(b, t.Owner)
	b = append(b, `,"secret_note":`...)
	b = jsonappend.String(b, t.SecretNote)
	b = append(b, `,"invalid_dates":`...)
	b = jsonappend.NullableStrings(b, t.InvalidDates)
	b = append(b, `,"self":`...)
	if t.Self == nil {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendBool(b, *t.Self)
	}
	b = append(b, `,"not_reported":`...)
	b = jsonappend.NullableStrings(b, t.NotReported)
	return append(b, '}')
}

// appendTime writes a time as JSON.md promises: RFC 3339 with a four-digit
// year, or null for no time and for one out of range (client.ValidTime).
func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() || !client.ValidTime(t) {
		return append(b, "null"...)
	}
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, time.RFC3339)
	return append(b, '"')
}
