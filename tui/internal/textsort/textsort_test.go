package textsort

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// reference is the order Order must give: a comparison sort.
func reference(texts []string, tie func(a, b int32) int) []int32 {
	idx := make([]int32, len(texts))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortStableFunc(idx, func(a, b int32) int {
		if c := strings.Compare(texts[a], texts[b]); c != 0 {
			return c
		}
		if tie != nil {
			return tie(a, b)
		}
		return 0
	})
	return idx
}

func check(t *testing.T, name string, texts []string, tie func(a, b int32) int) {
	t.Helper()
	if got, want := Order(texts, tie), reference(texts, tie); !slices.Equal(got, want) {
		t.Fatalf("%s: order differs from a comparison sort's (%d texts)", name, len(texts))
	}
}

// Order is a comparison sort's order for texts of every shape: shared
// prefixes of every length (a multiple of seven and not), texts that are
// prefixes of others, zero bytes, bytes beyond ASCII, empty texts, equal
// texts (by index, or by tie), long ones, many and few.
func TestOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func(alphabet string, n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(b)
	}
	for _, n := range []int{0, 1, 2, 15, 16, 17, 100, 1000, 20000} {
		var texts []string
		for i := range n {
			switch i % 6 {
			case 0:
				texts = append(texts, fmt.Sprintf("okta-sync-us-east-%d", rng.IntN(n+1)))
			case 1:
				texts = append(texts, word("ab\x00\xff", rng.IntN(30)))
			case 2:
				texts = append(texts, strings.Repeat("x", rng.IntN(16)))
			case 3:
				texts = append(texts, strings.Repeat("shared-prefix-", 6)+word("abc", rng.IntN(4)))
			case 4:
				texts = append(texts, word("0123456789abcdef-", 36))
			default:
				texts = append(texts, "")
			}
		}
		check(t, fmt.Sprintf("mixed %d", n), texts, nil)
		check(t, fmt.Sprintf("mixed %d, ties reversed", n), texts, func(a, b int32) int { return int(b - a) })
		sorted := slices.Clone(texts)
		slices.Sort(sorted)
		check(t, fmt.Sprintf("sorted %d", n), sorted, nil)
		slices.Reverse(sorted)
		check(t, fmt.Sprintf("reversed %d", n), sorted, nil)
	}
	same := make([]string, 5000)
	for i := range same {
		same[i] = strings.Repeat("z", 200)
	}
	check(t, "all equal and long", same, nil)
}

func FuzzOrder(f *testing.F) {
	f.Add([]byte("b\x00a\x00ab\x00abcdefgh\x00abcdefg\x00\x00a"))
	f.Fuzz(func(t *testing.T, data []byte) {
		texts := strings.Split(string(data), "\x00")
		for len(texts) <= radixMin { // past insertion sorts and quicksorts
			texts = append(texts, texts...)
		}
		check(t, "fuzz", texts, nil)
	})
}

func BenchmarkOrder(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		rng := rand.New(rand.NewPCG(3, uint64(n)))
		systems := []string{"ci-runner", "terraform", "okta-sync-us-east", "backup", "monitoring-us-east", "grafana"}
		texts := make([]string, n)
		for i := range texts {
			texts[i] = fmt.Sprintf("%s-%s-%d", systems[rng.IntN(len(systems))], []string{"prod", "lab", "dev"}[rng.IntN(3)], i+1)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				Order(texts, nil)
			}
		})
	}
}

// Lower is strings.ToLower, whatever the bytes and wherever the capital.
func TestLower(t *testing.T) {
	for _, s := range []string{"", "a", "A", "abcdefgh", "abcdefgH", "Habcdefgh", "abcdefghijklmnoZ", "@[`{", "ab@[`{cd@[`{", "é", "abcdefgÉ", "\xff", "ǅemo-123", "01234567-89ab-cdef"} {
		if got, want := Lower(s), strings.ToLower(s); got != want {
			t.Errorf("Lower(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzLower(f *testing.F) {
	f.Add("Mixed-Case-Name-42")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Lower(s), strings.ToLower(s); got != want {
			t.Fatalf("Lower(%q) = %q, want %q", s, got, want)
		}
	})
}
