package tui

import (
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// clockLayout is how the status bar tells the time ("refreshed 12:03:04").
const clockLayout = "15:04:05"

// statusKind is how the last action ended.
type statusKind int

const (
	statusNone statusKind = iota
	statusInfo
	statusOK
	statusError
	statusBusy
)

// status is the last action's outcome, shown at the left of the status bar
// until the next action replaces it or it expires (statusTTL); an error's
// full text stays readable with E (lastError).
type status struct {
	kind statusKind
	text string
	// listing marks the list load's own busy status, which shows how far
	// the load has got (progress.go).
	listing bool
}

// How long an outcome stays in the status bar: long enough to read, short
// enough that yesterday's "copied" does not pass for news. An error stays
// longer, and E shows it again after that.
const (
	statusTTL      = 10 * time.Second
	errorStatusTTL = 30 * time.Second
)

// clockTick is how often the dashboard looks at the clock: statuses expire
// and relative times ("2m ago") move on even while nobody types.
const clockTick = time.Second

// clockMsg is the dashboard's clock ticking.
type clockMsg struct{}

func clockCmd() tea.Cmd {
	return tea.Tick(clockTick, func(time.Time) tea.Msg { return clockMsg{} })
}

// onStatusChanged notes when a status was set, and keeps an error for E.
func (m Model) onStatusChanged() Model {
	m.statusAt = m.now()
	if m.status.kind == statusError {
		m.lastError, m.lastErrorAt = m.status.text, m.statusAt
	}
	return m
}

// onClock clears a status that has been shown long enough (a busy one
// lasts until its action ends) and waits for the next tick.
func (m Model) onClock() (tea.Model, tea.Cmd) {
	ttl := statusTTL
	if m.status.kind == statusError {
		ttl = errorStatusTTL
	}
	if m.status.kind != statusBusy && m.status.kind != statusNone && m.now().Sub(m.statusAt) >= ttl {
		m.status = status{}
	}
	return m, clockCmd()
}

// Texts may carry server words (error messages) and so secrets a server
// echoed: sanitised and scrubbed (client.Scrub) once, here.
func infoStatus(s string) status    { return status{kind: statusInfo, text: shown(s)} }
func okStatus(s string) status      { return status{kind: statusOK, text: shown(s)} }
func errorStatus(s string) status   { return status{kind: statusError, text: shown(s)} }
func busyStatus(s string) status    { return status{kind: statusBusy, text: shown(s)} }
func listingStatus(s string) status { return status{kind: statusBusy, text: shown(s), listing: true} }

func shown(s string) string { return client.Scrub(client.Sanitize(s)) }

// statusBar renders one line of exactly width cells:
//
//	[DEMO] demo · GoodAccess │ ✓ revoked ci (3f2a9c4e)   12/40 tokens · refreshed 12:03:04 · http://…
//
// When it does not fit, the URL goes first, then the profile, then the
// refresh time; the action's outcome is what survives longest.
func (m *Model) statusBar(width int) string {
	sep := theme.StatusText.Render(" · ")
	var left []string
	if m.opts.Demo {
		left = append(left, theme.DemoBadge.Render("DEMO"))
	}
	profile := ""
	switch {
	case m.all != nil:
		profile = theme.StatusValue.Render(m.allStatusLabel())
	case m.opts.ProfileLabel != "":
		profile = theme.StatusValue.Render(client.Sanitize(m.opts.ProfileLabel))
	}
	action := m.actionText()

	count := ""
	if m.table.Loaded() { // "0 tokens" before any list would be a claim
		count = theme.StatusValue.Render(m.countText())
	}
	if n := m.table.MarkCount(); n > 0 {
		// Marks hidden by a filter still take part in a bulk revoke: say so.
		marks := " · " + strconv.Itoa(n) + " marked"
		if h := m.table.MarkedHidden(); h > 0 {
			marks += ", " + strconv.Itoa(h) + " hidden by the filter"
		}
		count += theme.Marked.Render(marks)
	}
	refreshed := ""
	switch {
	case m.loadErr != nil && m.table.Loaded():
		refreshed = theme.StatusError.Render("refresh failed")
	case !m.refreshedAt.IsZero():
		refreshed = theme.StatusText.Render("refreshed " + m.refreshedAt.Format(clockLayout))
	}
	if every := m.opts.RefreshEvery; every > 0 && refreshed != "" {
		refreshed += theme.StatusText.Render(" · " + refreshEveryText(every))
	}
	url := ""
	if m.opts.URL != "" {
		url = theme.StatusText.Render(client.Sanitize(m.opts.URL))
	}

	// Try the fullest variant first, then drop the least useful parts.
	variants := [][2][]string{
		{{profile, action}, {count, refreshed, url}},
		{{profile, action}, {count, refreshed}},
		{{action}, {count, refreshed}},
		{{action}, {count}},
	}
	bar := theme.StatusText.Render(" │ ")
	for _, v := range variants {
		l := joinNonEmpty(v[0], bar)
		if len(left) > 0 {
			l = joinNonEmpty([]string{left[0], l}, " ")
		}
		r := joinNonEmpty(v[1], sep)
		if ansi.StringWidth(l)+ansi.StringWidth(r)+2 <= width {
			gap := width - ansi.StringWidth(l) - ansi.StringWidth(r)
			return l + strings.Repeat(" ", gap) + r
		}
	}
	// Still too wide: keep the count and cut the action.
	r := count
	l := joinNonEmpty(append(append([]string{}, left...), action), " ")
	room := max(width-ansi.StringWidth(r)-1, 0)
	l = ansi.Truncate(l, room, "…")
	return l + strings.Repeat(" ", max(width-ansi.StringWidth(l)-ansi.StringWidth(r), 0)) + r
}

// actionText is the last action's outcome, with a spinner while busy.
func (m *Model) actionText() string {
	s := m.status
	if m.busy() && s.kind != statusBusy {
		if m.listing && !m.table.Loaded() {
			s = listingStatus("loading tokens…")
		} else if m.listing && s.kind == statusNone {
			s = listingStatus("refreshing…")
		}
	}
	if s.listing && m.listing {
		s.text = m.loadingText(s.text)
	}
	switch s.kind {
	case statusOK:
		return theme.Visible(theme.StatusOK, "✓ "+s.text)
	case statusError:
		return theme.Visible(theme.StatusError, "✗ "+s.text)
	case statusBusy:
		if !m.busy() {
			return ""
		}
		return m.spinner.View() + " " + theme.Visible(theme.StatusBusy, s.text)
	case statusInfo:
		return theme.Visible(theme.StatusValue, s.text)
	}
	return ""
}

// countText is "12/40 tokens" while filtered, "40 tokens" otherwise.
func (m *Model) countText() string {
	text := plural(m.table.Len(), "token")
	if m.table.Query() != "" {
		text = strconv.Itoa(m.table.RowCount()) + "/" + text
	}
	if m.table.Slow() {
		// The count is still the previous query's: say a newer one is coming.
		text = "filtering… " + text
	}
	return text
}

func joinNonEmpty(parts []string, sep string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// padLine pads or cuts a rendered line to exactly width cells.
func padLine(s string, width int) string {
	w := lipgloss.Width(s)
	if w > width {
		return ansi.Truncate(s, width, "…")
	}
	return s + strings.Repeat(" ", width-w)
}

// labelOf is "name (3f2a9c4e)".
func labelOf(t client.Token) string {
	if t.Profile != "" { // the all-profiles table: which profile's
		return tokenfmt.Name(t.Name) + " (" + tokenfmt.ShortID(t.ID) + " on " + t.Profile + ")"
	}
	return tokenfmt.Name(t.Name) + " (" + tokenfmt.ShortID(t.ID) + ")"
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
