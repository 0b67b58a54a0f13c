package textsort

import (
	"encoding/binary"
	"strings"
)

// Lower is strings.ToLower(s), the same string back when s has no capital
// letter and nothing beyond ASCII (nearly every name and ID), found eight
// bytes at a time: the texts to sort are lower-cased first, 100 000 of them
// at once, and strings.ToLower looks at one byte at a time.
func Lower(s string) string {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if upperOrHigh(binary.LittleEndian.Uint64([]byte(s[i:]))) {
			return strings.ToLower(s)
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}

// upperOrHigh reports whether any of the eight bytes of x is from 'A' to
// 'Z' or beyond ASCII: for ASCII bytes, c+0x3f reaches 0x80 from 'A' on
// and c+0x25 from past 'Z' on (no byte carries into the next).
func upperOrHigh(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	ascii := x &^ highs
	fromA := ascii + ones*(0x80-'A')
	pastZ := ascii + ones*(0x80-'Z'-1)
	return (fromA&^pastZ|x)&highs != 0
}
