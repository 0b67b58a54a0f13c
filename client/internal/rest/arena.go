package rest

import "unsafe"

// stringArena makes the strings of plain elements (plain.go): copied back
// to back into shared blocks rather than allocated one by one. A list of
// 100 000 tokens has two or three short strings a token (an ID, a name, an
// address), and an allocation each was most of the garbage the collector
// had to go through while the list was decoded.
//
// A block lives as long as any of its strings: they are a list's, made and
// dropped together. Nothing is written into a block where a string was
// handed out: a block that is full is left to its strings, and a new one
// is made.
type stringArena struct {
	block []byte
}

const (
	arenaBlock = 8 << 10
	// arenaMax is the longest string an arena holds: a longer one is
	// allocated on its own, so a block is never mostly one string a
	// person may keep long after the rest is gone.
	arenaMax = 256
)

// string is b as a string, copied.
func (a *stringArena) string(b []byte) string {
	if len(b) == 0 || len(b) > arenaMax {
		return string(b)
	}
	if cap(a.block)-len(a.block) < len(b) {
		a.block = make([]byte, 0, arenaBlock)
	}
	start := len(a.block)
	a.block = append(a.block, b...)
	return unsafe.String(&a.block[start], len(b))
}
