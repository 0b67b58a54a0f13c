package client

import "testing"

// Every Unicode Bidi_Control character can reorder what a terminal shows
// (a name that reads as another one), not only the overrides and isolates.
func TestSanitizeDropsEveryBidiControl(t *testing.T) {
	for _, r := range []rune{0x061c, 0x200e, 0x200f, 0x202a, 0x202e, 0x2066, 0x2069} {
		in := "ci" + string(r) + "-deploy"
		if got := Sanitize(in); got != "ci-deploy" {
			t.Errorf("Sanitize(%q) = %q", in, got)
		}
	}
}
