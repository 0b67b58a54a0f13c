package rest

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
)

// listScanner reads a list answer once, front to back, and cuts it into
// values: the structure around the list (an envelope object, the commas
// between elements) it walks itself; each value it copies out whole, with
// every run of whitespace outside strings cut to one space, for a decoder
// to decode (elements.go) on any core.
//
// It is why a list costs time and memory in proportion to its size, and
// no more than reading it:
//   - one pass, no rescanning: encoding/json's Decoder rescanned buffered
//     whitespace on every refill, so 32 MiB of it (32 KB of gzip on the
//     wire) took 11 s of CPU, and jsontext, fast otherwise, kept every byte
//     of whitespace between two values in its buffer;
//   - string contents, most of a token list, are skipped eight bytes at a
//     time, the rest is looked at byte by byte.
//
// It checks only what finding the values needs: brackets that match (at
// most maxDepth deep within a value, as encoding/json allows), strings that
// end, commas and colons where they belong. A value's own syntax is the
// decoder's to check: segmentio's decoder refuses what encoding/json
// refuses (FuzzDecodeListMatchesEncodingJSON).
type listScanner struct {
	r        io.Reader
	buf      []byte
	pos, n   int
	consumed int64 // bytes of the answer before buf[0]
	err      error // why reading stopped; io.EOF at the end
	stack    []byte
	known    knownArrays // arrays met before, taken whole (known.go)
	// special says a string of the last value held an escape, a control
	// character or a byte beyond ASCII: what decodeElement must look at
	// more closely, and the plain decoder cannot decode (plain.go).
	special  bool
	specials int // special bytes and escapes met, in all: where (known.go)
}

// maxDepth is how deeply a value may nest: encoding/json's limit.
const maxDepth = 10000

// errGarbled is any syntax error: worded "truncated or garbled".
var errGarbled = &json.SyntaxError{}

const scanBuffer = 64 << 10

func newListScanner(r io.Reader) *listScanner {
	return &listScanner{r: r, buf: make([]byte, scanBuffer), known: newKnownArrays()}
}

// offset is how much of the answer has been looked at.
func (s *listScanner) offset() int64 { return s.consumed + int64(s.pos) }

// fill reads more; false when there is no more (s.err says why).
func (s *listScanner) fill() bool {
	if s.err != nil {
		return false
	}
	s.consumed += int64(s.n)
	s.pos, s.n = 0, 0
	for s.n == 0 {
		n, err := s.r.Read(s.buf)
		s.n = n
		if err != nil {
			s.err = err
			return n > 0
		}
	}
	return true
}

// failed is the error for an answer that ended or broke off here.
func (s *listScanner) failed() error {
	if s.err != nil && !errors.Is(s.err, io.EOF) {
		return s.err // a read error: the transport's to word
	}
	return io.ErrUnexpectedEOF
}

// peek skips whitespace and returns the next byte, without taking it; ok
// is false at the end of the answer.
func (s *listScanner) peek() (c byte, ok bool) {
	for {
		for s.pos < s.n {
			switch c := s.buf[s.pos]; c {
			case ' ', '\t', '\n', '\r':
				s.pos++
			default:
				return c, true
			}
		}
		if !s.fill() {
			return 0, false
		}
	}
}

// expect takes the next byte, after whitespace, if it is c.
func (s *listScanner) expect(c byte) error {
	got, ok := s.peek()
	if !ok {
		return s.failed()
	}
	if got != c {
		return errGarbled
	}
	s.pos++
	return nil
}

// value appends the next value, after whitespace, to dst.
func (s *listScanner) value(dst []byte) ([]byte, error) {
	s.special = false
	c, ok := s.peek()
	if !ok {
		return dst, s.failed()
	}
	switch c {
	case '{', '[':
		return s.composite(dst)
	case '"':
		s.pos++
		return s.stringRest(append(dst, '"'))
	case ',', ':', '}', ']':
		return dst, errGarbled
	}
	return s.scalar(dst), nil
}

// composite copies an object or array, from its opening bracket on. It
// copies runs of bytes whole: up to a run of whitespace (which it writes
// as one space) or the end of what was read.
func (s *listScanner) composite(dst []byte) ([]byte, error) {
	s.stack = s.stack[:0]
	space := false
	run := s.pos // where the bytes not yet copied start
	for {
		if s.pos == s.n {
			dst = append(dst, s.buf[run:s.pos]...)
			if !s.fill() {
				return dst, s.failed()
			}
			run = s.pos
		}
		c := s.buf[s.pos]
		switch c {
		case ' ', '\t', '\n', '\r':
			s.known.spoil()
			dst = append(dst, s.buf[run:s.pos]...)
			if !space {
				dst, space = append(dst, ' '), true
			}
			s.pos++
			run = s.pos
			continue
		case '"':
			s.pos++
			var err error
			if dst, run, err = s.skipString(dst, run); err != nil {
				return dst, err
			}
			space = false
			continue
		case '{', '[':
			if len(s.stack) == maxDepth {
				return dst, errGarbled // encoding/json: exceeded max depth
			}
			if c == '[' && len(s.stack) > 0 {
				if n, special := s.known.match(s.buf[s.pos:s.n]); n > 0 {
					s.pos += n
					s.special = s.special || special
					// What holds a known array is not flat: not kept.
					s.known.spoil()
					space = false
					continue
				}
				s.known.open(s.pos, len(s.stack)+1, s.consumed, s.specials)
			} else {
				s.known.spoil()
			}
			s.stack = append(s.stack, c+2) // '{'+2 == '}', '['+2 == ']'
		case '}', ']':
			if s.stack[len(s.stack)-1] != c {
				return dst, errGarbled
			}
			s.known.close(s.buf, s.pos, len(s.stack), s.consumed, s.specials)
			if s.stack = s.stack[:len(s.stack)-1]; len(s.stack) == 0 {
				s.pos++
				return append(dst, s.buf[run:s.pos]...), nil
			}
		}
		s.pos++
		space = false
	}
}

// skipString moves past a string after its opening quote, up to and with
// its closing one: eight bytes at a time up to a quote, a backslash, a
// control character or a byte beyond ASCII (which it notes as special).
// The bytes since run are copied to dst only when the buffer is refilled;
// run is where the bytes not yet copied start after it.
func (s *listScanner) skipString(dst []byte, run int) ([]byte, int, error) {
	for {
		i := s.pos
		for i+8 <= s.n && !quoteBackslashControlOrHigh(binary.LittleEndian.Uint64(s.buf[i:])) {
			i += 8
		}
		for i < s.n && s.buf[i] != '"' && s.buf[i] != '\\' {
			if c := s.buf[i]; c >= 0x80 || c < 0x20 {
				s.special, s.specials = true, s.specials+1
			}
			i++
		}
		s.pos = i
		if i == s.n {
			dst = append(dst, s.buf[run:i]...)
			if !s.fill() {
				return dst, run, s.failed()
			}
			run = s.pos
			continue
		}
		s.pos++
		if s.buf[i] == '"' {
			return dst, run, nil
		}
		s.special, s.specials = true, s.specials+1
		// A backslash: the next byte is escaped, whatever it is.
		if s.pos == s.n {
			dst = append(dst, s.buf[run:s.pos]...)
			if !s.fill() {
				return dst, run, s.failed()
			}
			run = s.pos
		}
		s.pos++
	}
}

// stringRest copies a string after its opening quote, up to and with its
// closing one.
func (s *listScanner) stringRest(dst []byte) ([]byte, error) {
	dst, run, err := s.skipString(dst, s.pos)
	if err != nil {
		return dst, err
	}
	return append(dst, s.buf[run:s.pos]...), nil
}

// scalar copies a number or a literal (true, false, null, or what a
// decoder will refuse): up to the next delimiter or whitespace.
func (s *listScanner) scalar(dst []byte) []byte {
	for {
		start := s.pos
		for s.pos < s.n && !delimiter(s.buf[s.pos]) {
			s.pos++
		}
		dst = append(dst, s.buf[start:s.pos]...)
		if s.pos < s.n || !s.fill() {
			return dst
		}
	}
}

func delimiter(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', ',', ':', '{', '}', '[', ']', '"':
		return true
	}
	return false
}

// quoteBackslashControlOrHigh reports whether any of the eight bytes of x
// is '"', '\\', below 0x20 or beyond ASCII (the classic test for a byte
// below n, (x - n)&^x, applied to x XOR the byte for a zero byte, and to
// x for 0x20; the high bits).
func quoteBackslashControlOrHigh(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	q := x ^ (ones * '"')
	bs := x ^ (ones * '\\')
	return ((q-ones)&^q|(bs-ones)&^bs|(x-ones*0x20)&^x|x)&highs != 0
}

// atEnd reports whether only whitespace is left: one document only, as
// json.Unmarshal insists.
func (s *listScanner) atEnd() bool {
	_, more := s.peek()
	return !more && errors.Is(s.err, io.EOF)
}
