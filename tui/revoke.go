package tui

import (
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/registry"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// x revokes: the selected token, or every marked one, after a confirmation
// that names every one of them, hidden or not, with its last use and
// expiry. Revoking the admin token tokentui itself uses takes a second
// step. The DELETEs run in a Cmd (revokeCmd) on the profile they were asked
// on; the result is reported against that profile, whatever is shown when
// it arrives.

// revokeConfirmedMsg: the person said yes.
type revokeConfirmedMsg struct {
	targets []client.Token
	on      runOn
}

// confirmRevoke asks before revoking. It lists every target, says how many
// the filter hides, what follows for whatever uses them (as the provider
// behaves: a cache may keep a revoked token working a while), and, when
// the admin token in use is among them, asks a second time.
func confirmRevoke(targets []client.Token, hidden map[string]bool, on runOn, now time.Time) *confirmDialog {
	lag := registryLag(on)
	q := question{
		title:       "Revoke token?",
		targets:     targets,
		hidden:      hidden,
		now:         now,
		consequence: []string{stopsWorking("it", lag)},
		yesHelp:     "revoke",
		noHelp:      "cancel",
		yes:         revokeConfirmedMsg{targets: targets, on: on},
	}
	if len(targets) > 1 {
		q.title = "Revoke " + strconv.Itoa(len(targets)) + " tokens?"
		q.consequence = []string{stopsWorking("them", lag)}
	}
	switch n := len(hidden); {
	case n == 1 && len(targets) == 1:
		q.consequence = append(q.consequence, "It is hidden by the current filter.")
	case n == 1:
		q.consequence = append(q.consequence, "1 of them is hidden by the current filter.")
	case n > 1:
		q.consequence = append(q.consequence, strconv.Itoa(n)+" of them are hidden by the current filter.")
	}
	q.consequence = append(q.consequence, "A revoked token cannot be brought back.")
	if self, others := client.SplitSelf(targets); len(self) > 0 {
		// Listed first, said again below: it must not hide in a long list.
		q.targets = append(self, others...)
		if len(targets) == 1 {
			q.consequence = append(q.consequence, "⚠ It is the admin token tokentui uses here: y asks once more.")
		} else {
			q.consequence = append(q.consequence, "⚠ They include the admin token tokentui uses here: y asks once more.")
		}
		q.selfWarning = selfWarning(self[0], on.label)
		if len(others) > 0 {
			q.yesOthers = revokeConfirmedMsg{targets: others, on: on}
		}
	}
	return newConfirm(q)
}

// registryLag is how long a revoked token of on's provider may keep
// working, in words; "" when it is refused at once.
func registryLag(on runOn) string { return registry.CapabilitiesOf(on.prov).RevokeLag }

// stopsWorking says what a revoke does to whatever uses the tokens.
func stopsWorking(what, lag string) string {
	if lag == "" {
		return "Anything using " + what + " is refused from then on."
	}
	return "Anything using " + what + " is refused once revoked, though the server may accept " + what + " " + lag + "."
}

// selfWarning is the second step's text: what revoking the admin token in
// use does to tokentui itself.
func selfWarning(self client.Token, where string) []string {
	return []string{
		"“" + tokenfmt.Name(self.Name) + "” (" + tokenfmt.ShortID(self.ID) + ") is the admin token tokentui uses on " + where + ".",
		"Once it is revoked, every call tokentui makes there is refused:",
		"you will need another admin token to use this profile again.",
	}
}

// askRevoke opens the confirmation for the marked tokens, or the selected
// one when none is marked.
func (m Model) askRevoke() (tea.Model, tea.Cmd) {
	if m.revoking > 0 {
		m.status = infoStatus("a revoke is still running")
		return m, nil
	}
	targets := m.table.Marked()
	hidden := map[string]bool{}
	selected, hasSelected := m.table.Selected()
	if len(targets) == 0 {
		if !hasSelected {
			return m, nil
		}
		targets = []client.Token{*selected}
	}
	for _, t := range targets {
		if !m.table.IsShown(t.ID) {
			hidden[t.ID] = true
		}
	}
	d := confirmRevoke(targets, hidden, m.here(), m.now())
	if hasSelected && !m.table.IsMarked(selected.ID) && m.table.MarkCount() > 0 {
		// Marks win over the cursor: say so, naming the row it is on.
		d.consequence = append(d.consequence, "“"+tokenfmt.Name(selected.Name)+"”, under the cursor, is not marked: it stays (u unmarks all).")
	}
	m.overlay = d
	m.relayout()
	return m, nil
}

func (m Model) startRevoke(msg revokeConfirmedMsg) (tea.Model, tea.Cmd) {
	m.revoking = len(msg.targets)
	m.status = busyStatus("revoking " + plural(len(msg.targets), "token") + "…")
	return m, tea.Batch(revokeCmd(msg.on, msg.targets), m.spinner.Tick)
}

// revokeTally sorts the results of a revoke: done, maybe done (the answer
// was lost after the request went out), and refused.
type revokeTally struct {
	ok, unknown []client.Token
	failed      []revokeResult
	total       int
}

func tallyRevoke(results []revokeResult) revokeTally {
	t := revokeTally{total: len(results)}
	for _, r := range results {
		switch _, unknown := client.AsUnknownOutcome(r.err); {
		case r.err == nil:
			t.ok = append(t.ok, r.token)
		case unknown:
			t.unknown = append(t.unknown, r.token)
		default:
			t.failed = append(t.failed, r)
		}
	}
	return t
}

// summary is the status line for the tally.
func (t revokeTally) summary() status {
	switch {
	case t.total == 1 && len(t.ok) == 1:
		return okStatus("revoked " + labelOf(t.ok[0]) + selfNote(t.ok))
	case t.total == 1 && len(t.unknown) == 1:
		return errorStatus(labelOf(t.unknown[0]) + " may have been revoked: the server's answer was lost; the refreshed list shows whether it is gone")
	case t.total == 1:
		return errorStatus("could not revoke " + labelOf(t.failed[0].token) + ": " + t.failed[0].err.Error())
	case len(t.ok) == t.total:
		return okStatus("revoked " + plural(t.total, "token") + selfNote(t.ok))
	}
	parts := []string{"revoked " + strconv.Itoa(len(t.ok)) + " of " + strconv.Itoa(t.total)}
	if n := len(t.failed); n > 0 {
		parts = append(parts, strconv.Itoa(n)+" failed: "+t.failed[0].err.Error())
	}
	if n := len(t.unknown); n > 0 {
		parts = append(parts, strconv.Itoa(n)+" may have been revoked (answer lost)")
	}
	return errorStatus(strings.Join(parts, "; ") + selfNote(t.ok))
}

// selfNote says that tokentui has just revoked its own admin token.
func selfNote(revoked []client.Token) string {
	if self, _ := client.SplitSelf(revoked); len(self) > 0 {
		return " — it included tokentui's own admin token: this profile has no access now"
	}
	return ""
}

// onRevokeDone reports what the server did, against the profile it ran
// on. On the profile shown, the list says it exactly: revoked tokens leave
// at once, failed ones stay (and stay marked, to retry), then a background
// refresh settles the ones whose answer was lost. On another profile the
// table shown is not touched: the status names the profile, and the report
// waits until that profile is shown again.
func (m Model) onRevokeDone(msg revokeDoneMsg) (tea.Model, tea.Cmd) {
	m.revoking = 0
	tally := tallyRevoke(msg.results)
	st := tally.summary()
	var report overlay
	if tally.total > 1 && len(tally.ok) < tally.total {
		report = newRevokeReport(msg.results)
	}
	if !msg.on.current(&m) {
		m.hold(msg.on, st, report)
		return m, nil
	}
	ids := make([]string, len(tally.ok))
	for i, t := range tally.ok {
		ids[i] = t.ID
	}
	m.table.Remove(ids)
	m.status = st
	if report != nil {
		m.overlay = report
	}
	// If the next list is refused, these say why (onTokensLoaded).
	m.afterRevoke = tally.ok
	m.relayout()
	// The list the server holds now wins over our bookkeeping, and any List
	// started before the revoke is stale from here on.
	return m.refresh(false)
}

// lostAccess explains a list refused right after a revoke: tokentui
// revoked its own admin token, as it knew (it asked twice), or, where the
// provider cannot tell which token is its own, probably.
func lostAccess(revoked []client.Token) (status, bool) {
	self, others := client.SplitSelf(revoked)
	if len(self) > 0 {
		return errorStatus("no access: tokentui revoked its own admin token " + labelOf(self[0]) + "; give this profile another"), true
	}
	var unknown []client.Token
	for _, t := range others {
		if !t.SelfKnown() {
			unknown = append(unknown, t)
		}
	}
	if len(unknown) == 0 {
		return status{}, false
	}
	return errorStatus("admin token refused since revoking " + labelOf(unknown[0]) + moreThan(len(unknown)) + ": probably tokentui's own"), true
}
