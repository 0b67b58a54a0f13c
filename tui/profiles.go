package tui

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// p switches profiles without a restart: the switcher lists every profile
// (refused ones greyed, with why), enter opens the chosen one in a Cmd (a
// token_command may take seconds), and the dashboard reloads on the new
// provider: table, catalog and status bar.

// profileChosenMsg: the person picked profile i.
type profileChosenMsg struct{ index int }

// allChosenMsg: the person picked "all profiles" (or --all-profiles).
type allChosenMsg struct{}

// profileOpenedMsg is the result of opening profile i.
type profileOpenedMsg struct {
	index int
	prov  client.Provider
	err   error
}

type profileKeys struct {
	Up, Down, Open, Cancel key.Binding
}

// newPickKeys are the keys of a list of profiles to pick from: ↑/↓,
// enter (what it does: open), and what closes it.
func newPickKeys(open string, cancel ...string) profileKeys {
	return profileKeys{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", open)),
		Cancel: key.NewBinding(key.WithKeys(cancel...), key.WithHelp(cancel[0], "close")),
	}
}

// move is where ↑ or ↓ takes a cursor over n rows, and whether msg was
// one of them.
func (k profileKeys) move(msg tea.KeyMsg, cursor, n int) (int, bool) {
	switch {
	case key.Matches(msg, k.Up):
		return max(cursor-1, 0), true
	case key.Matches(msg, k.Down):
		return min(cursor+1, n-1), true
	}
	return cursor, false
}

type profileOverlay struct {
	profiles []profile.Profile
	current  int
	open     bool // current is open; false: it failed, and enter retries it
	// all offers "all profiles" as the first row (there are several);
	// inAll: that is what is shown. Rows count from it: row r is profile
	// r-1 when all is set.
	all, inAll bool
	cursor     int    // a row
	note       string // why enter did nothing
	keys       profileKeys
}

func newProfileOverlay(ps []profile.Profile, current int, open, inAll bool) *profileOverlay {
	all := len(ps) > 1
	cursor := current
	switch {
	case inAll:
		cursor = 0
	case all:
		cursor = current + 1
	}
	return &profileOverlay{
		profiles: ps, current: current, cursor: cursor, open: open, all: all, inAll: inAll,
		keys: newPickKeys("switch", "esc", "p", "q"),
	}
}

func (o *profileOverlay) update(msg tea.Msg) (overlay, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return o, nil
	}
	if c, moved := o.keys.move(k, o.cursor, o.rows()); moved {
		o.cursor, o.note = c, ""
		return o, nil
	}
	switch {
	case key.Matches(k, o.keys.Cancel):
		return nil, nil
	case key.Matches(k, o.keys.Open):
		return o.choose()
	}
	return o, nil
}

// rows is how many rows the switcher lists.
func (o *profileOverlay) rows() int {
	if o.all {
		return len(o.profiles) + 1
	}
	return len(o.profiles)
}

// profileAt is the profile of row r; false for the "all profiles" row.
func (o *profileOverlay) profileAt(r int) (int, bool) {
	if o.all {
		return r - 1, r > 0
	}
	return r, true
}

// choose acts on the row under the cursor.
func (o *profileOverlay) choose() (overlay, tea.Cmd) {
	i, one := o.profileAt(o.cursor)
	if !one {
		if o.inAll {
			return nil, nil
		}
		return nil, deliver(allChosenMsg{})
	}
	p := o.profiles[i]
	if err := p.Err(); err != nil {
		o.note = "cannot use " + p.Name + ": " + err.Error()
		return o, nil
	}
	if i == o.current && o.open && !o.inAll {
		return nil, nil
	}
	return nil, deliver(profileChosenMsg{index: i})
}

func (o *profileOverlay) view(width, height int) string {
	inner := dialogWidth(width, 90)
	var b strings.Builder
	b.WriteString(theme.Title.Render("Switch profile"))
	b.WriteString("\n")
	// Two lines a profile; keep the cursor's in sight on a short screen.
	room := max((height-10)/2, 1)
	first := max(min(o.cursor-room/2, o.rows()-room), 0)
	for r := first; r < min(first+room, o.rows()); r++ {
		mark := "  "
		if r == o.cursor {
			mark = theme.ProfileCursor.Render("› ")
		}
		i, one := o.profileAt(r)
		if !one {
			title := theme.ProfileName.Render("All profiles") + theme.Muted.Render("  one table")
			if o.inAll {
				title += theme.ProfileCurrent.Render("  (open)")
			}
			second := theme.Muted.Render(tokenfmt.Fit("every profile's tokens, each with its profile; actions go to the token's own", inner-4))
			b.WriteString("\n" + mark + title + "\n    " + second)
			continue
		}
		p := o.profiles[i]
		name := client.Sanitize(p.Name)
		title := theme.ProfileName.Render(name) + theme.Muted.Render("  "+p.DisplayProvider())
		if i == o.current && o.open && !o.inAll {
			title += theme.ProfileCurrent.Render("  (open)")
		}
		where := client.Sanitize(p.URL) + " · token: " + client.Sanitize(p.TokenSource())
		second := theme.Muted.Render(tokenfmt.Fit(where, inner-4))
		if err := p.Err(); err != nil {
			title = theme.ProfileRefused.Render(tokenfmt.Fit(name+"  "+p.DisplayProvider(), inner-2))
			second = theme.ProfileRefused.Render(tokenfmt.Fit(client.Sanitize(err.Error()), inner-4))
		}
		b.WriteString("\n" + mark + title + "\n    " + second)
	}
	if o.note != "" {
		b.WriteString("\n\n" + theme.ErrorText.Render(tokenfmt.Fit(client.Sanitize(o.note), inner)))
	}
	b.WriteString("\n\n")
	b.WriteString(keyHints(o.keys.Open, o.keys.Cancel))
	return theme.Dialog.Render(b.String())
}

func (o *profileOverlay) helpKeys() []key.Binding {
	return []key.Binding{o.keys.Up, o.keys.Down, o.keys.Open, o.keys.Cancel}
}

func (m Model) openProfiles() (tea.Model, tea.Cmd) {
	if m.switching {
		m.status = infoStatus("a profile is still opening")
		return m, nil
	}
	// Not connected, the open profile may be chosen again: that retries.
	if len(m.opts.Profiles) < 2 && m.connected() {
		m.status = infoStatus("no other profile to switch to: add profiles to ~/.config/tokentui/config.yaml, or try --demo")
		return m, nil
	}
	if len(m.opts.Profiles) == 0 {
		return m, nil
	}
	m.overlay = newProfileOverlay(m.opts.Profiles, m.opts.Profile, m.opts.Provider != nil, m.all != nil)
	m.relayout()
	return m, nil
}

// currentProfile is the profile the dashboard shows (or is opening).
func (m *Model) currentProfile() (profile.Profile, bool) {
	if m.opts.Profile < 0 || m.opts.Profile >= len(m.opts.Profiles) {
		return profile.Profile{}, false
	}
	return m.opts.Profiles[m.opts.Profile], true
}

// retryOpen opens the current profile again after it failed to open.
func (m Model) retryOpen() (tea.Model, tea.Cmd) {
	if m.switching {
		return m, nil
	}
	if _, ok := m.currentProfile(); !ok {
		return m, nil
	}
	return m.onProfile(profileChosenMsg{index: m.opts.Profile})
}

// openProfileCmd opens profile p (index i of the list) in a Cmd: its
// token_command may take seconds.
func openProfileCmd(open func(context.Context, profile.Profile) (client.Provider, error), p profile.Profile, i int) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
		defer cancel()
		prov, err := open(ctx, p)
		return profileOpenedMsg{index: i, prov: prov, err: err}
	}
}

// onProfile opens a chosen profile and takes its result. The first profile,
// opened by Init, comes through here too: one mechanism for both.
func (m Model) onProfile(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case allChosenMsg:
		return m.enterAll()
	case profileChosenMsg:
		p := m.opts.Profiles[msg.index]
		if m.all != nil {
			if prov := m.all.sources[msg.index].prov; prov != nil {
				return m.switchTo(msg.index, prov) // open already: no token command again
			}
		}
		m.switching = true
		if !m.connected() {
			m.openErr = nil
			m.opts.Profile = msg.index
			m.opts.ProfileLabel, m.opts.URL = ProfileLabel(p), p.URL
			m.status = busyStatus("connecting to " + p.Name + "…")
		} else {
			m.status = busyStatus("opening " + p.Name + "…")
		}
		m.relayout()
		return m, tea.Batch(m.spinner.Tick, openProfileCmd(m.opts.Open, p, msg.index))
	case profileOpenedMsg:
		m.switching = false
		p := m.opts.Profiles[msg.index]
		if msg.err != nil {
			if !m.connected() {
				m.openErr = msg.err // the error state says it, with p and r
				m.status = errorStatus("could not open " + p.Name)
				m.relayout()
				return m, nil
			}
			m.status = errorStatus("could not open " + p.Name + ": " + msg.err.Error())
			return m, nil
		}
		first := !m.connected()
		next, cmd := m.switchTo(msg.index, msg.prov)
		if first {
			nm := next.(Model)
			nm.status = status{}
			next = nm
		}
		return next, cmd
	}
	return m, nil
}

// switchTo drops everything about the old provider and loads the new one's
// tokens and catalog. Clears still due stay due: the clipboard is the same.
func (m Model) switchTo(index int, prov client.Provider) (tea.Model, tea.Cmd) {
	p := m.opts.Profiles[index]
	var cat *tokenfmt.Catalog
	if m.all != nil {
		cat = m.all.sources[index].cat // loaded already, or nil: it loads below
	}
	m.shownCounts = m.countsShown()
	m.all = nil
	m.opts.Provider = prov
	m.opts.Profile = index
	m.opts.ProfileLabel = ProfileLabel(p)
	m.opts.URL = p.URL
	m.openErr = nil
	m.provGen++
	m.table = newTable(prov, m.now)
	m.catalog = cat
	if cat != nil {
		m.table.SetCatalog(cat)
	}
	m.loadErr, m.connErr = nil, nil
	m.refreshedAt = time.Time{}
	m.filter.SetValue("")
	m.filtering = false
	m.focus = focusTable
	m.pendingRotate = nil
	m.selectAfterLoad = ""
	m.copy = nil
	m.status = okStatus("switched to " + p.Name)
	m.showHeld()
	m.userListing = false
	m.relayout()
	return m, tea.Batch(
		m.startListing(countOf(m.shownCounts, index)),
		loadCatalogCmd(prov, m.provGen),
		testConnectionCmd(prov, m.provGen),
	)
}

// countsShown is shownCounts with what is on screen now: the one profile's
// table, or every listed profile of the all-profiles table. A copy, as
// models are values.
func (m Model) countsShown() []int {
	counts := slices.Clone(m.shownCounts)
	set := func(i, n int) {
		if i >= len(counts) {
			counts = append(counts, make([]int, i+1-len(counts))...)
		}
		counts[i] = n
	}
	switch {
	case m.all != nil:
		for i, s := range m.all.sources {
			if s.listed {
				set(i, len(s.tokens))
			}
		}
	case m.table.Loaded():
		set(m.opts.Profile, m.table.Len())
	}
	return counts
}

// countOf is profile i's count in counts, 0 when none is known.
func countOf(counts []int, i int) int {
	if i < len(counts) {
		return counts[i]
	}
	return 0
}

// ProfileLabel is how the status bar names a profile: "demo · Border0",
// "work · GoodAccess".
func ProfileLabel(p profile.Profile) string {
	if p.Demo {
		return "demo · " + p.DisplayProvider()
	}
	return p.Name + " · " + p.DisplayProvider()
}
