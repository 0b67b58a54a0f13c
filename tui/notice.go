package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/tokentui/tokentui/theme"
)

// notice is a dialog that explains why something cannot be done, in more
// words than the status bar holds; any close key closes it.
type notice struct {
	title string
	lines []string
	keys  resultKeys
}

func newNotice(title string, lines []string) *notice {
	return &notice{title: title, lines: lines, keys: newResultKeys()}
}

func (n *notice) update(msg tea.Msg) (overlay, tea.Cmd) { return closeOnKey(n, n.keys, msg) }

func (n *notice) view(width, height int) string {
	inner := dialogWidth(width, 72)
	var b strings.Builder
	b.WriteString(theme.Title.Render(n.title))
	b.WriteString("\n")
	for _, l := range n.lines {
		b.WriteString("\n" + theme.Muted.Render(ansi.Wrap(l, inner, " ")))
	}
	b.WriteString("\n\n" + keyHints(n.keys.Close))
	return theme.Dialog.Render(b.String())
}

func (n *notice) helpKeys() []key.Binding { return []key.Binding{n.keys.Close} }
