package rest

import (
	"encoding/binary"
	"io"
)

// spaceReader passes a JSON text on with every run of whitespace outside
// strings cut to a single space, which changes nothing json.Decoder reads.
//
// It is why a list answer costs time in proportion to its size. Between
// values, json.Decoder looks for the next one by scanning its whole buffer
// from the last value on, refilling and scanning again while it finds only
// whitespace, so n bytes of whitespace cost n²: 32 MiB of spaces, 32 KB of
// gzip on the wire, took 11 s of CPU. Cut to one byte a run costs nothing to
// rescan, and the buffer no longer holds it either.
type spaceReader struct {
	r        io.Reader
	inString bool  // inside a JSON string
	escaped  bool  // the previous byte was the backslash of an escape
	space    bool  // the last byte passed on was whitespace outside a string
	removed  int64 // bytes left out so far, for growList's estimate
}

func (s *spaceReader) Read(p []byte) (int, error) {
	for {
		n, err := s.r.Read(p)
		kept := s.compact(p[:n])
		s.removed += int64(n - kept)
		// A read that kept nothing reads again: (0, nil) would tell the
		// decoder nothing and make it ask again anyway.
		if kept > 0 || err != nil || n == 0 {
			return kept, err
		}
	}
}

// compact rewrites b in place and returns how many bytes it kept. One
// pass: string contents, most of a token list, are skipped eight bytes at a
// time, the rest is looked at byte by byte. It costs a fraction of what
// decoding the same bytes does (BenchmarkSpaceReader).
func (s *spaceReader) compact(b []byte) int {
	w, i := 0, 0
	inString, escaped, space := s.inString, s.escaped, s.space
	for i < len(b) {
		if inString && !escaped {
			for i+8 <= len(b) && !quoteOrBackslash(binary.LittleEndian.Uint64(b[i:])) {
				if w != i {
					copy(b[w:w+8], b[i:i+8])
				}
				w, i = w+8, i+8
			}
			if i == len(b) {
				break
			}
		}
		c := b[i]
		i++
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			if space {
				continue
			}
			space = true
			c = ' '
		case c == '"':
			inString, space = true, false
		default:
			space = false
		}
		b[w] = c
		w++
	}
	s.inString, s.escaped, s.space = inString, escaped, space
	return w
}

// quoteOrBackslash reports whether any of the eight bytes of x is '"' or
// '\\' (the classic test for a zero byte, applied to x XOR the byte).
func quoteOrBackslash(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	q := x ^ (ones * '"')
	bs := x ^ (ones * '\\')
	return ((q-ones)&^q|(bs-ones)&^bs)&highs != 0
}
