package tokenfmt

import "testing"

func TestFitKeeping(t *testing.T) {
	for _, c := range []struct {
		s, tail string
		width   int
		want    string
	}{
		{"Expires", " ↑", 16, "Expires ↑       "}, // room for both: padded
		{"Last used", " ↑", 11, "Last used ↑"},    // exactly
		{"Last used", " ↓", 9, "Last u… ↓"},       // the title cut, not the arrow
		{"breakglass-oncall", " (you)", 12, "break… (you)"},
		{"ab", " (you)", 7, "… (you)"}, // one cell of s
		{"ab", " (you)", 6, "(you) "},  // none: the tail alone
		{"ab", " (you)", 3, "(y…"},
	} {
		if got := FitKeeping(c.s, c.tail, c.width); got != c.want {
			t.Errorf("FitKeeping(%q, %q, %d) = %q, want %q", c.s, c.tail, c.width, got, c.want)
		}
	}
}
