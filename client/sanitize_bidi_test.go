package client

import "testing"

// Every Unicode Bidi_Control character can reorder what a terminal shows
// (a name that reads as another one), not only the overrides and isolates:
// each is shown as a marker, never passed on raw.
func TestSanitizeShowsEveryBidiControl(t *testing.T) {
	for _, r := range []rune{0x061c, 0x200e, 0x200f, 0x202a, 0x202e, 0x2066, 0x2069} {
		in := "ci" + string(r) + "-deploy"
		if got, want := Sanitize(in), "ci"+Marker(r)+"-deploy"; got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
}
