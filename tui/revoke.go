package tui

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/registry"
	"github.com/tokentui/tokentui/tui/table"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// x revokes: the selected token, or every marked one, after a confirmation
// that names every one of them, hidden or not, with its last use and
// expiry. Revoking the admin token tokentui itself uses takes a second
// step. The DELETEs run in a Cmd (revokeCmd) on the profile they were asked
// on — in the all-profiles table each token on its own, grouped by profile
// — and each group's result is reported against its profile, whatever is
// shown when it arrives.

// revokeGroup is the tokens to revoke on one profile.
type revokeGroup struct {
	on      runOn
	targets []client.Token
}

// revokeConfirmedMsg: the person said yes.
type revokeConfirmedMsg struct {
	groups []revokeGroup
}

// groupByProfile sorts targets into groups, one a profile, in the order
// their profiles first appear; targets whose profile is not open are
// left out and returned.
func (m *Model) groupByProfile(targets []client.Token) (groups []revokeGroup, closed []client.Token) {
	at := map[int]int{}
	for _, t := range targets {
		on, ok := m.onOf(&t)
		if !ok {
			closed = append(closed, t)
			continue
		}
		g, seen := at[on.profile]
		if !seen {
			g = len(groups)
			at[on.profile] = g
			groups = append(groups, revokeGroup{on: on})
		}
		groups[g].targets = append(groups[g].targets, t)
	}
	return groups, closed
}

// allTargets is every target of the groups, in order.
func allTargets(groups []revokeGroup) []client.Token {
	var out []client.Token
	for _, g := range groups {
		out = append(out, g.targets...)
	}
	return out
}

// confirmRevoke asks before revoking. It lists every target, says how many
// the filter hides, what follows for whatever uses them (as each provider
// behaves: a cache may keep a revoked token working a while), and, when
// the admin token in use is among them, asks a second time.
func confirmRevoke(groups []revokeGroup, hidden map[string]bool, now time.Time) *confirmDialog {
	targets := allTargets(groups)
	q := question{
		title:       "Revoke token?",
		targets:     targets,
		hidden:      hidden,
		now:         now,
		consequence: revokeConsequences(groups, "it"),
		yesHelp:     "revoke",
		noHelp:      "cancel",
		yes:         revokeConfirmedMsg{groups: groups},
	}
	if len(targets) > 1 {
		q.title = "Revoke " + strconv.Itoa(len(targets)) + " tokens?"
		q.consequence = revokeConsequences(groups, "them")
	}
	if len(groups) > 1 {
		q.title += " (" + plural(len(groups), "profile") + ")"
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
		q.selfWarning, q.yesOthers = selfStep(groups)
	}
	return newConfirm(q)
}

// revokeConsequences says what a revoke does to whatever uses the
// targets, as each provider behaves: said once for one provider, per
// provider where they differ.
func revokeConsequences(groups []revokeGroup, what string) []string {
	lags := map[string]bool{}
	var out []string
	for _, g := range groups {
		lag := registryLag(g.on)
		if lags[lag] {
			continue
		}
		lags[lag] = true
		line := stopsWorking(what, lag)
		if len(groups) > 1 && lag != "" {
			line = "On " + g.on.label + ", a" + line[1:] // "Anything…"
		}
		out = append(out, line)
	}
	if len(out) > 1 { // the plain "refused from then on" first
		slices.SortStableFunc(out, func(a, b string) int { return cmp.Compare(len(a), len(b)) })
	}
	return out
}

// selfStep is the second step of a revoke that includes an admin token in
// use: what tokentui loses on each profile, and what o sends instead (the
// others alone; nil when there are none).
func selfStep(groups []revokeGroup) ([]string, tea.Msg) {
	var warning []string
	var rest []revokeGroup
	for _, g := range groups {
		self, others := client.SplitSelf(g.targets)
		for _, s := range self {
			warning = append(warning, selfWarning(s, g.on.label)...)
		}
		if len(others) > 0 {
			rest = append(rest, revokeGroup{on: g.on, targets: others})
		}
	}
	if len(rest) == 0 {
		return warning, nil
	}
	return warning, revokeConfirmedMsg{groups: rest}
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
		if key := table.RowKey(&t); !m.table.IsShown(key) {
			hidden[key] = true
		}
	}
	groups, closed := m.groupByProfile(targets)
	if len(closed) > 0 {
		m.status = errorStatus("cannot revoke " + labelOf(closed[0]) + moreThan(len(closed)) + ": its profile is not open; r reloads it")
		return m, nil
	}
	d := confirmRevoke(groups, hidden, m.now())
	if hasSelected && !m.table.IsMarked(table.RowKey(selected)) && m.table.MarkCount() > 0 {
		// Marks win over the cursor: say so, naming the row it is on.
		d.consequence = append(d.consequence, "“"+tokenfmt.Name(selected.Name)+"”, under the cursor, is not marked: it stays (u unmarks all).")
	}
	m.overlay = d
	m.relayout()
	return m, nil
}

func (m Model) startRevoke(msg revokeConfirmedMsg) (tea.Model, tea.Cmd) {
	m.revoking = len(allTargets(msg.groups))
	what := "revoking " + plural(m.revoking, "token")
	if len(msg.groups) > 1 {
		what += " on " + plural(len(msg.groups), "profile")
	}
	m.status = busyStatus(what + "…")
	return m, tea.Batch(revokeCmd(msg.groups), m.spinner.Tick)
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

// onRevokeDone reports what the server did, against the profile each
// group ran on, and keeps it in the history. On the view shown, the list
// says it exactly: revoked tokens leave at once, failed ones stay (and
// stay marked, to retry), then a background refresh of their profiles
// settles the ones whose answer was lost. On another profile the table
// shown is not touched: the status names the profile, and the report
// waits until that profile is shown again.
func (m Model) onRevokeDone(msg revokeDoneMsg) (tea.Model, tea.Cmd) {
	m.revoking = 0
	record := m.recordRevokes(msg.groups)
	var shown []revokeGroupDone
	for _, g := range msg.groups {
		if g.on.current(&m) {
			shown = append(shown, g)
			continue
		}
		tally := tallyRevoke(g.results)
		m.hold(g.on, tally.summary(), tally.report(g.results))
	}
	if len(shown) == 0 {
		return m, record
	}
	var results []revokeResult
	var keys []string
	var ons []runOn
	for _, g := range shown {
		results = append(results, g.results...)
		ons = append(ons, g.on)
		tally := tallyRevoke(g.results)
		for _, t := range tally.ok {
			keys = append(keys, g.on.rowKey(t.ID))
		}
		// If the next list is refused, these say why (onTokensLoaded,
		// onSourceLoaded).
		if m.all != nil {
			s := m.all.sources[g.on.profile]
			s.afterRevoke = tally.ok
			m.all = m.all.with(g.on.profile, s)
		} else {
			m.afterRevoke = tally.ok
		}
	}
	m.table.Remove(keys)
	tally := tallyRevoke(results)
	m.status = revokeStatus(shown, tally)
	if report := tally.report(results); report != nil {
		m.overlay = report
	}
	m.relayout()
	// The list the server holds now wins over our bookkeeping, and any List
	// started before the revoke is stale from here on.
	next, refresh := m.refresh(false)
	if m.all != nil {
		next, refresh = m.reloadSources(ons...)
	}
	return next, tea.Batch(refresh, record)
}

// revokeStatus is the status line of a revoke: the tally's, or with
// several profiles, how many on each: "revoked 2 tokens on prod and 1 on
// lab", or each profile's outcome when one did not all go.
func revokeStatus(groups []revokeGroupDone, all revokeTally) status {
	if len(groups) == 1 {
		return all.summary()
	}
	var parts []string
	for i, g := range groups {
		t := tallyRevoke(g.results)
		switch {
		case len(all.ok) < all.total:
			parts = append(parts, "on "+g.on.name+": "+t.summary().text)
		case i == 0:
			parts = append(parts, plural(t.total, "token")+" on "+g.on.name)
		default:
			parts = append(parts, strconv.Itoa(t.total)+" on "+g.on.name)
		}
	}
	if len(all.ok) < all.total {
		return errorStatus(strings.Join(parts, "; "))
	}
	return okStatus("revoked " + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1] + selfNote(all.ok))
}

// report is the dialog of a bulk revoke that did not all succeed; nil
// otherwise.
func (t revokeTally) report(results []revokeResult) overlay {
	if t.total > 1 && len(t.ok) < t.total {
		return newRevokeReport(results)
	}
	return nil
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
