package table

// A charMask is the set of characters a string contains, one bit per
// character class. A token can only contain a query if its mask holds every
// bit of the query's, so one AND rejects most tokens before any substring
// search: typing "x" or "ex" at 100 000 tokens touches only the few whose
// name has an x.
//
// Lower-case letters, digits and the punctuation of names, scopes and
// addresses (- . : / _ space) each have a bit of their own, so for a
// one-character query the mask test is the whole answer. Other bytes share
// bits: a shared bit only lets a few more tokens through to the real search.
type charMask uint64

const (
	maskOtherASCII = 42 // 42..61: other ASCII bytes, folded
	maskNonASCII   = 62 // every byte of a multi-byte UTF-8 character
)

// charBit is the bit of byte c and whether that bit is c's alone.
func charBit(c byte) (bit uint, exact bool) {
	switch {
	case 'a' <= c && c <= 'z':
		return uint(c - 'a'), true
	case '0' <= c && c <= '9':
		return 26 + uint(c-'0'), true
	}
	switch c {
	case '-':
		return 36, true
	case '.':
		return 37, true
	case ':':
		return 38, true
	case '/':
		return 39, true
	case '_':
		return 40, true
	case ' ':
		return 41, true
	}
	if c >= 0x80 {
		return maskNonASCII, false
	}
	return maskOtherASCII + uint(c)%20, false
}

// maskOf is the mask of every byte of s.
func maskOf(s string) charMask {
	var m charMask
	for i := 0; i < len(s); i++ {
		bit, _ := charBit(s[i])
		m |= 1 << bit
	}
	return m
}

// exactMask reports whether a mask test alone decides whether a string
// contains q: q is one character with a bit of its own.
func exactMask(q string) bool {
	if len(q) != 1 {
		return false
	}
	_, exact := charBit(q[0])
	return exact
}
