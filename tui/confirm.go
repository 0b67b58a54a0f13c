package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// question is what a confirmDialog asks: the tokens it is about and what
// saying yes means, since what it guards cannot be undone. The answer
// travels as a message, like every overlay's decision.
type question struct {
	title       string
	targets     []client.Token // listed by name and short ID
	consequence []string       // what follows a yes, one line each
	yesHelp     string         // what y does, in the key hints ("revoke")
	noHelp      string         // what n/esc does ("cancel", "keep it")
	yes, no     tea.Msg        // sent on y and on n/esc; nil sends nothing
}

// confirmDialog is the one yes/no dialog: the revoke confirmation and the
// last step of a rotate ask through it.
type confirmDialog struct {
	question
	keys confirmKeys
}

func newConfirm(q question) *confirmDialog {
	return &confirmDialog{question: q, keys: newConfirmKeys(q.yesHelp, q.noHelp)}
}

func (c *confirmDialog) update(msg tea.Msg) (overlay, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return c, nil
	}
	switch {
	case key.Matches(k, c.keys.Yes):
		return nil, deliver(c.yes)
	case key.Matches(k, c.keys.No):
		return nil, deliver(c.no)
	}
	return c, nil
}

// deliver is a command that delivers msg, or none for a nil msg.
func deliver(msg tea.Msg) tea.Cmd {
	if msg == nil {
		return nil
	}
	return func() tea.Msg { return msg }
}

// maxListed is how many names a dialog lists before "and N more".
const maxListed = 6

func (c *confirmDialog) view(width, height int) string {
	inner := dialogWidth(width, 64)
	listed := min(len(c.targets), maxListed, max(height-14, 1))
	var b strings.Builder
	b.WriteString(theme.DangerTitle.Render(c.title))
	b.WriteString("\n")
	for _, t := range c.targets[:listed] {
		b.WriteString("\n")
		b.WriteString(tokenLabel(t, inner))
	}
	if more := len(c.targets) - listed; more > 0 {
		b.WriteString("\n")
		b.WriteString(theme.Muted.Render("and " + strconv.Itoa(more) + " more"))
	}
	b.WriteString("\n")
	for _, line := range c.consequence {
		b.WriteString("\n")
		b.WriteString(theme.Muted.Render(tokenfmt.Fit(line, inner)))
	}
	b.WriteString("\n\n")
	b.WriteString(keyHints(c.keys.Yes, c.keys.No))
	return theme.DangerDialog.Render(b.String())
}

func (c *confirmDialog) helpKeys() []key.Binding {
	return []key.Binding{c.keys.Yes, c.keys.No}
}
