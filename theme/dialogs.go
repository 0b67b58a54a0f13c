package theme

import "github.com/charmbracelet/lipgloss"

// Styles of the dashboard's smaller dialogs: edit expiry, profile switcher.
var (
	// ExpiryCursor marks the focused row of the edit-expiry dialog.
	ExpiryCursor = lipgloss.NewStyle().Foreground(Accent).Bold(true)
	// ProfileCursor marks the focused profile in the switcher.
	ProfileCursor = lipgloss.NewStyle().Foreground(Accent).Bold(true)
	// ProfileCurrent names the profile open now.
	ProfileCurrent = lipgloss.NewStyle().Foreground(Success)
	// ProfileName is a usable profile's name.
	ProfileName = lipgloss.NewStyle().Bold(true).Foreground(Text)
	// ProfileRefused is a profile that cannot be used, greyed out with why.
	ProfileRefused = lipgloss.NewStyle().Foreground(Subtle).Faint(true)
)
