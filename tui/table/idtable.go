package table

import (
	"hash/maphash"
	"math/bits"
)

// idTable finds a token by its row key. A Go map of 100 000 keys took
// 6.5 ms to build on one core (twenty times 10 000's: its entries, key and
// value, outgrew the caches) and 3.5 MB; this holds only each token's
// index, in a table at most half full (1 MiB at 100 000), hashed with a
// seed of its own (a server choosing IDs cannot make them collide) and
// probed in order, the keys themselves read from the index's rowKeys.
// (Keeping hash bits beside each index, to compare fewer keys, saved a
// tenth of the time for twice the memory.)
type idTable struct {
	slots []int32  // a token's index + 1; 0: empty
	keys  []string // row keys, by token index
	seed  maphash.Seed
	shift uint // 64 − log2(len(slots)): a hash's top bits choose its slot (kept: working it out at each lookup cost 5%)
	count int  // distinct keys
}

// newIDTable maps each of keys to its index; a key given twice (a server's
// mistake) maps to the last.
func newIDTable(keys []string) idTable {
	size := 1 << max(4, bits.Len(uint(2*len(keys))))
	t := idTable{slots: make([]int32, size), keys: keys, seed: maphash.MakeSeed(), shift: uint(64 - bits.Len(uint(size-1)))}
	for i, key := range keys {
		s := t.find(key)
		if t.slots[s] == 0 {
			t.count++
		}
		t.slots[s] = int32(i) + 1
	}
	return t
}

// find is the slot of key: where it is, or the empty one it would take.
func (t *idTable) find(key string) uint64 {
	mask := uint64(len(t.slots) - 1)
	for s := maphash.String(t.seed, key) >> t.shift; ; s = (s + 1) & mask {
		if i := t.slots[s]; i == 0 || t.keys[i-1] == key {
			return s
		}
	}
}

// index is the token with key, and whether there is one (0 and false when
// there is none, as a map would say).
func (t *idTable) index(key string) (int32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	i := t.slots[t.find(key)]
	return max(i-1, 0), i != 0
}
