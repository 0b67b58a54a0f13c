package tui

import (
	"strconv"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
)

// While a list loads, the status bar says how much has come: a big
// organisation's 100 000 tokens are tens of megabytes, and "loading…"
// alone cannot tell slow from stuck. The List command counts into a
// client.Progress (atomics, written by the HTTP plumbing on its own
// goroutines); a tick copies the counts into the model a few times a
// second, so Update never waits and the view draws only what the model
// holds. The table on screen stays usable until the new list replaces it.

// progressEvery is how often the counts are read: often enough to move,
// seldom enough to cost nothing.
const progressEvery = 200 * time.Millisecond

// loadProgressMsg asks for the counts of List number gen.
type loadProgressMsg struct{ gen int }

// received is what a List in flight has read so far.
type received struct {
	bytes, items int64
}

// startListing asks the provider for the list again: a new generation (any
// List still in flight is superseded, its answer dropped), counted from
// zero. expect is about how many tokens will come, when known (0: not):
// memory is made ready for them while the server works
// (client.Progress.Expect).
func (m *Model) startListing(expect int) tea.Cmd {
	m.listGen++
	m.listing = true
	m.progress = &client.Progress{}
	m.progress.Expect(int64(expect))
	m.received = received{}
	return tea.Batch(m.loadTokens(), progressTick(m.listGen), m.spinner.Tick)
}

func progressTick(gen int) tea.Cmd {
	return tea.Tick(progressEvery, func(time.Time) tea.Msg { return loadProgressMsg{gen: gen} })
}

// onLoadProgress copies the counts of the List in flight; the ticks end
// with it.
func (m Model) onLoadProgress(msg loadProgressMsg) (tea.Model, tea.Cmd) {
	if msg.gen != m.listGen || !m.listing {
		return m, nil
	}
	m.received = received{bytes: m.progress.Bytes(), items: m.progress.Items()}
	return m, progressTick(msg.gen)
}

// String is the counts for people, "" until the first bytes:
// "12.3 MiB, 34016 tokens so far".
func (r received) String() string {
	if r.bytes <= 0 {
		return ""
	}
	size := strconv.FormatInt(max(r.bytes>>10, 1), 10) + " KiB"
	if r.bytes >= 1<<20 {
		size = strconv.FormatFloat(float64(r.bytes)/(1<<20), 'f', 1, 64) + " MiB"
	}
	if r.items == 0 {
		return size
	}
	return size + ", " + plural(int(r.items), "token") + " so far"
}

// loadingText is what the list load shows: what is under way, and how far
// it has got.
func (m *Model) loadingText(what string) string {
	if p := m.received.String(); p != "" {
		return what + " " + p
	}
	return what
}
