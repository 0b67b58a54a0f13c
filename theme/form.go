package theme

import "github.com/charmbracelet/lipgloss"

// Styles of the create form (tui/form).
var (
	// FormTitle heads the form ("New GoodAccess token", "Rotate ci-logs").
	FormTitle = Title
	// FormLabel is a section's name; FormLabelFocused the focused one's.
	FormLabel        = lipgloss.NewStyle().Foreground(Subtle)
	FormLabelFocused = lipgloss.NewStyle().Bold(true).Foreground(Accent)
	// FormValue is a section's one-line summary.
	FormValue = lipgloss.NewStyle().Foreground(Text)
	// FormCursor is the row under the cursor in a list.
	FormCursor = lipgloss.NewStyle().Background(SelBg).Foreground(Text)
	// FormChecked marks a picked scope, role or option.
	FormChecked = lipgloss.NewStyle().Foreground(Accent).Bold(true)
	// FormGroup is a scope group's header.
	FormGroup = lipgloss.NewStyle().Bold(true).Foreground(Text)
	// FormDisabled is an option that cannot be picked (with its reason).
	FormDisabled = lipgloss.NewStyle().Foreground(Subtle).Faint(true)
	// FormDesc is the description beside a scope or option.
	FormDesc = Muted
	// FormHint is quiet guidance ("enter adds").
	FormHint = Muted
	// FormOK, FormWarn and FormError colour counters, notes and messages.
	FormOK    = OKText
	FormWarn  = WarnText
	FormError = ErrorText
	// FormBanner is the message across the bottom of the form (server
	// errors, "fix 2 fields").
	FormBanner = lipgloss.NewStyle().Bold(true).Foreground(Error)
	// FormPrompt is the "discard this token?" question.
	FormPrompt = lipgloss.NewStyle().Bold(true).Foreground(Warning)
	// FormInputPrompt is the prompt of the form's text inputs.
	FormInputPrompt = AccentText
)
