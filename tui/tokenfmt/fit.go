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

// FitKeeping fits s and then tail into width cells as Fit does, cutting s
// rather than tail when both do not fit: tail says something the cell
// must not lose (a sort arrow, the admin token's tag). A cell too narrow
// for a cell of s and the tail shows the tail alone.
func FitKeeping(s, tail string, width int) string {
	room := width - ansi.StringWidth(tail)
	if room < 1 {
		return Fit(strings.TrimLeft(tail, " "), width)
	}
	return Fit(strings.TrimRight(Fit(s, room), " ")+tail, width)
}
