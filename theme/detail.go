package theme

import "github.com/charmbracelet/lipgloss"

var (
	// PaneTitle is the first line of a pane ("ci-deploy", "Revoke 3 tokens?").
	PaneTitle = lipgloss.NewStyle().Bold(true).Foreground(Text)
	// FieldLabel is the left column of the detail pane.
	FieldLabel = lipgloss.NewStyle().Foreground(Subtle)
	// FieldValue is a plain value in the detail pane.
	FieldValue = lipgloss.NewStyle().Foreground(Text)
	// GroupLabel names a scope group in the detail pane.
	GroupLabel = lipgloss.NewStyle().Foreground(Accent).Bold(true)
	// Secret is a masked secret: recognisable, never usable.
	Secret = lipgloss.NewStyle().Foreground(Warning)
	// ScrollHint is the "↓ more" marker of a pane that scrolls.
	ScrollHint = lipgloss.NewStyle().Foreground(Subtle)
	// TooSmall is the notice shown when the terminal is below the minimum.
	TooSmall = lipgloss.NewStyle().Foreground(Warning).Bold(true)
)

// DangerTitle heads a destructive dialog.
var DangerTitle = lipgloss.NewStyle().Bold(true).Foreground(Error)
