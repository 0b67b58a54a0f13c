package tokenfmt

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Fit truncates s to width cells (with an ellipsis) and pads it with spaces
// to exactly width.
func Fit(s string, width int) string {
	if width <= 0 {
		return ""
	}
	w := ansi.StringWidth(s)
	if w > width {
		s = ansi.Truncate(s, width, "…")
		w = ansi.StringWidth(s)
	}
	if w < width {
		s += strings.Repeat(" ", width-w)
	}
	return s
}
