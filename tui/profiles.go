package tui

import (
	"context"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/theme"
)

// p switches profiles without a restart: the switcher lists every profile
// (refused ones greyed, with why), enter opens the chosen one in a Cmd (a
// token_command may take seconds), and the dashboard reloads on the new
// provider: table, catalog and status bar.

// profileChosenMsg: the person picked profile i.
type profileChosenMsg struct{ index int }

// profileOpenedMsg is the result of opening profile i.
type profileOpenedMsg struct {
	index int
	prov  client.Provider
	err   error
}

type profileKeys struct {
	Up, Down, Open, Cancel key.Binding
}

type profileOverlay struct {
	profiles []profile.Profile
	current  int
	cursor   int
	note     string // why enter did nothing
	keys     profileKeys
}

func newProfileOverlay(ps []profile.Profile, current int) *profileOverlay {
	return &profileOverlay{
		profiles: ps, current: current, cursor: current,
		keys: profileKeys{
			Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
			Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
			Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "switch")),
			Cancel: key.NewBinding(key.WithKeys("esc", "p", "q"), key.WithHelp("esc", "close")),
		},
	}
}

func (o *profileOverlay) update(msg tea.Msg) (overlay, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return o, nil
	}
	switch {
	case key.Matches(k, o.keys.Cancel):
		return nil, nil
	case key.Matches(k, o.keys.Up):
		o.cursor = max(o.cursor-1, 0)
		o.note = ""
	case key.Matches(k, o.keys.Down):
		o.cursor = min(o.cursor+1, len(o.profiles)-1)
		o.note = ""
	case key.Matches(k, o.keys.Open):
		p := o.profiles[o.cursor]
		if err := p.Err(); err != nil {
			o.note = "cannot use " + p.Name + ": " + err.Error()
			return o, nil
		}
		if o.cursor == o.current {
			return nil, nil
		}
		i := o.cursor
		return nil, func() tea.Msg { return profileChosenMsg{index: i} }
	}
	return o, nil
}

func (o *profileOverlay) view(width, height int) string {
	inner := min(max(width-10, 30), 90)
	var b strings.Builder
	b.WriteString(theme.Title.Render("Switch profile"))
	b.WriteString("\n")
	// Two lines a profile; keep the cursor's in sight on a short screen.
	room := max((height-10)/2, 1)
	first := max(min(o.cursor-room/2, len(o.profiles)-room), 0)
	for i := first; i < min(first+room, len(o.profiles)); i++ {
		p := o.profiles[i]
		mark := "  "
		if i == o.cursor {
			mark = theme.ProfileCursor.Render("› ")
		}
		name := client.Sanitize(p.Name)
		title := theme.ProfileName.Render(name) + theme.Muted.Render("  "+p.DisplayProvider())
		if i == o.current {
			title += theme.ProfileCurrent.Render("  (open)")
		}
		where := client.Sanitize(p.URL) + " · token: " + client.Sanitize(p.TokenSource())
		second := theme.Muted.Render(fit(where, inner-4))
		if err := p.Err(); err != nil {
			title = theme.ProfileRefused.Render(fit(name+"  "+p.DisplayProvider(), inner-2))
			second = theme.ProfileRefused.Render(fit(client.Sanitize(err.Error()), inner-4))
		}
		b.WriteString("\n" + mark + title + "\n    " + second)
	}
	if o.note != "" {
		b.WriteString("\n\n" + theme.ErrorText.Render(fit(client.Sanitize(o.note), inner)))
	}
	b.WriteString("\n\n")
	b.WriteString(theme.Key.Render("enter") + theme.Muted.Render(" switch   ") + theme.Key.Render("esc") + theme.Muted.Render(" close"))
	return theme.Dialog.Render(b.String())
}

func (o *profileOverlay) helpKeys() []key.Binding {
	return []key.Binding{o.keys.Up, o.keys.Down, o.keys.Open, o.keys.Cancel}
}

func (m Model) openProfiles() (tea.Model, tea.Cmd) {
	if len(m.opts.Profiles) < 2 {
		m.status = infoStatus("no other profile to switch to: add profiles to ~/.config/tokentui/config.yaml, or try --demo")
		return m, nil
	}
	if m.switching {
		m.status = infoStatus("a profile is still opening")
		return m, nil
	}
	m.overlay = newProfileOverlay(m.opts.Profiles, m.opts.Profile)
	m.relayout()
	return m, nil
}

func (m Model) onProfile(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case profileChosenMsg:
		p := m.opts.Profiles[msg.index]
		m.switching = true
		m.status = busyStatus("opening " + p.Name + "…")
		open := m.opts.Open
		return m, tea.Batch(m.spinner.Tick, func() tea.Msg {
			ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
			defer cancel()
			prov, err := open(ctx, p)
			return profileOpenedMsg{index: msg.index, prov: prov, err: err}
		})
	case profileOpenedMsg:
		m.switching = false
		p := m.opts.Profiles[msg.index]
		if msg.err != nil {
			m.status = errorStatus("could not open " + p.Name + ": " + msg.err.Error())
			return m, nil
		}
		return m.switchTo(msg.index, msg.prov)
	}
	return m, nil
}

// switchTo drops everything about the old provider and loads the new one's
// tokens and catalog. Clears still due stay due: the clipboard is the same.
func (m Model) switchTo(index int, prov client.Provider) (tea.Model, tea.Cmd) {
	p := m.opts.Profiles[index]
	m.opts.Provider = prov
	m.opts.Profile = index
	m.opts.ProfileLabel = ProfileLabel(p)
	m.opts.URL = p.URL
	m.provGen++
	m.table = newTableModel()
	m.catalog = nil
	m.loadErr = nil
	m.refreshedAt = time.Time{}
	m.filter.SetValue("")
	m.filtering = false
	m.focus = focusTable
	m.detail.scroll = 0
	m.pendingRotate = nil
	m.selectAfterLoad = ""
	m.copy = nil
	m.status = okStatus("switched to " + p.Name)
	m.listGen++
	m.listing = true
	m.userListing = false
	m.relayout()
	return m, tea.Batch(
		loadTokensCmd(prov, m.listGen, m.now),
		loadCatalogCmd(prov, m.provGen),
		m.spinner.Tick,
	)
}

// ProfileLabel is how the status bar names a profile: "demo · Border0",
// "work · GoodAccess".
func ProfileLabel(p profile.Profile) string {
	if p.Demo {
		return "demo · " + p.DisplayProvider()
	}
	return p.Name + " · " + p.DisplayProvider()
}
