package tui

import (
	"github.com/tokentui/tokentui/client"
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
}

// here is the profile shown now.
func (m *Model) here() runOn {
	p := -1
	if _, ok := m.currentProfile(); ok {
		p = m.opts.Profile
	}
	return runOn{prov: m.opts.Provider, provGen: m.provGen, profile: p, label: m.opts.ProfileLabel}
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
