package tui

import (
	"strconv"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/clipcmd"
)

// q and ctrl+c quit at once unless that could lose something that cannot
// be had again: a secret on show (the reveal dialog asks exactly as its
// close does), candidate secrets of an answer that came back odd, or a
// create or revoke whose answer has not come yet (the server may act after
// tokentui has gone, and a new token's secret would then be lost).

// quitConfirmedMsg: quit although something is in flight.
type quitConfirmedMsg struct{}

// restoreOverlayMsg: the person chose to wait; the dialog the question
// covered (the create form saying "Creating…") comes back.
type restoreOverlayMsg struct{ o overlay }

// askQuit decides what q or ctrl+c (msg) does.
func (m Model) askQuit(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	switch o := m.overlay.(type) {
	case *revealOverlay:
		return m.forwardToOverlay(msg) // it asks, or closes with Quit set
	case *outcomeOverlay:
		if o.unsaved() {
			return m.forwardToOverlay(msg)
		}
	case *confirmDialog:
		if _, asking := o.yes.(quitConfirmedMsg); asking {
			return m, nil // already asking
		}
	}
	if q := m.inFlightQuestion(); q != nil {
		if m.overlay != nil {
			q.no = restoreOverlayMsg{o: m.overlay}
		}
		m.overlay = q
		m.relayout()
		return m, nil
	}
	return m.quit()
}

// inFlightQuestion asks about quitting while a create or revoke runs; nil
// when nothing is in flight.
func (m *Model) inFlightQuestion() *confirmDialog {
	q := question{yesHelp: "quit anyway", noHelp: "wait", yes: quitConfirmedMsg{}}
	switch {
	case m.creating != nil:
		q.title = "Quit while a token is being created?"
		q.consequence = []string{
			"The server may create “" + client.Sanitize(m.creating.req.Name) + "” after tokentui has gone:",
			"its secret would then be lost. Wait for the answer, then quit.",
		}
	case m.revoking > 0:
		q.title = "Quit while a revoke runs?"
		q.consequence = []string{
			"Some of the " + plural(m.revoking, "token") + " may be revoked after tokentui has gone,",
			"and nobody will be told which. Wait for the answer, then quit.",
		}
	default:
		return nil
	}
	return newConfirm(q)
}

// handedOffMsg reports the clears handed to a process that outlives this
// one, on the way out.
type handedOffMsg struct{ results []clipcmd.HandedOffMsg }

// quit ends the program. Every clear still due is handed to a small
// process of tokentui's own that clears at its time (if the clipboard still
// holds that secret), so a secret can still be pasted after quitting, and
// is not left there for good either. What it arranged is said after exit.
func (m Model) quit() (tea.Model, tea.Cmd) {
	jobs := append([]*clipcmd.ClearJob(nil), m.clearJobs...)
	if r, ok := m.overlay.(*revealOverlay); ok {
		if j := r.m.PendingClear(); j != nil {
			jobs = append(jobs, j)
		}
	}
	var handoffs []tea.Cmd
	for _, j := range jobs {
		if c := j.HandOff(); c != nil {
			handoffs = append(handoffs, c)
		}
	}
	m.clearJobs = nil
	if len(handoffs) == 0 {
		return m, tea.Quit
	}
	handOffAll := func() tea.Msg {
		var out handedOffMsg
		for _, c := range handoffs {
			out.results = append(out.results, c().(clipcmd.HandedOffMsg))
		}
		return out
	}
	return m, tea.Sequence(handOffAll, tea.Quit)
}

// ExitNotes are what the dashboard has to say once it has ended (on
// stderr): what becomes of the secrets left on the clipboard.
func (m Model) ExitNotes() []string { return m.exitNotes }

// moreThan is " and 2 more" for n = 3 things named by their first.
func moreThan(n int) string {
	if n <= 1 {
		return ""
	}
	return " and " + strconv.Itoa(n-1) + " more"
}
