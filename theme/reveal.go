package theme

import "github.com/charmbracelet/lipgloss"

// Styles of the reveal-once dialog (tui/reveal).
var (
	// RevealBox frames the dialog; the accent border says "important", not
	// "dangerous" (that is DangerDialog's).
	RevealBox = Dialog
	// RevealSecret is the secret itself: bold so it stands out from the
	// prose, no background so a selection by mouse copies it cleanly.
	RevealSecret = lipgloss.NewStyle().Bold(true).Foreground(Text)
	// RevealOnce is the "shown this once" line.
	RevealOnce = lipgloss.NewStyle().Bold(true).Foreground(Warning)
	// RevealOK, RevealWarn and RevealFail mark copy and clear outcomes.
	RevealOK   = OKText
	RevealWarn = WarnText
	RevealFail = ErrorText
	// RevealDetail is the extra lines the root supplies (decoded claims).
	RevealDetail = Muted
	// RevealPrompt is the close confirmation.
	RevealPrompt = lipgloss.NewStyle().Bold(true).Foreground(Error)
	// RevealHint is the key hints line at the bottom.
	RevealHint = Muted
)
