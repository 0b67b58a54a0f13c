package tui

import (
	"strconv"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
)

// x revokes: the selected token, or every marked one, after a confirmation
// that names them. The DELETEs run in a Cmd (revokeCmd); the list then says
// exactly what the server did.

// revokeConfirmedMsg: the person said yes.
type revokeConfirmedMsg struct{ targets []client.Token }

// confirmRevoke asks before revoking: it names what will go, since a
// revoked token cannot be brought back and whatever uses it breaks at once.
func confirmRevoke(targets []client.Token) *confirmDialog {
	q := question{
		title:       "Revoke token?",
		targets:     targets,
		consequence: []string{"Anything using it stops working at once."},
		yesHelp:     "revoke",
		noHelp:      "cancel",
		yes:         revokeConfirmedMsg{targets: targets},
	}
	if len(targets) > 1 {
		q.title = "Revoke " + strconv.Itoa(len(targets)) + " tokens?"
		q.consequence = []string{"Anything using them stops working at once."}
	}
	return newConfirm(q)
}

// askRevoke opens the confirmation for the marked tokens, or the selected
// one when none is marked.
func (m Model) askRevoke() (tea.Model, tea.Cmd) {
	if m.revoking > 0 {
		m.status = infoStatus("a revoke is still running")
		return m, nil
	}
	targets := m.table.Marked()
	if len(targets) == 0 {
		tok, ok := m.table.Selected()
		if !ok {
			return m, nil
		}
		targets = []client.Token{*tok}
	}
	m.overlay = confirmRevoke(targets)
	m.relayout()
	return m, nil
}

func (m Model) startRevoke(targets []client.Token) (tea.Model, tea.Cmd) {
	m.revoking = len(targets)
	m.status = busyStatus("revoking " + plural(len(targets), "token") + "…")
	return m, tea.Batch(revokeCmd(m.opts.Provider, targets), m.spinner.Tick)
}

// onRevokeDone makes the list say exactly what the server did: revoked
// tokens leave at once, failed ones stay (and stay marked, to retry), then a
// background refresh confirms it.
func (m Model) onRevokeDone(msg revokeDoneMsg) (tea.Model, tea.Cmd) {
	m.revoking = 0
	var okIDs []string
	var firstErr *revokeResult
	for i, r := range msg.results {
		if r.err == nil {
			okIDs = append(okIDs, r.token.ID)
		} else if firstErr == nil {
			firstErr = &msg.results[i]
		}
	}
	m.table.Remove(okIDs)
	total, failed := len(msg.results), len(msg.results)-len(okIDs)
	switch {
	case total == 1 && failed == 0:
		m.status = okStatus("revoked " + labelOf(msg.results[0].token))
	case total == 1:
		m.status = errorStatus("could not revoke " + labelOf(firstErr.token) + ": " + firstErr.err.Error())
	case failed == 0:
		m.status = okStatus("revoked " + plural(total, "token"))
	default:
		m.status = errorStatus("revoked " + strconv.Itoa(len(okIDs)) + " of " + strconv.Itoa(total) +
			"; " + strconv.Itoa(failed) + " failed: " + firstErr.err.Error())
		m.overlay = newRevokeReport(msg.results)
	}
	m.relayout()
	// The list the server holds now wins over our bookkeeping, and any List
	// started before the revoke is stale from here on.
	return m.refresh(false)
}
