package table

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// The ID table finds what a map would: every key its last index, a key
// given twice once in its count, no key it was not given, at every size
// (through the smallest table and its growth), with keys that share
// prefixes, differ in one byte, are empty or long.
func TestIDTableFindsWhatAMapWould(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 2, 7, 8, 9, 100, 4096, 20000} {
		keys := make([]string, n)
		for i := range keys {
			switch i % 4 {
			case 0:
				keys[i] = fmt.Sprintf("%08x-0000-4000-8000-%012x", rng.Uint32(), i)
			case 1:
				keys[i] = fmt.Sprintf("prod\x00%d", rng.IntN(n+1)) // some twice
			case 2:
				keys[i] = string(rune('a' + i%26)) // one letter: most twice or more
			default:
				keys[i] = fmt.Sprintf("%0200d", i)
			}
		}
		want := map[string]int32{}
		for i, k := range keys {
			want[k] = int32(i)
		}
		tab := newIDTable(keys)
		if tab.count != len(want) {
			t.Fatalf("%d keys: count %d, %d distinct", n, tab.count, len(want))
		}
		for k, i := range want {
			if got, ok := tab.index(k); !ok || got != i {
				t.Fatalf("%d keys: %q at %d %v, want %d", n, k, got, ok, i)
			}
		}
		for _, k := range []string{"missing", "prod\x00-1", "0b", fmt.Sprintf("%0200d", n+1)} {
			if _, found := want[k]; !found {
				if i, ok := tab.index(k); ok || i != 0 {
					t.Fatalf("%d keys: %q found at %d %v", n, k, i, ok)
				}
			}
		}
	}
	var empty idTable
	if _, ok := empty.index("x"); ok {
		t.Fatal("an empty table found a key")
	}
}

// BenchmarkIDTable builds the table of 10 000 and 100 000 IDs and looks
// each up, as BuildIndex and selection do.
func BenchmarkIDTable(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		keys := make([]string, n)
		for i := range keys {
			keys[i] = fmt.Sprintf("%08x-1b2c-4d5e-8f9a-%012x", i*2654435761, i)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				tab := newIDTable(keys)
				for _, k := range keys {
					if _, ok := tab.index(k); !ok {
						b.Fatal(k)
					}
				}
			}
		})
	}
}
