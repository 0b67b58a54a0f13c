package rest

import (
	"errors"
	"io"

	"github.com/tokentui/tokentui/client"
)

// errBodyTooLarge: the body is longer than the cap; transportError words it.
var errBodyTooLarge = errors.New("response body too large")

// bodyChunk is the read size once the announced length is used up or when
// there is none.
const bodyChunk = 1 << 20

// readBody reads at most limit bytes of a response body. resty's own reader
// grows one buffer by doubling, so a 37 MB list of 100 000 tokens cost
// ~190 MB of allocations and held old and new buffers at once. Here the
// announced Content-Length (a hint: 0 or -1 when unknown, gzip) sizes the
// first read, so a normal body lands in one allocation of its size; the
// rest comes in 1 MiB chunks joined once.
func readBody(body io.Reader, contentLength int64, limit int) ([]byte, error) {
	if contentLength > int64(limit) {
		return nil, errBodyTooLarge
	}
	size := bodyChunk
	if contentLength > 0 {
		size = int(contentLength) + 1 // +1 finds the end without another read
	}
	var chunks [][]byte
	total := 0
	for {
		chunk := make([]byte, size)
		n, err := io.ReadFull(body, chunk)
		total += n
		if total > limit {
			return nil, errBodyTooLarge
		}
		chunks = append(chunks, chunk[:n:n])
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		size = bodyChunk
	}
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	out := make([]byte, 0, total)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return out, nil
}

// cappedReader reads at most left bytes and remembers why reading stopped
// (other than at the end), so a streamed body's network failure or excess
// length is reported as such rather than as broken JSON.
type cappedReader struct {
	r        io.Reader
	left     int
	err      error
	progress *client.Progress // told how much was read; nil: nobody asked
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if len(p) > c.left+1 { // one byte past the cap shows the body is longer
		p = p[:c.left+1]
	}
	n, err := c.r.Read(p)
	c.progress.AddBytes(int64(n))
	if c.left -= n; c.left < 0 {
		c.err = errBodyTooLarge
		return 0, c.err
	}
	if err != nil && !errors.Is(err, io.EOF) {
		c.err = err
	}
	return n, err
}
