package tui

import (
	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/table"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// runOn is the profile an operation was started on. A revoke, a create or
// an expiry change can outlast a profile switch; its result is then
// reported against the profile it ran on, never drawn over another
// profile's table.
type runOn struct {
	prov    client.Provider
	provGen int    // Model.provGen when it started
	profile int    // index into Options.Profiles; -1 when there are none
	label   string // "demo · GoodAccess", for messages
	// name is the profile's name, for the history ("" when there are no
	// profiles); rowProfile is the Profile its tokens carry in the table:
	// the name in the all-profiles table, "" in a table of one profile.
	name, rowProfile string
}

// here is the profile shown now.
func (m *Model) here() runOn {
	on := runOn{prov: m.opts.Provider, provGen: m.provGen, profile: -1, label: m.opts.ProfileLabel}
	if p, ok := m.currentProfile(); ok {
		on.profile, on.name = m.opts.Profile, p.Name
	}
	return on
}

// onOf is the profile tok was listed on, to act on it there: the one
// shown, or in the all-profiles table its own. ok is false when that
// profile is not open (any more).
func (m *Model) onOf(tok *client.Token) (runOn, bool) {
	if m.all == nil {
		return m.here(), m.opts.Provider != nil
	}
	i, ok := m.all.indexOf(tok.Profile)
	if !ok || m.all.sources[i].prov == nil {
		return runOn{}, false
	}
	return m.all.on(i, m.opts.Profiles[i], m.provGen), true
}

// rowKey is the table's key of a token of this run (table.RowKey).
func (r runOn) rowKey(id string) string { return table.RowKeyOf(r.rowProfile, id) }

// listed is tok as the table holds it: with its profile in the
// all-profiles table.
func (r runOn) listed(tok client.Token) client.Token {
	tok.Profile = r.rowProfile
	return tok
}

// current reports whether the operation ran on the profile shown now.
func (r runOn) current(m *Model) bool { return r.provGen == m.provGen }

// heldResult is the outcome of an operation on a profile not shown when it
// ended: its status, and the report dialog it would have opened.
type heldResult struct {
	status status
	report overlay
}

// hold reports an outcome on another profile in the status bar, by the
// profile's name, and keeps it to show again when that profile is.
func (m *Model) hold(on runOn, st status, report overlay) {
	named := st
	named.text = "on " + on.label + ": " + st.text
	m.status = named
	if on.profile < 0 {
		return
	}
	if m.held == nil {
		m.held = map[int]heldResult{}
	}
	m.held[on.profile] = heldResult{status: st, report: report}
}

// showHeld brings back what was held for the profile now shown.
func (m *Model) showHeld() {
	h, ok := m.held[m.opts.Profile]
	if !ok {
		return
	}
	delete(m.held, m.opts.Profile)
	h.status.text = "while this profile was not shown: " + h.status.text
	m.status = h.status
	if h.report != nil {
		m.overlay = h.report
	}
}

// catalogOf is the catalog of tok's provider: the one shown, or in the
// all-profiles table its own profile's (nil until loaded).
func (m *Model) catalogOf(tok *client.Token) *tokenfmt.Catalog {
	if m.all == nil || tok == nil {
		return m.catalog
	}
	if i, ok := m.all.indexOf(tok.Profile); ok {
		return m.all.sources[i].cat
	}
	return nil
}

// profileOf names tok's profile for the detail pane: "" in a table of one
// profile (the status bar names it), its label in the all-profiles table.
func (m *Model) profileOf(tok *client.Token) string {
	if m.all == nil || tok == nil {
		return ""
	}
	if i, ok := m.all.indexOf(tok.Profile); ok {
		return ProfileLabel(m.opts.Profiles[i])
	}
	return tok.Profile
}

// providerName is the name of tok's provider, for messages.
func (m *Model) providerName(tok *client.Token) string {
	if on, ok := m.onOf(tok); ok && on.prov != nil {
		return on.prov.DisplayName()
	}
	return "this provider"
}
