package theme

import "github.com/charmbracelet/lipgloss"

// Tone is the meaning of a table cell's colour. The table asks for a tone;
// the theme decides what it looks like, selected or not.
type Tone int

const (
	TonePlain Tone = iota
	ToneMuted
	ToneWarn
	ToneError
	ToneAccent
	ToneOK
	tones // count
)

var toneColors = [tones]lipgloss.TerminalColor{
	TonePlain:  Text,
	ToneMuted:  Subtle,
	ToneWarn:   Warning,
	ToneError:  Error,
	ToneAccent: Accent,
	ToneOK:     Success,
}

// cellStyles[tone][selected]: built once. A selected row keeps its cell
// colours and adds the selection background to each cell, because a
// background set on the whole row would be cut by every cell's reset.
var cellStyles = func() (s [tones][2]lipgloss.Style) {
	for t := Tone(0); t < tones; t++ {
		base := lipgloss.NewStyle().Foreground(toneColors[t])
		s[t][0] = base
		s[t][1] = base.Background(SelBg).Bold(true)
	}
	return s
}()

// Cell is the style of a table cell of tone t.
func Cell(t Tone, selected bool) lipgloss.Style {
	if selected {
		return cellStyles[t][1]
	}
	return cellStyles[t][0]
}

var (
	// TableHeader is the column header row.
	TableHeader = lipgloss.NewStyle().Bold(true).Foreground(Subtle)
	// CursorMark is the gutter bar of the selected row; it also shows the
	// selection when colours are off (NO_COLOR).
	CursorMark = lipgloss.NewStyle().Foreground(Accent).Bold(true)
	// Marked flags rows marked for a bulk action.
	Marked = lipgloss.NewStyle().Foreground(Warning).Bold(true)
	// EmptyState is the message of an empty, loading or failed table.
	EmptyState = lipgloss.NewStyle().Foreground(Subtle).Italic(true)
)
