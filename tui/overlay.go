package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// overlay is a modal pane drawn over the dashboard: the revoke confirmation
// and result today; the create form, the reveal dialog and the profile
// picker plug in the same way. While one is open it receives every key
// (the dashboard gets none) and every message the root does not handle
// itself, so an overlay can run its own commands.
//
// update returns the overlay to keep showing, or nil to close it; what the
// overlay decided travels as a message from the returned command (for
// example revokeConfirmedMsg), never as a callback into the root.
type overlay interface {
	update(msg tea.Msg) (overlay, tea.Cmd)
	// view draws the overlay; width and height are the whole screen's, the
	// root centres the result.
	view(width, height int) string
	// helpKeys are the bindings shown in the help line while it is open.
	helpKeys() []key.Binding
}

// textTaker is an overlay that may have a text field focused: then every
// key is its text (? and a burst of runes included), not a command.
type textTaker interface{ takesText() bool }

// fullHelper is an overlay with more keys than its help line shows; ?
// shows them all.
type fullHelper interface{ fullHelpKeys() [][]key.Binding }

// sizer is an overlay that lays itself out for the space it is given
// (the body between the header and the status bar); relayout tells it.
type sizer interface{ setSize(width, height int) }

// placeOverlay draws fg centred over the rows regionTop to
// regionTop+regionH of bg (the body: the header, the status bar and the
// help line stay visible), leaving the rest of bg visible so the dashboard
// stays in sight behind a dialog. bg is a full-width screen of height
// lines; ANSI styling of bg is kept on either side of the dialog. What
// does not fit in the region is cut.
func placeOverlay(bg, fg string, width, height, regionTop, regionH int) string {
	bgLines := strings.Split(bg, "\n")
	for len(bgLines) < height {
		bgLines = append(bgLines, "")
	}
	fgLines := strings.Split(fg, "\n")
	if len(fgLines) > regionH {
		fgLines = fgLines[:max(regionH, 0)]
	}
	fgWidth := 0
	for _, l := range fgLines {
		fgWidth = max(fgWidth, ansi.StringWidth(l))
	}
	top := regionTop + max((regionH-len(fgLines))/2, 0)
	left := max((width-fgWidth)/2, 0)
	for i, fl := range fgLines {
		row := top + i
		if row >= len(bgLines) {
			break
		}
		bl := bgLines[row]
		if w := ansi.StringWidth(bl); w < width {
			bl += strings.Repeat(" ", width-w)
		}
		leftPart := ansi.Truncate(bl, left, "")
		rightPart := ansi.TruncateLeft(bl, left+fgWidth, "")
		pad := strings.Repeat(" ", fgWidth-ansi.StringWidth(fl))
		bgLines[row] = sealed(leftPart) + sealed(fl) + pad + rightPart
	}
	return strings.Join(bgLines[:height], "\n")
}

// sealed ends a styled piece with an SGR reset so its colours never bleed
// into what follows; plain text (NO_COLOR) stays plain.
func sealed(s string) string {
	if strings.IndexByte(s, 0x1b) < 0 {
		return s
	}
	return s + "\x1b[0m"
}
