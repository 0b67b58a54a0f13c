package table

import (
	"strings"
	"testing"
)

func TestNaturalCompare(t *testing.T) {
	ordered := []string{"", "a", "ci-runner-2", "ci-runner-10", "ci-runner-010", "ci-runner-10a", "ci-runner-11", "ci-runnerx", "z1", "z01", "z2"}
	for i := range ordered {
		for j := range ordered {
			want := cmpInt(i, j)
			if got := naturalCompare(ordered[i], ordered[j]); got != want {
				t.Errorf("naturalCompare(%q, %q) = %d, want %d", ordered[i], ordered[j], got, want)
			}
		}
	}
}

// FuzzNaturalKey: comparing two names' keys gives naturalCompare's answer.
func FuzzNaturalKey(f *testing.F) {
	for _, p := range [][2]string{{"ci-runner-9", "ci-runner-10"}, {"a01", "a1"}, {"a0", "a-"}, {"a00", "a0x"}, {"x007y", "x07z"},
		{"v1.10", "v1.9"}, {"", "0"}, {"a" + strings.Repeat("9", 300), "a" + strings.Repeat("9", 299)}, {"0000", "0"}, {"é1", "e1"}} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if strings.IndexByte(a, 0) >= 0 || strings.IndexByte(b, 0) >= 0 {
			return // names are sanitised: they hold no NUL
		}
		want := naturalCompare(a, b)
		if got := strings.Compare(naturalKey(a), naturalKey(b)); got != want {
			t.Fatalf("%q vs %q: keys say %d, naturalCompare %d", a, b, got, want)
		}
	})
}
