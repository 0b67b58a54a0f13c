package theme

import "github.com/charmbracelet/lipgloss"

// CLIStyles colour the output of the scripting subcommands. They are bound
// to a renderer for the command's own output stream, so colour follows that
// stream (a pipe gets none) rather than whatever stdout is.
type CLIStyles struct {
	Header   lipgloss.Style // table header row
	Expired  lipgloss.Style // an expired token, a failed action
	Expiring lipgloss.Style // expiring soon, a warning
	OK       lipgloss.Style // a success line
	Muted    lipgloss.Style // secondary text: descriptions, "never"
	Group    lipgloss.Style // a scope group title
}

// CLI returns the styles for renderer r.
func CLI(r *lipgloss.Renderer) CLIStyles {
	return CLIStyles{
		Header:   r.NewStyle().Bold(true).Foreground(Accent),
		Expired:  r.NewStyle().Foreground(Error),
		Expiring: r.NewStyle().Foreground(Warning),
		OK:       r.NewStyle().Foreground(Success),
		Muted:    r.NewStyle().Foreground(Subtle),
		Group:    r.NewStyle().Bold(true),
	}
}
