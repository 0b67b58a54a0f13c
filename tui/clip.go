package tui

import (
	"slices"
	"strconv"
	"sync/atomic"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/tui/clipboard"
	"github.com/tokentui/tokentui/tui/clipcmd"
	"github.com/tokentui/tokentui/tui/reveal"
)

// The root is the clipboard's janitor: every clear timer reaches it, dialog
// open or not, and it remembers the clears still due so quitting can hand
// them to a process that clears at their time (quit.go).

// tableCopy is a copy made by the root (a listed secret, a candidate of an
// odd answer) waiting for its result; the secret is kept only until the
// clear is scheduled.
type tableCopy struct {
	ref    string
	label  string
	secret string
}

var copyRefs atomic.Uint64

// copySelected copies the selected token's secret, when the provider lists
// secrets; otherwise it says why there is nothing to copy.
func (m Model) copySelected() (tea.Model, tea.Cmd) {
	tok, ok := m.table.Selected()
	if !ok {
		return m, nil
	}
	if tok.Secret == "" {
		why := m.providerName(tok)
		why += " shows a secret only once, when it is created; R rotates the token to get a new one"
		if tok.SecretNote != "" {
			why = "cannot copy the secret: " + tok.SecretNote + "; R rotates it"
		}
		m.status = infoStatus(why)
		return m, nil
	}
	return m.copySecret(tok.Secret, "the secret of "+labelOf(*tok))
}

// copySecret copies secret, called what in messages, and clears it later
// like every copied secret (onTableCopied).
func (m Model) copySecret(secret, what string) (tea.Model, tea.Cmd) {
	ref := "table/" + strconv.FormatUint(copyRefs.Add(1), 10)
	m.copy = &tableCopy{ref: ref, label: what, secret: secret}
	m.status = busyStatus("copying " + what + "…")
	return m, clipcmd.Copy(m.clip, secret, ref)
}

// copySelectedID copies the selected token's full ID: not a secret, so
// nothing is cleared later.
func (m Model) copySelectedID() (tea.Model, tea.Cmd) {
	tok, ok := m.table.Selected()
	if !ok {
		return m, nil
	}
	ref := "id/" + strconv.FormatUint(copyRefs.Add(1), 10)
	m.idCopy = &tableCopy{ref: ref, label: labelOf(*tok)}
	return m, clipcmd.Copy(m.clip, tok.ID, ref)
}

func (m Model) onClipboard(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case clipcmd.CopiedMsg:
		if m.copy != nil && msg.Ref == m.copy.ref {
			next, cmd := m.onTableCopied(msg.Result)
			nm := next.(Model)
			if _, ok := nm.overlay.(*outcomeOverlay); ok {
				nm.overlay.update(msg) // it notes which candidate is copied
			}
			return nm, cmd
		}
		if m.idCopy != nil && msg.Ref == m.idCopy.ref {
			m.status = copyStatus(msg.Result, "the ID of "+m.idCopy.label)
			m.idCopy = nil
			return m, nil
		}
		if _, ok := m.overlay.(*revealOverlay); ok {
			m.status = copyStatus(msg.Result, "the new secret")
			return m.forwardToOverlay(msg)
		}
		return m, nil
	case clipcmd.ClearDueMsg:
		return m, clipcmd.HandleClearDue(msg)
	case clipcmd.ClearedMsg:
		m.status = clearStatus(msg.Result)
		m.pruneClearJobs()
		return m.forwardToOverlay(msg)
	case handedOffMsg:
		for _, r := range msg.results {
			m.exitNotes = append(m.exitNotes, "tokentui: "+r.String())
		}
		return m, nil
	}
	return m, nil
}

func (m Model) onTableCopied(res clipboard.Result) (tea.Model, tea.Cmd) {
	c := m.copy
	m.copy = nil
	m.status = copyStatus(res, c.label)
	// A slow system clipboard may still take it: clear it all the same.
	if !res.MayHold() {
		return m, nil
	}
	// A new copy of this secret restarts its countdown. The clears of other
	// secrets stay: this copy may not have reached the clipboard they are
	// on, and each finds for itself whether its secret is still there.
	for _, j := range m.clearJobs {
		if j.For(c.secret) {
			j.Cancel()
		}
	}
	m.pruneClearJobs()
	after := m.opts.ClearAfter
	if after == 0 {
		after = reveal.DefaultClearAfter
	}
	if after < 0 {
		return m, nil
	}
	job, tick := clipcmd.ScheduleClear(m.clip, c.secret, m.now(), after)
	m.clearJobs = append(m.clearJobs, job)
	if res.Method == clipboard.System {
		m.status = okStatus("copied " + c.label + " to the system clipboard; it is cleared at " +
			m.now().Add(after).Format(clockLayout) + " if still there (also after quitting)")
	}
	return m, tick
}

func copyStatus(res clipboard.Result, what string) status {
	switch res.Method {
	case clipboard.System:
		return okStatus("copied " + what + " to the system clipboard")
	case clipboard.OSC52:
		return infoStatus("sent " + what + " to the terminal's clipboard via OSC 52 (cannot be confirmed; paste to check)")
	}
	return errorStatus("could not copy " + what + ": " + res.Reasons())
}

func clearStatus(r clipboard.ClearResult) status {
	if r.Cleared {
		return okStatus(r.String())
	}
	return infoStatus(r.String())
}

// keepClear remembers a pending clear (once) so quitting can run it.
func (m *Model) keepClear(j *clipcmd.ClearJob) {
	if j.Pending() && !slices.Contains(m.clearJobs, j) {
		m.clearJobs = append(m.clearJobs, j)
	}
}

func (m *Model) pruneClearJobs() {
	kept := m.clearJobs[:0]
	for _, j := range m.clearJobs {
		if j.Pending() {
			kept = append(kept, j)
		}
	}
	m.clearJobs = kept
}
