package tui

import (
	"strconv"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// Auto-refresh (--refresh 1m): the list is asked for again every so often,
// in the background, as r does without the "refreshing…" status. The
// status bar says how often.

// MinRefreshEvery is the shortest auto-refresh interval: shorter would
// only load the API (a list of 100 000 tokens takes seconds).
const MinRefreshEvery = 5 * time.Second

// autoRefreshMsg is the auto-refresh timer's tick.
type autoRefreshMsg struct{}

// autoRefreshTick waits for the next auto-refresh; nil when it is off.
func (m *Model) autoRefreshTick() tea.Cmd {
	every := m.opts.RefreshEvery
	if every <= 0 {
		return nil
	}
	return tea.Tick(every, func(time.Time) tea.Msg { return autoRefreshMsg{} })
}

// onAutoRefresh asks for the list unless one is on its way (or there is
// no provider yet), and waits for the next tick.
func (m Model) onAutoRefresh(autoRefreshMsg) (tea.Model, tea.Cmd) {
	next := m.autoRefreshTick()
	if m.all != nil {
		nm, cmd := m.refreshAll(false)
		return nm, tea.Batch(cmd, next)
	}
	if m.opts.Provider == nil || m.listing || m.switching {
		return m, next
	}
	nm, cmd := m.refresh(false)
	return nm, tea.Batch(cmd, next)
}

// refreshEveryText is how the status bar says it: "every 1m", "every 30s".
func refreshEveryText(d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		return "every " + strconv.Itoa(int(d/time.Hour)) + "h"
	case d%time.Minute == 0:
		return "every " + strconv.Itoa(int(d/time.Minute)) + "m"
	}
	return "every " + strconv.Itoa(int(d/time.Second)) + "s"
}
