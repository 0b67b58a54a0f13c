package rest

import "testing"

func TestHugeInteriorStaysWithinTheMemory(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		start, size, from, to uintptr
	}{
		{start: 0, size: 4 * mib, from: 0, to: 4 * mib},                            // aligned: all of it
		{start: 1 * mib, size: 4 * mib, from: 1 * mib, to: 3 * mib},                // one whole page inside
		{start: 1 * mib, size: 2 * mib, from: 0, to: 0},                            // straddles two pages: none
		{start: 2*mib + 4096, size: 6 * mib, from: 2*mib - 4096, to: 6*mib - 4096}, // two inside
		{start: 3 * mib, size: 0, from: 0, to: 0},
	} {
		from, to := hugeInterior(c.start, c.size)
		if from != c.from || to != c.to {
			t.Errorf("hugeInterior(%#x, %#x) = %#x, %#x; want %#x, %#x", c.start, c.size, from, to, c.from, c.to)
		}
		if to > from && (from%hugePage+c.start%hugePage)%hugePage != 0 || to > c.size {
			t.Errorf("hugeInterior(%#x, %#x) = %#x, %#x: not whole pages within", c.start, c.size, from, to)
		}
	}
}
