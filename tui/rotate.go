package tui

import (
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// rotateKeptMsg: the person chose to keep the old token of a rotate.
type rotateKeptMsg struct{ old client.Token }

// askRotate opens the create form for a copy of the selected token, unless
// the provider cannot create a token of its kind: then it says why, rather
// than open a form that would make something else.
func (m Model) askRotate() (tea.Model, tea.Cmd) {
	tok, ok := m.table.Selected()
	if !ok {
		return m, nil
	}
	if cat := m.catalogOf(tok); cat != nil {
		for _, r := range cat.Source().Roles {
			if r.Name == tok.Role && !r.Creatable {
				m.overlay = newNotice("Cannot rotate "+tokenfmt.Name(tok.Name), []string{
					"A token of " + strings.ToLower(cat.RoleLabel()) + " " + r.Name + " cannot be created here: " + client.Sanitize(r.Reason) + ".",
					"Make its replacement where it was made, then revoke this one with x.",
				})
				m.relayout()
				return m, nil
			}
		}
	}
	old := *tok
	return m.openCreate(&old)
}

// confirmRotateRevoke is the last step of a rotate: the new token exists and
// its secret has been shown; now, and only now, the old one may go. Saying
// no keeps it, since whatever uses it may not have the new secret yet. When
// the old token is the admin token in use, a second step says what that
// costs tokentui.
func confirmRotateRevoke(old client.Token, on runOn, now time.Time) *confirmDialog {
	q := question{
		title:   "Revoke the old token now?",
		targets: []client.Token{old},
		now:     now,
		consequence: []string{
			"The new token is created and its secret was shown.",
			stopsWorking("the old one", registryLag(on)),
		},
		yesHelp: "revoke the old token",
		noHelp:  "keep it",
		yes:     revokeConfirmedMsg{groups: []revokeGroup{{on: on, targets: []client.Token{old}}}},
		no:      rotateKeptMsg{old: old},
	}
	if old.Self {
		q.consequence = append(q.consequence, "⚠ It is the admin token tokentui uses here: y asks once more.")
		q.selfWarning = append(selfWarning(old, on.label),
			"Configure the new secret as this profile's admin token first.")
	}
	return newConfirm(q)
}
