package table

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/tokentui/tokentui/tui/internal/tokentest"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// The table's half of the filter promise (the Update half is the root's
// BenchmarkFilterKeystroke): go test -run '^$' -bench . -benchmem ./tui/table

// BenchmarkFilterCompute is the off-path half of a keystroke: the filter
// job's computation (scan or narrow) on the index snapshot.
func BenchmarkFilterCompute(b *testing.B) {
	for _, c := range tokentest.FilterCases {
		for _, n := range tokentest.BenchSizes {
			b.Run(c.Name+"/"+strconv.Itoa(n), func(b *testing.B) {
				tb := loaded(tokentest.BenchTokens(n))
				tb.SetCatalog(tokenfmt.NewCatalog(tokentest.GoodAccessCatalog(b)))
				tb.SetQuery(c.Prefix) // applied: the prefix is a level
				tb.RequestQuery(c.Prefix + c.Key)
				job := tb.Pending()
				if job == nil {
					b.Fatal("the key started no filter job")
				}
				b.ReportAllocs()
				for b.Loop() {
					_ = job.Run()
				}
			})
		}
	}
}

// BenchmarkBuildIndex is what a list costs the table once it has arrived,
// in the List command (off the UI loop), once per load: sanitising, the
// search keys, the name order.
func BenchmarkBuildIndex(b *testing.B) {
	for _, n := range tokentest.BenchSizes {
		tokens := tokentest.Synthetic(n, rand.New(rand.NewPCG(7, uint64(n))))
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = BuildIndex(tokens)
			}
		})
	}
}

// BenchmarkSortBy is what s costs the first time a column is asked for at
// each size: the sort, run in a command (SortReadyMsg), never in Update.
// The name order is a comparison sort (made with every list); the others
// sort it again by the column's key alone, in linear time.
func BenchmarkSortBy(b *testing.B) {
	for name, k := range map[string]SortKey{"name": SortByName, "created": SortByCreated, "expires": SortByExpires, "id": SortByID} {
		for _, n := range tokentest.BenchSizes {
			b.Run(name+"/"+strconv.Itoa(n), func(b *testing.B) {
				ix := BuildIndex(tokentest.BenchTokens(n))
				b.ReportAllocs()
				for b.Loop() {
					_ = ix.sortBy(k)
				}
			})
		}
	}
}

// BenchmarkReverseSort is S in Update: the order is sorted already, so
// reversing it is a copy of the row order and the filter applied again.
func BenchmarkReverseSort(b *testing.B) {
	for _, n := range tokentest.BenchSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			tb := loaded(tokentest.BenchTokens(n))
			b.ReportAllocs()
			for b.Loop() {
				if cmd := tb.SetSort(Sort{Key: SortByName, Reversed: !tb.Sort().Reversed}); cmd != nil {
					b.Fatal("the name order should be sorted already")
				}
			}
		})
	}
}
