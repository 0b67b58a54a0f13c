package rest

import (
	"encoding/binary"
	"math/bits"
)

// A token list repeats itself: GoodAccess gives thousands of tokens the
// same few scope lists, 46% of the bytes of a 100 000-token answer, each
// a run of short strings that the scanner (scan.go) looked at one string
// at a time. knownArrays remembers the flat arrays of strings and numbers
// it has scanned in this answer; an array inside an element that begins
// with the same bytes as one of them is that array, ends where it ended
// and scans as it scanned (a complete value is never a prefix of another,
// and the scanner's steps over a flat array depend on nothing but its
// bytes), so it is taken whole, after one comparison.
//
// Only arrays that can be taken as they were are kept: no object or array
// inside, not even a known one taken whole (the depth limit is checked for
// each bracket met, and comparisons of flat arrays cannot overlap), no
// whitespace outside strings (the scanner would have cut it to one space),
// all in one read buffer. The table is small and fixed, and
// each array is compared at most knownWays times, each comparison ending
// by the end of what the answer itself holds there: a server sending
// arrays that all differ costs one copy of each (up to knownMax bytes)
// and a few comparisons, in proportion to its size.
type knownArrays struct {
	buckets *[knownBuckets][knownWays]knownArray // made with the first one
	// The array being scanned, innermost: where it began in the read
	// buffer (-1: none, or not one to keep), at which depth, how much of
	// the answer was before that buffer (another read: not kept), and the
	// scanner's count of special bytes and escapes then.
	start, depth int
	consumed     int64
	specials     int
}

type knownArray struct {
	raw     []byte // its bytes, '[' to ']'; its own buffer, reused
	special bool   // it has an escape, a control character or a byte beyond ASCII
	hits    int
}

const (
	knownBuckets = 64
	knownWays    = 4
	knownHead    = 16      // bytes that choose the bucket
	knownMin     = 48      // shorter arrays scan about as fast as they are found
	knownMax     = 4 << 10 // longer ones are rare, and would hold memory
	knownBits    = 6       // log2(knownBuckets)
	knownMul     = 0x9E3779B97F4A7C15
)

func newKnownArrays() knownArrays { return knownArrays{start: -1} }

func bucketOf(head []byte) int {
	lo, hi := binary.LittleEndian.Uint64(head), binary.LittleEndian.Uint64(head[8:])
	return int((lo*knownMul ^ bits.RotateLeft64(hi*knownMul, 31)) >> (64 - knownBits))
}

// match returns the length of the known array b begins with (b[0] is its
// '['), and whether it is special; 0 when none.
func (k *knownArrays) match(b []byte) (int, bool) {
	if k.buckets == nil || len(b) < knownMin {
		return 0, false
	}
	bucket := &k.buckets[bucketOf(b[:knownHead])]
	for w := range bucket {
		a := &bucket[w]
		if n := len(a.raw); n > 0 && n <= len(b) && string(b[:n]) == string(a.raw) {
			a.hits++
			return n, a.special
		}
	}
	return 0, false
}

// open notes an array beginning at buf[at], depth deep (its bracket
// counted), in the buffer read after consumed bytes, the scanner having
// met specials special bytes and escapes before it.
func (k *knownArrays) open(at, depth int, consumed int64, specials int) {
	k.start, k.depth, k.consumed, k.specials = at, depth, consumed, specials
}

// spoil says the array being noted is not one to keep.
func (k *knownArrays) spoil() { k.start = -1 }

// close is told of a closing bracket at buf[at], depth deep, the scanner
// having met specials special bytes and escapes by then: it keeps the
// array being noted if this ends it, special if one was in it.
func (k *knownArrays) close(buf []byte, at, depth int, consumed int64, specials int) {
	if k.start < 0 || depth != k.depth || consumed != k.consumed {
		k.start = -1
		return
	}
	raw := buf[k.start : at+1]
	k.start = -1
	if len(raw) < knownMin || len(raw) > knownMax {
		return
	}
	if k.buckets == nil {
		k.buckets = new([knownBuckets][knownWays]knownArray)
	}
	bucket := &k.buckets[bucketOf(raw[:knownHead])]
	victim := &bucket[0]
	for w := range bucket {
		a := &bucket[w]
		if string(a.raw) == string(raw) {
			return
		}
		if a.hits < victim.hits || len(a.raw) == 0 && len(victim.raw) > 0 {
			victim = a
		}
	}
	victim.raw = append(victim.raw[:0], raw...)
	victim.special = specials != k.specials
	victim.hits = 0
}
