package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/tokentui/tokentui/theme"
)

// E shows the last error in full: the status bar cuts a long one to its
// width, and clears it after a while.

// errorOverlay is the last error, wrapped to the dialog's width.
type errorOverlay struct {
	text, at string
	keys     resultKeys
}

func (m Model) openLastError() (tea.Model, tea.Cmd) {
	if m.lastError == "" {
		m.status = infoStatus("no error so far")
		return m, nil
	}
	m.overlay = &errorOverlay{text: m.lastError, at: m.lastErrorAt.Format(clockLayout), keys: newResultKeys()}
	m.relayout()
	return m, nil
}

func (e *errorOverlay) update(msg tea.Msg) (overlay, tea.Cmd) { return closeOnKey(e, e.keys, msg) }

func (e *errorOverlay) view(width, height int) string {
	inner := dialogWidth(width, 76)
	lines := strings.Split(ansi.Wrap(e.text, inner, " /,"), "\n")
	if room := max(height-8, 1); len(lines) > room {
		lines = append(lines[:room-1], "…")
	}
	var b strings.Builder
	b.WriteString(theme.Title.Render("Last error") + theme.Muted.Render("  at "+e.at))
	b.WriteString("\n\n")
	b.WriteString(theme.ErrorText.Render(strings.Join(lines, "\n")))
	b.WriteString("\n\n")
	b.WriteString(keyHints(e.keys.Close))
	return theme.Dialog.Render(b.String())
}

func (e *errorOverlay) helpKeys() []key.Binding { return []key.Binding{e.keys.Close} }
