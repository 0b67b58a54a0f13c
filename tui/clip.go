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
// open or not, and it remembers the clears still due so quitting can run
// them at once instead of leaving a secret on the clipboard.

// tableCopy is a copy of a listed secret (Unleash) waiting for its result;
// the secret is kept only until the clear is scheduled.
type tableCopy struct {
	ref    string
	label  string
	secret string
}

// quitClearedMsg reports the clears run on the way out.
type quitClearedMsg struct{ results []clipboard.ClearResult }

var copyRefs atomic.Uint64

// copySelected copies the selected token's secret, when the provider lists
// secrets; otherwise it says why there is nothing to copy.
func (m Model) copySelected() (tea.Model, tea.Cmd) {
	tok, ok := m.table.Selected()
	if !ok {
		return m, nil
	}
	if tok.Secret == "" {
		why := "this provider"
		if m.opts.Provider != nil {
			why = m.opts.Provider.DisplayName()
		}
		why += " shows a secret only once, when it is created; R rotates the token to get a new one"
		if tok.SecretNote != "" {
			why = "cannot copy the secret: " + tok.SecretNote + "; R rotates it"
		}
		m.status = infoStatus(why)
		return m, nil
	}
	ref := "table/" + strconv.FormatUint(copyRefs.Add(1), 10)
	m.copy = &tableCopy{ref: ref, label: labelOf(*tok), secret: tok.Secret}
	m.status = busyStatus("copying the secret of " + labelOf(*tok) + "…")
	return m, clipcmd.Copy(m.clip, tok.Secret, ref)
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
			return m.onTableCopied(msg.Result)
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
	case quitClearedMsg:
		for _, r := range msg.results {
			m.status = clearStatus(r)
		}
		return m, nil
	}
	return m, nil
}

func (m Model) onTableCopied(res clipboard.Result) (tea.Model, tea.Cmd) {
	c := m.copy
	m.copy = nil
	m.status = copyStatus(res, "the secret of "+c.label)
	if !res.OK() {
		return m, nil
	}
	// The clipboard holds this secret now: earlier clears would only report
	// "it holds something else".
	for _, j := range m.clearJobs {
		j.Cancel()
	}
	m.clearJobs = nil
	after := m.opts.ClearAfter
	if after == 0 {
		after = reveal.DefaultClearAfter
	}
	if after < 0 {
		return m, nil
	}
	job, tick := clipcmd.ScheduleClear(m.clip, c.secret, after)
	m.clearJobs = append(m.clearJobs, job)
	if res.Method == clipboard.System {
		m.status = okStatus("copied the secret of " + c.label + " to the system clipboard; it is cleared at " +
			m.now().Add(after).Format(clockLayout) + " if still there")
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

// quit clears, right now, every secret still due to be cleared (if the
// clipboard still holds it), then ends the program.
func (m Model) quit() (tea.Model, tea.Cmd) {
	jobs := append([]*clipcmd.ClearJob(nil), m.clearJobs...)
	if r, ok := m.overlay.(*revealOverlay); ok {
		if j := r.m.PendingClear(); j != nil {
			jobs = append(jobs, j)
		}
	}
	var clears []tea.Cmd
	for _, j := range jobs {
		if c := j.ClearNow(); c != nil {
			clears = append(clears, c)
		}
	}
	m.clearJobs = nil
	if len(clears) == 0 {
		return m, tea.Quit
	}
	clearAll := func() tea.Msg {
		var out quitClearedMsg
		for _, c := range clears {
			if cm, ok := c().(clipcmd.ClearedMsg); ok {
				out.results = append(out.results, cm.Result)
			}
		}
		return out
	}
	return m, tea.Sequence(clearAll, tea.Quit)
}
