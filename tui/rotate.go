package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
)

// confirmRotateRevoke is the last step of a rotate: the new token exists and
// its secret has been shown; now, and only now, the old one may go. Saying
// no keeps it, since whatever uses it may not have the new secret yet.
type confirmRotateRevoke struct {
	old  client.Token
	keys confirmKeys
}

func newConfirmRotateRevoke(old client.Token) *confirmRotateRevoke {
	k := newConfirmKeys()
	k.Yes.SetHelp("y", "revoke the old token")
	k.No.SetHelp("n/esc", "keep it")
	return &confirmRotateRevoke{old: old, keys: k}
}

func (c *confirmRotateRevoke) update(msg tea.Msg) (overlay, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return c, nil
	}
	old := c.old
	switch {
	case key.Matches(k, c.keys.Yes):
		return nil, func() tea.Msg { return revokeConfirmedMsg{targets: []client.Token{old}} }
	case key.Matches(k, c.keys.No):
		return nil, func() tea.Msg { return rotateKeptMsg{old: old} }
	}
	return c, nil
}

func (c *confirmRotateRevoke) view(width, height int) string {
	inner := dialogWidth(width, 64)
	var b strings.Builder
	b.WriteString(theme.DangerTitle.Render("Revoke the old token now?"))
	b.WriteString("\n\n")
	b.WriteString(tokenLabel(c.old, inner))
	b.WriteString("\n\n")
	b.WriteString(theme.Muted.Render(fit("The new token is created and its secret was shown.", inner)))
	b.WriteString("\n")
	b.WriteString(theme.Muted.Render(fit("Anything still using the old one stops working at once.", inner)))
	b.WriteString("\n\n")
	b.WriteString(keyHints(c.keys.Yes, c.keys.No))
	return theme.DangerDialog.Render(b.String())
}

func (c *confirmRotateRevoke) helpKeys() []key.Binding {
	return []key.Binding{c.keys.Yes, c.keys.No}
}
