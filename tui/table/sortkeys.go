package table

import (
	"math/bits"
	"slices"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/internal/textsort"
)

// Orders are sorted on keys made once per token, never by comparing the
// tokens (300 bytes each, scattered: at 100 000 tokens a comparison sort
// spent most of its time waiting for memory, and cost twenty times what
// 10 000 did).
//
// The name order comes first: names compared as one byte string each
// (naturalKey), then IDs. Every other order ends on the name order too, so
// it is the name order sorted stably by the column's key alone: a radix
// sort on numbers, linear in the tokens (BenchmarkSortBy: ten times the
// tokens, about ten times the time). A date is its seconds and
// nanoseconds; a text, its rank among the column's distinct texts (a
// handful of roles or environments; for IDs and addresses, as many as
// there are tokens, sorted once).

// sortBy is every token's storage index in k's natural order.
func (ix *Index) sortBy(k SortKey) []int32 {
	if k == SortByName {
		return nameOrder(ix.tokens)
	}
	byName, nameRank := ix.sorts.get(SortByName)
	keys := ix.columnKeys(k)
	if keys.texts != nil {
		return ix.sortTextColumn(keys, nameRank)
	}
	present := make([]int32, 0, len(byName))
	var absent []int32
	for _, i := range byName {
		if keys.absent != nil && keys.absent[i] {
			absent = append(absent, i)
		} else {
			present = append(present, i)
		}
	}
	present = radixSort(present, keys.lo, keys.hi)
	if keys.absentFirst {
		return append(absent, present...)
	}
	return append(present, absent...)
}

// nameOrder sorts tokens (sanitised) by their lower-cased names as
// naturalCompare orders them, then by ID, then (two profiles of one
// server) by profile. The names' keys are written into one string.
func nameOrder(tokens []client.Token) []int32 {
	var keys strings.Builder
	size := 0
	for i := range tokens {
		size += len(tokens[i].Name) + 8
	}
	keys.Grow(size)
	ends := make([]int, len(tokens))
	for i := range ends {
		appendNaturalKey(&keys, textsort.Lower(tokens[i].Name))
		ends[i] = keys.Len()
	}
	all := keys.String()
	texts := make([]string, len(tokens))
	start := 0
	for i, end := range ends {
		texts[i] = all[start:end]
		start = end
	}
	return orderNames(texts, tokens)
}

// orderNames sorts tokens by their names' keys (appendNaturalKey), then
// by ID and profile.
func orderNames(keys []string, tokens []client.Token) []int32 {
	return textsort.Order(keys, func(a, b int32) int {
		if c := strings.Compare(tokens[a].ID, tokens[b].ID); c != 0 {
			return c
		}
		return strings.Compare(tokens[a].Profile, tokens[b].Profile)
	})
}

// columnKeys are a column's sort keys, by storage index: tokens are ordered
// by hi, then lo, ascending, or by texts when the column has nearly as
// many values as tokens (IDs, addresses), where ranking them costs more
// than comparing; absent ones (no value) go after the rest, or before them
// when absentFirst, all in name order.
type columnKeys struct {
	hi, lo      []uint64
	texts       []string
	absent      []bool // nil: every token has a value
	absentFirst bool
}

// sortTextColumn sorts by texts, ties in name order.
func (ix *Index) sortTextColumn(keys columnKeys, nameRank []int32) []int32 {
	present := make([]int32, 0, len(ix.tokens))
	var absent []int32
	for i := range keys.texts {
		if keys.absent != nil && keys.absent[i] {
			absent = append(absent, int32(i))
		} else {
			present = append(present, int32(i))
		}
	}
	byRank := func(a, b int32) int { return cmpInt(int(nameRank[a]), int(nameRank[b])) }
	textsort.Sort(keys.texts, present, byRank)
	slices.SortFunc(absent, byRank)
	if keys.absentFirst {
		return append(absent, present...)
	}
	return append(present, absent...)
}

func (ix *Index) columnKeys(k SortKey) columnKeys {
	n := len(ix.tokens)
	c := columnKeys{hi: make([]uint64, n)}
	switch k {
	case SortByID:
		c.texts = ix.lowerIDs
	case SortByScopes: // the most scopes first
		for i := range ix.tokens {
			c.hi[i] = ^uint64(len(ix.tokens[i].Scopes))
		}
	case SortByRole:
		ix.textRanks(&c, func(i int) string { return strings.ToLower(ix.tokens[i].Role) })
	case SortByProfile: // by name: the labels are the root's, and begin with it
		ix.textRanks(&c, func(i int) string { return strings.ToLower(ix.tokens[i].Profile) })
	case SortByProjects:
		ix.textRanks(&c, func(i int) string { return strings.ToLower(listSummary(ix.tokens[i].Projects)) })
	case SortByEnvironment:
		ix.textRanks(&c, func(i int) string { return strings.ToLower(ix.tokens[i].Environment) })
	case SortByCreated: // newest first, unknown last
		ix.timeKeys(&c, func(i int) (time.Time, bool) { t := ix.tokens[i].CreatedAt; return t, !t.IsZero() }, true)
	case SortByExpires: // soonest first, never last
		ix.timeKeys(&c, func(i int) (time.Time, bool) { t := &ix.tokens[i]; return t.ExpiresAt, t.Expires() }, false)
	case SortByLastUsed: // never used (the zero time) first, then the least recent use
		// Never used is absent, not year 1: it would stretch the dates
		// past what one key holds.
		c.absentFirst = true
		ix.timeKeys(&c, func(i int) (time.Time, bool) { t := ix.tokens[i].LastUsedAt; return t, !t.IsZero() }, false)
	case SortByIPs: // unrestricted first, then by the first entry
		c.absentFirst, c.texts = true, make([]string, n)
		for i := range ix.tokens {
			if ips := ix.tokens[i].AllowedIPs; len(ips) > 0 {
				c.texts[i] = ips[0]
			} else {
				c.absent = markAbsent(c.absent, n, i)
			}
		}
	}
	return c
}

// timeKeys keys tokens by a time (the latest first when newest); a token
// whose time is not there (ok false) is absent. Seconds and nanoseconds
// share one key when the times span less than 544 years (always, but for
// odd dates a server sent: an unknown date is absent, not the zero time),
// so the sort gathers one key, not two.
func (ix *Index) timeKeys(c *columnKeys, timeOf func(int) (time.Time, bool), newest bool) {
	c.lo = make([]uint64, len(ix.tokens))
	var minSec, maxSec uint64 = ^uint64(0), 0
	for i := range ix.tokens {
		t, ok := timeOf(i)
		if !ok {
			c.absent = markAbsent(c.absent, len(ix.tokens), i)
			continue
		}
		// Flipping the sign bit orders int64s as uint64s.
		c.hi[i], c.lo[i] = uint64(t.Unix())^(1<<63), uint64(t.Nanosecond())
		minSec, maxSec = min(minSec, c.hi[i]), max(maxSec, c.hi[i])
	}
	if maxSec >= minSec && maxSec-minSec < 1<<(64-nanoBits) {
		for i, sec := range c.hi {
			c.hi[i] = (sec-minSec)<<nanoBits | c.lo[i]
		}
		c.lo = nil
	}
	if newest {
		flipAll(c.hi)
		flipAll(c.lo)
	}
}

// nanoBits hold a time's nanoseconds (under 2^30).
const nanoBits = 30

func flipAll(keys []uint64) {
	for i := range keys {
		keys[i] = ^keys[i]
	}
}

// textRanks keys tokens by a text's rank among the distinct texts; an
// empty text is absent.
func (ix *Index) textRanks(c *columnKeys, textOf func(int) string) {
	texts := make([]string, len(ix.tokens))
	rank := map[string]uint64{}
	for i := range ix.tokens {
		s := textOf(i)
		if s == "" {
			c.absent = markAbsent(c.absent, len(ix.tokens), i)
			continue
		}
		texts[i] = s
		rank[s] = 0
	}
	distinct := make([]string, 0, len(rank))
	for s := range rank {
		distinct = append(distinct, s)
	}
	slices.Sort(distinct)
	for r, s := range distinct {
		rank[s] = uint64(r)
	}
	for i, s := range texts {
		if s != "" {
			c.hi[i] = rank[s]
		}
	}
}

func markAbsent(absent []bool, n, i int) []bool {
	if absent == nil {
		absent = make([]bool, n)
	}
	absent[i] = true
	return absent
}

// radixDigit is the most bits a pass sorts on: 2048 counters fit in the
// first-level cache.
const radixDigit = 11

// radixSort sorts order stably by (hi, lo) of each index, ascending: a
// counting sort on each digit, least significant first, over only the
// bits that differ between keys. Those bits are taken 32 at a time, each
// index packed below its 32 bits in one word (half the memory a key and
// an index take apart, and the passes are bound by memory), and sorted in
// as few passes as radixDigit allows, on digits as narrow as they can be
// (fewer places to write to at once).
func radixSort(order []int32, lo, hi []uint64) []int32 {
	if len(order) < 2 {
		return order
	}
	src, dst := make([]uint64, len(order)), make([]uint64, len(order))
	for _, keys := range [][]uint64{lo, hi} {
		if keys == nil {
			continue
		}
		var and, or uint64 = ^uint64(0), 0
		for _, i := range order {
			and, or = and&keys[i], or|keys[i]
		}
		differ := and ^ or
		if differ == 0 {
			continue
		}
		high := 64 - bits.LeadingZeros64(differ)
		for low := bits.TrailingZeros64(differ); low < high; low += 32 {
			span := min(high-low, 32)
			for j, i := range order {
				src[j] = keys[i]>>low&(1<<span-1)<<32 | uint64(uint32(i))
			}
			passes := (span + radixDigit - 1) / radixDigit
			width := (span + passes - 1) / passes
			for shift := 32; shift < 32+span; shift += width {
				radixPass(src, dst, uint(shift), uint64(1)<<width-1)
				src, dst = dst, src
			}
			for j := range src {
				order[j] = int32(uint32(src[j]))
			}
		}
	}
	return order
}

// radixPass writes src into dst sorted stably by item>>shift&mask.
func radixPass(src, dst []uint64, shift uint, mask uint64) {
	var count [1<<radixDigit + 1]int
	for _, it := range src {
		count[it>>shift&mask+1]++
	}
	for b := 1; b <= int(mask); b++ {
		count[b] += count[b-1]
	}
	for _, it := range src {
		d := it >> shift & mask
		dst[count[d]] = it
		count[d]++
	}
}
