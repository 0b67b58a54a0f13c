package theme

import "github.com/charmbracelet/lipgloss"

var (
	// AppName is the product name at the left of the header.
	AppName = lipgloss.NewStyle().Bold(true).Foreground(Accent)
	// HeaderInfo is secondary header text (provider, sort order).
	HeaderInfo = lipgloss.NewStyle().Foreground(Subtle)
	// HeaderValue is the highlighted part of header info (the sort key).
	HeaderValue = lipgloss.NewStyle().Foreground(Text).Bold(true)
	// FilterPrompt is the "/" before the filter input.
	FilterPrompt = lipgloss.NewStyle().Foreground(Accent).Bold(true)
	// FilterText is the typed query.
	FilterText = lipgloss.NewStyle().Foreground(Text)

	// Status bar segments.
	StatusText  = lipgloss.NewStyle().Foreground(Subtle)
	StatusValue = lipgloss.NewStyle().Foreground(Text)
	StatusOK    = lipgloss.NewStyle().Foreground(Success)
	StatusError = lipgloss.NewStyle().Foreground(Error).Bold(true)
	StatusBusy  = lipgloss.NewStyle().Foreground(Accent)

	// Spinner is the loading spinner.
	Spinner = lipgloss.NewStyle().Foreground(Accent)

	// Help colours, for bubbles/help.
	HelpKey  = lipgloss.NewStyle().Foreground(Accent)
	HelpDesc = lipgloss.NewStyle().Foreground(Subtle)
	HelpSep  = lipgloss.NewStyle().Foreground(Border)
)
