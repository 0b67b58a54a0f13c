package tui

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/history"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/scroll"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// The history of what tokentui did (client/history): every create, rotate,
// revoke and expiry change of the dashboard is appended in a command, never
// in Update, and H shows the history, the command line's included. A
// history that cannot be written or read is a warning; token work never
// waits for it.

// historyWrittenMsg is the answer of one append.
type historyWrittenMsg struct{ err error }

// historyReadMsg is the history, read for the pane.
type historyReadMsg struct {
	recs     []history.Record
	warnings []string
	err      error
}

// record appends recs (of actions on on's profile) in a command; nil
// without a history.
func (m *Model) record(on runOn, recs ...history.Record) tea.Cmd {
	log := m.opts.History
	if log == nil || len(recs) == 0 {
		return nil
	}
	for i := range recs {
		recs[i].Via, recs[i].Profile = history.ViaDashboard, on.name
		if on.prov != nil {
			recs[i].Provider = on.prov.Kind()
		}
	}
	return func() tea.Msg { return historyWrittenMsg{err: log.Append(recs...)} }
}

// recordRevokes keeps every result of a revoke.
func (m *Model) recordRevokes(groups []revokeGroupDone) tea.Cmd {
	var cmds []tea.Cmd
	for _, g := range groups {
		recs := make([]history.Record, len(g.results))
		for i, r := range g.results {
			recs[i] = history.Of(history.ActionRevoke, r.token, m.now()).Finish(r.err)
		}
		cmds = append(cmds, m.record(g.on, recs...))
	}
	return tea.Batch(cmds...)
}

// createRecord is a create's (or a rotate's) record: the token made, or
// what was asked for when none arrived.
func createRecord(pc *pendingCreate, created client.Created, err error, rotateOf *client.Token, at time.Time) history.Record {
	action := history.ActionCreate
	if rotateOf != nil {
		action = history.ActionRotate
	}
	r := history.OfRequest(action, pc.req, at).Finish(err)
	if err == nil {
		r = history.Of(action, created.Token, at)
	}
	if rotateOf != nil {
		r.Replaces = rotateOf.ID
	}
	return r
}

// onHistory takes an append's outcome, or the history read for the pane.
func (m Model) onHistory(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case historyWrittenMsg:
		return m.onHistoryWritten(msg)
	case historyReadMsg:
		return m.forwardToOverlay(msg)
	}
	return m, nil
}

// onHistoryWritten warns when the history could not be written, beside
// what the action itself said.
func (m Model) onHistoryWritten(msg historyWrittenMsg) (tea.Model, tea.Cmd) {
	if msg.err == nil {
		return m, nil
	}
	warn := "the history was not written (" + msg.err.Error() + "); the token work is done"
	if m.status.kind == statusOK || m.status.kind == statusInfo {
		warn = m.status.text + " · " + warn
	}
	m.status = errorStatus(warn)
	return m, nil
}

// openHistory reads the history in a command and shows it (H).
func (m Model) openHistory() (tea.Model, tea.Cmd) {
	log := m.opts.History
	if log == nil {
		m.status = infoStatus("no history is kept in this session")
		return m, nil
	}
	m.overlay = newHistoryOverlay(log.Where(), m.location())
	m.relayout()
	return m, func() tea.Msg {
		recs, warnings, err := log.Read()
		return historyReadMsg{recs: recs, warnings: warnings, err: err}
	}
}

type historyKeys struct {
	scroll.Keys
	Close key.Binding
}

// historyOverlay is the History pane: newest first, one record a line and
// its grants, expiry and error on the next.
type historyOverlay struct {
	where    string
	loc      *time.Location
	loading  bool
	recs     []history.Record // newest first
	warnings []string
	err      error
	offset   int
	room     int // records that fit, from the last view
	keys     historyKeys
}

func newHistoryOverlay(where string, loc *time.Location) *historyOverlay {
	return &historyOverlay{where: where, loc: loc, loading: true, room: 1, keys: historyKeys{
		Keys:  scroll.NewKeys(),
		Close: key.NewBinding(key.WithKeys("esc", "q", "H", "enter"), key.WithHelp("esc", "close")),
	}}
}

func (h *historyOverlay) update(msg tea.Msg) (overlay, tea.Cmd) {
	switch msg := msg.(type) {
	case historyReadMsg:
		h.loading, h.warnings, h.err = false, msg.warnings, msg.err
		h.recs = make([]history.Record, len(msg.recs))
		for i, r := range msg.recs {
			h.recs[len(msg.recs)-1-i] = r
		}
	case tea.KeyMsg:
		if key.Matches(msg, h.keys.Close) {
			return nil, nil
		}
		if pos, moved := h.keys.Move(msg, h.offset, h.room, len(h.recs)); moved {
			h.offset = max(min(pos, len(h.recs)-h.room), 0)
		}
	}
	return h, nil
}

func (h *historyOverlay) view(width, height int) string {
	inner := dialogWidth(width, 110)
	var b strings.Builder
	b.WriteString(theme.Title.Render("History"))
	b.WriteString(theme.Muted.Render(tokenfmt.Fit("  "+client.Sanitize(h.where), max(inner-7, 1))))
	b.WriteString("\n")
	for _, w := range h.warnings {
		b.WriteString("\n" + theme.WarnText.Render(tokenfmt.Fit("⚠ "+client.Sanitize(w), inner)))
	}
	switch {
	case h.loading:
		b.WriteString("\n" + theme.Muted.Render("reading…"))
	case h.err != nil:
		b.WriteString("\n" + theme.ErrorText.Render(ansi.Wrap(client.Sanitize("could not read the history: "+h.err.Error()), inner, " ")))
	case len(h.recs) == 0:
		b.WriteString("\n" + theme.Muted.Render("nothing yet: creates, rotates, revokes and expiry changes appear here"))
	default:
		h.writeRecords(&b, inner, height-8-len(h.warnings))
	}
	b.WriteString("\n\n" + keyHints(h.keys.Down, h.keys.Up, h.keys.Close))
	return theme.Dialog.Render(b.String())
}

// writeRecords lists the records that fit, two lines each.
func (h *historyOverlay) writeRecords(b *strings.Builder, inner, height int) {
	h.room = max(height/2, 1)
	h.offset = max(min(h.offset, len(h.recs)-h.room), 0)
	end := min(h.offset+h.room, len(h.recs))
	for _, r := range h.recs[h.offset:end] {
		outcome := theme.OKText.Render("✓")
		switch r.Outcome {
		case history.OutcomeFailed:
			outcome = theme.ErrorText.Render("✗")
		case history.OutcomeUnknown:
			outcome = theme.WarnText.Render("?")
		}
		head := r.Time.In(h.loc).Format("2006-01-02 15:04:05") + "  " + tokenfmt.Fit(r.Action, 6) + "  " +
			tokenfmt.Name(r.Name) + "  " + tokenfmt.ShortID(r.TokenID) + "  on " + r.Profile
		b.WriteString("\n" + outcome + " " + theme.Bold.Render(tokenfmt.Fit(client.Sanitize(head), inner-2)))
		detail := r.Summary()
		if r.Outcome == history.OutcomeUnknown {
			detail = "may have been done: the answer was lost · " + detail
		}
		b.WriteString("\n  " + theme.Muted.Render(tokenfmt.Fit(detail, inner-2)))
	}
	if above, below := h.offset, len(h.recs)-end; above+below > 0 {
		b.WriteString("\n" + theme.Muted.Render(strconv.Itoa(len(h.recs))+" in all · "+strconv.Itoa(above)+" newer above, "+strconv.Itoa(below)+" older below"))
	}
}

func (h *historyOverlay) helpKeys() []key.Binding {
	return []key.Binding{h.keys.Down, h.keys.Up, h.keys.Close}
}
