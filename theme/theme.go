// Package theme holds every colour and style of tokentui. Nothing outside
// this package builds a lipgloss style with a colour or border: panes ask the
// theme, so a palette change (or NO_COLOR) is one edit away.
package theme

import (
	"os"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Palette: adaptive pairs read well on light and dark terminals.
var (
	Accent  = lipgloss.AdaptiveColor{Light: "#5A3FD9", Dark: "#A891FF"}
	Subtle  = lipgloss.AdaptiveColor{Light: "#8A8A8A", Dark: "#6C6C6C"}
	Text    = lipgloss.AdaptiveColor{Light: "#1F1F1F", Dark: "#E4E4E4"}
	Error   = lipgloss.AdaptiveColor{Light: "#C4142B", Dark: "#FF5F6D"}
	Warning = lipgloss.AdaptiveColor{Light: "#A85F00", Dark: "#FFB347"}
	Success = lipgloss.AdaptiveColor{Light: "#0F7B3E", Dark: "#4CD98A"}
	SelBg   = lipgloss.AdaptiveColor{Light: "#E3DDFF", Dark: "#3B3163"}
	Border  = lipgloss.AdaptiveColor{Light: "#C8C8C8", Dark: "#444444"}
	DemoBg  = lipgloss.AdaptiveColor{Light: "#FFB347", Dark: "#FFB347"}
	DemoFg  = lipgloss.Color("#1F1F1F")
)

// Styles shared by several panes.
var (
	Title      = lipgloss.NewStyle().Bold(true).Foreground(Accent)
	Muted      = lipgloss.NewStyle().Foreground(Subtle)
	Bold       = lipgloss.NewStyle().Bold(true)
	ErrorText  = lipgloss.NewStyle().Foreground(Error)
	WarnText   = lipgloss.NewStyle().Foreground(Warning)
	OKText     = lipgloss.NewStyle().Foreground(Success)
	AccentText = lipgloss.NewStyle().Foreground(Accent)
	Key        = lipgloss.NewStyle().Foreground(Accent).Bold(true)
	DemoBadge  = lipgloss.NewStyle().Background(DemoBg).Foreground(DemoFg).Bold(true).Padding(0, 1)

	// Pane is the border of an unfocused pane; FocusedPane of the focused one.
	Pane        = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(Border)
	FocusedPane = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(Accent)
	// paneEdge and focusedEdge draw a border line by hand (a pane's bottom
	// with its position in it), in the colour of Pane and FocusedPane.
	paneEdge    = lipgloss.NewStyle().Foreground(Border)
	focusedEdge = lipgloss.NewStyle().Foreground(Accent)
	// PanePosition is the "1–14 of 16" set in a pane's bottom border.
	PanePosition = lipgloss.NewStyle().Foreground(Text)
	// Dialog is a modal box drawn over the screen.
	Dialog = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(Accent).Padding(1, 2)
	// DangerDialog frames destructive confirmations.
	DangerDialog = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(Error).Padding(1, 2)
)

// PaneFrame is the border style of a pane, focused or not.
func PaneFrame(focused bool) lipgloss.Style {
	if focused {
		return FocusedPane
	}
	return Pane
}

// PaneEdge is the colour of a pane's border, for lines drawn by hand.
func PaneEdge(focused bool) lipgloss.Style {
	if focused {
		return focusedEdge
	}
	return paneEdge
}

// NoColor reports whether the user asked for no colour (https://no-color.org).
func NoColor() bool {
	_, set := os.LookupEnv("NO_COLOR")
	return set
}

// Init pins the colour profile of the default renderer: Ascii when NO_COLOR
// is set, otherwise what the terminal reports (TERM=screen reports no
// colours either). Tests call SetProfile to pin one profile for golden
// files.
func Init() {
	if NoColor() {
		SetProfile(termenv.Ascii)
		return
	}
	SetProfile(lipgloss.ColorProfile())
}

// SetProfile forces a colour profile for every style of the theme. Without
// colours (and bold, which the Ascii profile drops too) meaning must come
// from shapes: the focused pane gets a heavy border.
func SetProfile(p termenv.Profile) {
	lipgloss.SetColorProfile(p)
	focusBorder := lipgloss.RoundedBorder()
	if p == termenv.Ascii {
		focusBorder = lipgloss.ThickBorder()
	}
	FocusedPane = FocusedPane.Border(focusBorder)
}
