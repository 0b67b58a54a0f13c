package table

import "testing"

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
