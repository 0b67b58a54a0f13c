package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
)

// confirmRevoke asks before revoking: it names what will go, since a
// revoked token cannot be brought back and whatever uses it breaks at once.
type confirmRevoke struct {
	targets []client.Token
	keys    confirmKeys
}

// revokeConfirmedMsg: the user said yes.
type revokeConfirmedMsg struct{ targets []client.Token }

func newConfirmRevoke(targets []client.Token) *confirmRevoke {
	return &confirmRevoke{targets: targets, keys: newConfirmKeys()}
}

func (c *confirmRevoke) update(msg tea.Msg) (overlay, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return c, nil
	}
	switch {
	case key.Matches(k, c.keys.Yes):
		targets := c.targets
		return nil, func() tea.Msg { return revokeConfirmedMsg{targets: targets} }
	case key.Matches(k, c.keys.No):
		return nil, nil
	}
	return c, nil
}

// maxListed is how many names a dialog lists before "and N more".
const maxListed = 6

func (c *confirmRevoke) view(width, height int) string {
	inner := dialogWidth(width, 64)
	listed := min(len(c.targets), maxListed, max(height-14, 1))
	var b strings.Builder
	title := "Revoke token?"
	if len(c.targets) > 1 {
		title = "Revoke " + strconv.Itoa(len(c.targets)) + " tokens?"
	}
	b.WriteString(theme.DangerTitle.Render(title))
	b.WriteString("\n")
	for _, t := range c.targets[:listed] {
		b.WriteString("\n")
		b.WriteString(tokenLabel(t, inner))
	}
	if more := len(c.targets) - listed; more > 0 {
		b.WriteString("\n")
		b.WriteString(theme.Muted.Render("and " + strconv.Itoa(more) + " more"))
	}
	b.WriteString("\n\n")
	consequence := "Anything using it stops working at once."
	if len(c.targets) > 1 {
		consequence = "Anything using them stops working at once."
	}
	b.WriteString(theme.Muted.Render(fit(consequence, inner)))
	b.WriteString("\n\n")
	b.WriteString(keyHints(c.keys.Yes, c.keys.No))
	return theme.DangerDialog.Render(b.String())
}

func (c *confirmRevoke) helpKeys() []key.Binding {
	return []key.Binding{c.keys.Yes, c.keys.No}
}

// tokenLabel is "name  3f2a9c4e", the name cut to fit width.
func tokenLabel(t client.Token, width int) string {
	name := t.Name
	if name == "" {
		name = "(unnamed)"
	}
	id := shortID(t.ID)
	return theme.Bold.Render(fit(name, max(width-len(id)-2, 8))) + "  " + theme.Muted.Render(id)
}
