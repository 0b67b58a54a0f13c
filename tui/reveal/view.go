package reveal

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/clipboard"
)

// View draws the dialog, at most Width x Height including its frame.
func (m Model) View() string {
	if m.closed {
		return ""
	}
	box := theme.RevealBox
	inner := m.opts.Width - box.GetHorizontalFrameSize()
	if inner < 20 {
		inner = 20
	}

	var lines []string
	add := func(ls ...string) { lines = append(lines, ls...) }

	name := client.Sanitize(m.token.Name)
	if name == "" {
		name = m.token.ID
	}
	title := fmt.Sprintf("Token %q created", name)
	if m.opts.Where != "" {
		title += " on " + client.Sanitize(m.opts.Where)
	}
	add(wrap(theme.Title, title, inner)...)
	add("")

	if m.hidden {
		add(wrap(theme.RevealOnce, "Secret (hidden; v shows it again):", inner)...)
		add(theme.RevealSecret.Render(client.MaskSecret(m.shown)))
	} else {
		add(wrap(theme.RevealOnce, m.secretHeading(), inner)...)
		// Hard-wrapped, never truncated: every character must be on screen
		// for someone copying it by hand.
		for _, l := range strings.Split(ansi.Hardwrap(m.shown, inner, true), "\n") {
			add(theme.RevealSecret.Render(l))
		}
	}
	if m.shown != m.secret {
		add(wrap(theme.RevealWarn, "⚠ the secret contains control characters; they are not drawn but are copied", inner)...)
	}
	add("")

	add(m.copyLines(inner)...)
	if m.warning != "" {
		add(wrap(theme.RevealWarn, "⚠ "+m.warning, inner)...)
	}
	add(m.grantLines(inner)...)
	var details []string
	if len(m.opts.Details) > 0 {
		details = append(details, "")
		for _, d := range m.opts.Details {
			details = append(details, wrap(theme.RevealDetail, d, inner)...)
		}
	}
	detailsAt := len(lines)
	add("")
	if m.confirm {
		add(wrap(theme.RevealPrompt, m.confirmText(), inner)...)
		add(wrap(theme.RevealHint, "y "+m.confirmVerb()+" · n back", inner)...)
	} else {
		add(wrap(theme.RevealHint, "c copy again · v hide/show · p plain · enter close · q quit", inner)...)
	}

	// Keep within the height: the details go first, then blank lines; the
	// secret and what happened to it are never cut.
	maxLines := m.opts.Height - box.GetVerticalFrameSize()
	if len(lines)+len(details) <= maxLines {
		lines = append(lines[:detailsAt], append(details, lines[detailsAt:]...)...)
	} else {
		lines = squeeze(lines, maxLines)
	}
	return box.Width(m.opts.Width - box.GetHorizontalBorderSize()).Render(strings.Join(lines, "\n"))
}

// PlainView is the secret alone, width x height: no frame, no margin,
// nothing else on its lines, so a mouse selection (which terminals make by
// lines) copies the secret and only the secret. A hint under it says how
// to go back. A long secret is hard-wrapped at the full width.
func (m Model) PlainView(width, height int) string {
	if m.closed {
		return ""
	}
	width = max(width, 20)
	var lines []string
	for _, l := range strings.Split(ansi.Hardwrap(m.shown, width, true), "\n") {
		lines = append(lines, theme.RevealSecret.Render(l)+strings.Repeat(" ", width-ansi.StringWidth(l)))
	}
	hint := fmt.Sprintf("the secret alone, %d characters on %d line(s): select it with the mouse (a paste may need the line breaks removed) · c copy · p or esc back", len([]rune(m.shown)), len(lines))
	lines = append(lines, "")
	for _, l := range strings.Split(ansi.Wrap(hint, width, " "), "\n") {
		lines = append(lines, theme.RevealHint.Render(l)+strings.Repeat(" ", max(width-ansi.StringWidth(l), 0)))
	}
	for len(lines) < height {
		lines = append(lines, strings.Repeat(" ", width))
	}
	return strings.Join(lines, "\n")
}

// grantLines say where the token the server reports differs from what was
// asked for, or that the grants are not confirmed: what the token may do
// is what the server granted, not what the form said.
func (m Model) grantLines(width int) []string {
	var out []string
	if m.unconfirmed != "" {
		out = append(out, wrap(theme.RevealWarn, "⚠ Grants unconfirmed: "+m.unconfirmed+".", width)...)
	}
	if len(m.grantDiffs) > 0 {
		out = append(out, wrap(theme.RevealWarn, "⚠ The server did not grant what was asked:", width)...)
		for _, d := range m.grantDiffs {
			out = append(out, wrap(theme.RevealWarn, "  • "+d, width)...)
		}
	}
	return out
}

func (m Model) copyLines(width int) []string {
	var out []string
	res := m.copyResult
	switch {
	case res == nil:
		out = append(out, theme.Muted.Render("Copying…"))
	case res.Method == clipboard.System:
		out = append(out, wrap(theme.RevealOK, "✓ Copied to the system clipboard.", width)...)
	case res.Method == clipboard.OSC52:
		out = append(out, wrap(theme.RevealWarn, "✓ Sent to your terminal's clipboard via OSC 52. This cannot be confirmed: paste it somewhere to check.", width)...)
		out = append(out, wrap(theme.Muted, "The system clipboard failed: "+res.SystemErr.Error(), width)...)
	case res.SystemPending:
		out = append(out, wrap(theme.RevealWarn, "⚠ The system clipboard is slow to answer and may still take the secret; paste to check. "+res.Reasons()+".", width)...)
	default:
		out = append(out, wrap(theme.RevealFail, "✗ Could not copy: "+res.Reasons()+". Select the secret above by hand.", width)...)
	}
	if res != nil && res.Method == clipboard.OSC52 && res.SystemPending {
		out = append(out, wrap(theme.Muted, "The system clipboard is slow to answer and may take it too; it is cleared from there all the same.", width)...)
	}
	if m.copying && res != nil {
		out = append(out, theme.Muted.Render("Copying again…"))
	}
	switch {
	case m.clearResult != nil && m.clearResult.Cleared:
		out = append(out, wrap(theme.RevealOK, "✓ Clipboard cleared.", width)...)
	case m.clearResult != nil:
		out = append(out, wrap(theme.RevealWarn, "⚠ Clipboard not cleared: "+m.clearResult.Reason+".", width)...)
	case m.clearJob.Pending() && res != nil && res.Method == clipboard.OSC52:
		// The job will run, but it cannot read the terminal's clipboard:
		// promising a clear would be false.
		out = append(out, wrap(theme.Muted, "OSC 52 cannot be read back, so the clipboard cannot be cleared automatically: clear it yourself after pasting.", width)...)
	case m.clearJob.Pending():
		out = append(out, wrap(theme.Muted, fmt.Sprintf("The clipboard will be cleared at %s if it still holds the secret, also if you quit tokentui before then.", m.clearAt.Format("15:04:05")), width)...)
	case m.copiedOnce && m.opts.ClearAfter < 0:
		out = append(out, wrap(theme.Muted, "The clipboard will not be cleared automatically.", width)...)
	}
	return out
}

// secretHeading says whether this is the only time the secret is shown.
func (m Model) secretHeading() string {
	if m.retrievable {
		return "Secret (the token list keeps it: c in the table copies it again later):"
	}
	return "Secret — shown this once, it cannot be shown again:"
}

// confirmText says why closing (or quitting) would lose the secret.
func (m Model) confirmText() string {
	var why string
	switch res := m.copyResult; {
	case m.clearResult != nil && m.clearResult.Cleared:
		why = "The clipboard has been cleared: the secret is nowhere else now."
	case m.clearResult != nil:
		why = "The clipboard may not hold the secret any more (" + m.clearResult.Reason + ")."
	case res != nil && res.Method == clipboard.OSC52:
		why = "The copy went out by OSC 52 and cannot be confirmed."
	case res != nil && res.SystemPending:
		why = "The copy is not confirmed: the system clipboard did not answer in time."
	case res == nil:
		why = "The copy has not finished yet."
	default:
		why = "The secret was not copied."
	}
	what := "Close anyway?"
	if m.quitting {
		what = "Quit tokentui anyway?"
	}
	return why + " " + what + " The secret will be gone: it cannot be shown again."
}

// confirmVerb is what y does in the question.
func (m Model) confirmVerb() string {
	if m.quitting {
		return "quit"
	}
	return "close"
}

// wrap word-wraps s to width before styling, so the dialog knows its own
// line count (and lipgloss never wraps behind its back).
func wrap(style lipgloss.Style, s string, width int) []string {
	var out []string
	for _, l := range strings.Split(ansi.Wrap(s, width, " "), "\n") {
		out = append(out, style.Render(l))
	}
	return out
}

// squeeze drops blank lines from the bottom up until lines fit in n; the
// content itself is kept (the secret must never be cut).
func squeeze(lines []string, n int) []string {
	for i := len(lines) - 1; i >= 0 && len(lines) > n; i-- {
		if lines[i] == "" {
			lines = append(lines[:i], lines[i+1:]...)
		}
	}
	return lines
}
