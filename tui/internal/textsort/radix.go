package textsort

import (
	"math/bits"
	"slices"
)

// A quicksort of 100 000 keys spent most of its time in partition: each
// key compared with the pivot is a branch the processor guesses wrong half
// the time, seventeen levels deep. A group of more than radixMin keys is
// instead split by the highest bits in which its keys differ (and ^ or):
// one counting pass, no comparisons, into up to 2^radixDigit buckets that
// are in key order, each of which is sorted the same way on the bits below
// (a bucket shares the bits it was split on, so each split looks lower)
// and is soon small enough to sit in the first-level cache.

// radixDigit is the most bits one split looks at: 2048 counters (8 KiB)
// fit in the first-level cache. radixSpread keeps buckets from being
// mostly empty: a group of n keys is split 2^(bits.Len(n)-radixSpread)
// ways at most, about n/8 (radixMin keeps n large enough for that to be
// two ways or more).
const (
	radixDigit  = 11
	radixSpread = 3
)

// radix sorts recs, whose texts are equal before depth, by their keys
// at depth, and each run of equal keys on by the rest of their texts
// (sort). It returns false, having done nothing, when the keys are all
// equal: the caller goes on to the next seven bytes.
func (s *sorter) radix(recs, spare []rec, depth int) bool {
	var and, or uint64 = ^uint64(0), 0
	for _, r := range recs {
		and, or = and&r.k, or|r.k
	}
	differ := and ^ or
	if differ == 0 {
		return false
	}
	high := 64 - bits.LeadingZeros64(differ)
	width := min(radixDigit, high-bits.TrailingZeros64(differ), bits.Len(uint(len(recs)))-radixSpread)
	shift, mask := uint(high-width), uint64(1)<<width-1
	// ends[d] counts the keys below digit d, then (once they are placed)
	// is where bucket d ends.
	var ends [1 << radixDigit]int32
	for _, r := range recs {
		if d := r.k >> shift & mask; d < mask {
			ends[d+1]++
		}
	}
	for d := 1; d <= int(mask); d++ {
		ends[d] += ends[d-1]
	}
	for _, r := range recs {
		d := r.k >> shift & mask
		spare[ends[d]] = r
		ends[d]++
	}
	copy(recs, spare)
	s.buckets(recs, spare, ends[:mask+1], depth)
	return true
}

// buckets sorts each bucket of recs (bucket d ends at ends[d]), handing a
// run of buckets holding a fair share of recs to a free core, if any.
func (s *sorter) buckets(recs, spare []rec, ends []int32, depth int) {
	share := int32(max(parallelMin, len(recs)/s.cores))
	var from, start int32 // the first bucket not handed over, and where it starts
	for d, end := range ends[:len(ends)-1] {
		if end-start < share {
			continue
		}
		if !s.claimCore() {
			break // none free: the rest here
		}
		at, run := start, slices.Clone(ends[from:d+1])
		s.wg.Go(func() {
			s.sortBuckets(recs, spare, at, run, depth)
			s.releaseCore()
		})
		from, start = int32(d+1), end
	}
	s.sortBuckets(recs, spare, start, ends[from:], depth)
}

// parallelMin is the fewest recs handed to another core.
const parallelMin = 8192

// sortBuckets sorts the buckets from start to ends[0], then to ends[1]…
func (s *sorter) sortBuckets(recs, spare []rec, start int32, ends []int32, depth int) {
	for _, end := range ends {
		if end-start > 1 {
			s.sort(recs[start:end], spare[start:end], depth, 2*bits.Len(uint(end-start)))
		}
		start = end
	}
}

func (s *sorter) claimCore() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.freeCores == 0 {
		return false
	}
	s.freeCores--
	return true
}

func (s *sorter) releaseCore() {
	s.mu.Lock()
	s.freeCores++
	s.mu.Unlock()
}
