package table

import (
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
)

// filterState keeps the matches of every query the current one refines, so
// typing narrows what the previous keystroke matched (a query that extends
// another can only match fewer tokens; query.refines says when) and
// backspace pops back to a result it already has instead of scanning again.
//
// levels[0] is the unfiltered order; each later level's query refines the
// one before it; the last level is what the table shows. Levels are never
// written after they are made: a filter command running on another
// goroutine may be reading one.
//
// A query without a level is computed off the Update path: request returns
// a FilterJob, which runs as a tea.Cmd; its FilterResultMsg is applied only
// if that job is still the pending one, so a slow result for "sp" can never
// overwrite the one for "spl". Until it arrives the table keeps showing the
// previous matches.
type filterState struct {
	levels  []filterLevel
	pending *FilterJob // the newest query being computed; nil when none
	slow    bool       // pending has taken long enough to say so
}

type filterLevel struct {
	query   query
	matches []int32
}

// FilterJob computes one query's matches from an immutable snapshot: the
// index (with the catalog and time it is matched with) and the level it
// narrows. Its identity is what makes a result fresh or stale.
type FilterJob struct {
	m     matcher
	base  filterLevel // the last level q refines
	query query
}

// FilterResultMsg is a FilterJob's answer; the root hands it to the table's
// Update.
type FilterResultMsg struct {
	Job     *FilterJob
	matches []int32
}

// FilterSlowMsg arrives a moment (slowAfter) after a job starts: if that
// job is still pending, the table says it is filtering (Slow).
type FilterSlowMsg struct{ Job *FilterJob }

// slowAfter is how long a filter may take before the view says
// "filtering…": shorter results would only make it flicker.
const slowAfter = 150 * time.Millisecond

// narrowLimit: above this share of all tokens, checking candidates one by
// one (random access, in display order) costs more than one sequential pass
// over every token.
const narrowLimit = 4 // 1/4 of the tokens

// normalizeQuery is how a typed query is compared with the search keys.
func normalizeQuery(q string) string {
	return strings.ToLower(strings.TrimSpace(client.Sanitize(q)))
}

// Query is the normalised query the job computes.
func (j *FilterJob) Query() string { return j.query.text }

// Run computes the job's matches. It only reads the snapshot, so it is safe
// on any goroutine, beside Update and beside other jobs.
func (j *FilterJob) Run() FilterResultMsg {
	base := j.base
	var m []int32
	if base.query.text == "" || len(base.matches) > j.m.ix.Len()/narrowLimit {
		m = j.m.scan(j.query, base.matches)
	} else {
		m = j.m.narrow(j.query, base.matches)
	}
	return FilterResultMsg{Job: j, matches: m}
}

// cmd is run as a tea.Cmd.
func (j *FilterJob) cmd() tea.Msg { return j.Run() }

// slowTick reports the job as slow once slowAfter has passed.
func (j *FilterJob) slowTick() tea.Cmd {
	return tea.Tick(slowAfter, func(time.Time) tea.Msg { return FilterSlowMsg{Job: j} })
}

// reset starts over from an unfiltered order (new index or new sort); a
// pending job becomes stale.
func (f *filterState) reset(order []int32) {
	f.levels = append(f.levels[:0:0], filterLevel{matches: order})
	f.pending, f.slow = nil, false
}

// query is the normalised query the shown matches are for.
func (f *filterState) query() string {
	if len(f.levels) == 0 {
		return ""
	}
	return f.levels[len(f.levels)-1].query.text
}

// target is the query the person asked for last: the pending one, if any.
func (f *filterState) target() string {
	if f.pending != nil {
		return f.pending.query.text
	}
	return f.query()
}

// matches is the current result, as storage indices in table order.
func (f *filterState) matches() []int32 {
	if len(f.levels) == 0 {
		return nil
	}
	return f.levels[len(f.levels)-1].matches
}

// request asks for a new (raw) query against ix. A query that has a level
// (backspace, or the same text) is applied at once and request returns nil;
// otherwise it returns the job to run, which supersedes any pending one.
// Either way its cost does not depend on the number of tokens.
func (f *filterState) request(m matcher, raw string) *FilterJob {
	q := parseQuery(normalizeQuery(raw))
	base := 0
	for i := len(f.levels) - 1; i > 0; i-- {
		if q.refines(f.levels[i].query) {
			base = i
			break
		}
	}
	f.pending, f.slow = nil, false
	if f.levels[base].query.text == q.text {
		f.levels = f.levels[:base+1]
		return nil
	}
	f.pending = &FilterJob{m: m, base: f.levels[base], query: q}
	return f.pending
}

// apply takes a job's result if it is the pending one, and reports whether
// it did. The levels the new query does not extend go; the result becomes
// the top level.
func (f *filterState) apply(msg FilterResultMsg) bool {
	if msg.Job == nil || msg.Job != f.pending {
		return false // stale: a newer query, index or sort came since
	}
	q := msg.Job.query
	for len(f.levels) > 1 && !q.refines(f.levels[len(f.levels)-1].query) {
		f.levels = f.levels[:len(f.levels)-1]
	}
	f.levels = append(f.levels, filterLevel{query: q, matches: msg.matches})
	f.pending, f.slow = nil, false
	return true
}

// set applies a query now, on the caller's goroutine: for the rare changes
// that must show their result in the same frame (a new list or sort, a
// revoke, Enter leaving the input).
func (f *filterState) set(m matcher, raw string) {
	if job := f.request(m, raw); job != nil {
		f.apply(job.Run())
	}
}

// settle applies the pending job now, if there is one.
func (f *filterState) settle() {
	if f.pending != nil {
		f.apply(f.pending.Run())
	}
}
