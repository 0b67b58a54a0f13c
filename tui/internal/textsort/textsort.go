// Package textsort puts texts in byte order (strings.Compare's) fast at
// any count: the table's name order and other text columns, and the order
// of list's output. A comparison sort of 100 000 names compared each pair
// it met from the first byte, in memory scattered over the whole list,
// and cost thirteen times what 10 000 did. Here the texts are sorted by
// seven bytes at a time held next to their indices: a group that shares
// those seven bytes is sorted on by the next seven, so each text is read
// about once per seven bytes of the prefix it shares with others. Large
// groups are split by the highest bits in which their keys differ, a
// counting sort with no comparisons to mispredict (radix.go), and the
// parts run on every core; small ones are sorted by a multikey quicksort.
package textsort

import (
	"encoding/binary"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Order is the indices of texts in ascending byte order; equal texts in
// the order tie gives (by index when nil, or when tie says equal).
func Order(texts []string, tie func(a, b int32) int) []int32 {
	idx := make([]int32, len(texts))
	for i := range idx {
		idx[i] = int32(i)
	}
	Sort(texts, idx, tie)
	return idx
}

// Sort sorts idx, indices into texts, as Order orders them.
func Sort(texts []string, idx []int32, tie func(a, b int32) int) {
	recs := make([]rec, len(idx))
	for j, i := range idx {
		recs[j] = rec{k: chunk(texts[i], 0), i: i}
	}
	cores := runtime.GOMAXPROCS(0)
	s := &sorter{texts: texts, tie: tie, cores: cores, freeCores: cores - 1}
	s.sort(recs, make([]rec, len(recs)), 0, 2*bits.Len(uint(len(recs))))
	s.wg.Wait()
	for j, r := range recs {
		idx[j] = r.i
	}
}

// rec is a text's index with seven of its bytes from the current depth,
// big endian, and in the low byte how many bytes it has from there, up to
// 8 (8: more than seven, the text goes on): a shorter text that is a
// prefix of a longer one sorts first, as strings.Compare has it.
type rec struct {
	k uint64
	i int32
}

const goesOn = 8

func chunk(s string, depth int) uint64 {
	rest := len(s) - depth
	if rest >= 8 {
		return binary.BigEndian.Uint64([]byte(s[depth:depth+8]))&^0xff | goesOn
	}
	k := uint64(rest)
	for j := 0; j < rest; j++ {
		k |= uint64(s[depth+j]) << (56 - 8*j)
	}
	return k
}

type sorter struct {
	texts     []string
	tie       func(a, b int32) int
	cores     int
	mu        sync.Mutex
	freeCores int // cores not yet sorting a part of their own
	wg        sync.WaitGroup
}

// Groups of this many texts or fewer are sorted by insertion; up to
// radixMin, by quicksort; beyond, by radix (radix.go).
const (
	insertionMax = 16
	radixMin     = 256
)

// maxDepth is how many bytes of shared prefix are sorted seven at a time:
// texts that share more (rare, and a server could send any) are sorted
// by comparing them whole, which needs no stack for each seven bytes.
const maxDepth = 70

// sort sorts recs, whose texts are equal before depth; spare is as long,
// for the radix sort to write into. budget bounds how many times a
// quicksort may split the partitions at one depth: past it (a
// pathological order of keys, which a server could send), the rest is
// sorted by comparison, O(n log n) whatever the texts.
func (s *sorter) sort(recs, spare []rec, depth, budget int) {
	for len(recs) > insertionMax {
		if budget == 0 || depth >= maxDepth {
			slices.SortFunc(recs, func(a, b rec) int { return s.compare(a, b, depth) })
			return
		}
		equal := recs
		if len(recs) > radixMin {
			if s.radix(recs, spare, depth) {
				return
			}
		} else {
			budget--
			pivot := medianKey(recs)
			lt, gt := partition(recs, pivot)
			s.sort(recs[:lt], spare[:lt], depth, budget)
			s.sort(recs[gt:], spare[gt:], depth, budget)
			equal, spare = recs[lt:gt], spare[lt:gt]
		}
		// The texts of equal share seven more bytes.
		if equal[0].k&0xff != goesOn {
			s.ties(equal)
			return
		}
		for j := range equal {
			equal[j].k = chunk(s.texts[equal[j].i], depth+7)
		}
		recs, depth, budget = equal, depth+7, 2*bits.Len(uint(len(equal)))
	}
	s.insertion(recs, depth)
}

// medianKey is the median of the first, middle and last keys.
func medianKey(recs []rec) uint64 {
	a, b, c := recs[0].k, recs[len(recs)/2].k, recs[len(recs)-1].k
	if a > b {
		a, b = b, a
	}
	if b > c {
		b = c
	}
	return max(a, b)
}

// partition puts the recs whose key is below pivot first, then those
// equal to it, then the rest, and returns where the equal ones are.
func partition(recs []rec, pivot uint64) (lt, gt int) {
	lt, i, gt := 0, 0, len(recs)
	for i < gt {
		switch k := recs[i].k; {
		case k < pivot:
			recs[lt], recs[i] = recs[i], recs[lt]
			lt++
			i++
		case k > pivot:
			gt--
			recs[gt], recs[i] = recs[i], recs[gt]
		default:
			i++
		}
	}
	return lt, gt
}

// ties orders recs of equal texts.
func (s *sorter) ties(recs []rec) {
	slices.SortFunc(recs, s.compareTie)
}

func (s *sorter) compareTie(a, b rec) int {
	if s.tie != nil {
		if c := s.tie(a.i, b.i); c != 0 {
			return c
		}
	}
	return int(a.i - b.i)
}

// compare compares two recs whose texts are equal before depth.
func (s *sorter) compare(a, b rec, depth int) int {
	switch {
	case a.k < b.k:
		return -1
	case a.k > b.k:
		return 1
	case a.k&0xff == goesOn:
		if c := strings.Compare(s.texts[a.i][depth+7:], s.texts[b.i][depth+7:]); c != 0 {
			return c
		}
	}
	return s.compareTie(a, b)
}

func (s *sorter) insertion(recs []rec, depth int) {
	for j := 1; j < len(recs); j++ {
		for k := j; k > 0 && s.compare(recs[k], recs[k-1], depth) < 0; k-- {
			recs[k], recs[k-1] = recs[k-1], recs[k]
		}
	}
}
