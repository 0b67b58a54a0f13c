package table

import tea "github.com/charmbracelet/bubbletea"

// The filter as the root sees it: a query typed into its input becomes a
// job run off the Update path (RequestQuery), or applies at once when it
// must show in the same frame (SetQuery, SettleFilter). Either way the
// selection stays on its token while it matches.

// Query is the normalised query the rows shown are for ("" unfiltered).
func (t *Model) Query() string { return t.filter.query() }

// TargetQuery is the query asked for last: the pending one, if any.
func (t *Model) TargetQuery() string { return t.filter.target() }

// Pending is the job computing the query asked for last, or nil when the
// rows shown are for it.
func (t *Model) Pending() *FilterJob { return t.filter.pending }

// Slow reports whether the pending job has taken long enough to say so.
func (t *Model) Slow() bool { return t.filter.slow }

// SetQuery re-filters now. Typing goes through RequestQuery instead.
func (t *Model) SetQuery(raw string) {
	if t.ix == nil {
		return
	}
	keep := t.selectedIndex()
	t.filter.set(t.matcher(), raw)
	t.keepSelection(keep)
}

// RequestQuery asks for a query while typing: applied at once when a level
// has it (nil returned), else the command that computes it off the Update
// path, with a tick that marks it slow if it takes a while. Its cost does
// not depend on the number of tokens.
func (t *Model) RequestQuery(raw string) tea.Cmd {
	if t.ix == nil {
		return nil
	}
	keep := t.selectedIndex()
	job := t.filter.request(t.matcher(), raw)
	if job == nil {
		t.keepSelection(keep)
		return nil
	}
	return tea.Batch(job.cmd, job.slowTick())
}

// applyFilter takes a filter job's result if it is still wanted.
func (t *Model) applyFilter(msg FilterResultMsg) {
	keep := t.selectedIndex()
	if t.filter.apply(msg) {
		t.keepSelection(keep)
	}
}

// SettleFilter applies a pending query now (Enter leaving the input): the
// keys after it act on the rows the query names, not on the previous ones.
func (t *Model) SettleFilter() {
	keep := t.selectedIndex()
	if t.filter.pending == nil {
		return
	}
	t.filter.settle()
	t.keepSelection(keep)
}

// matcher is what a filter job matches with now: this list, the catalog
// (the profiles' in an all-profiles table), what the provider reports,
// and the time.
func (t *Model) matcher() matcher {
	return matcher{ix: t.ix, cat: t.cat, caps: t.caps, profs: t.profs, now: t.now()}
}
