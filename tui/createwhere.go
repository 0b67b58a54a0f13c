package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// n in the all-profiles table asks which profile the new token is for:
// every profile is listed, the ones that cannot take it (still loading,
// down, no catalog yet) greyed with why.

// createWhereMsg: the person picked profile i for a new token.
type createWhereMsg struct{ index int }

// whereRow is one profile of the question.
type whereRow struct {
	index       int
	label, note string // note: why it cannot be picked; "" when it can
}

type createWhereOverlay struct {
	rows   []whereRow
	cursor int
	note   string // why enter did nothing
	keys   profileKeys
}

// askCreateWhere opens the question, the cursor on the first profile that
// can take a token.
func (m Model) askCreateWhere() (tea.Model, tea.Cmd) {
	o := &createWhereOverlay{cursor: -1, keys: newPickKeys("create there", "esc", "q")}
	for i, p := range m.opts.Profiles {
		s := &m.all.sources[i]
		row := whereRow{index: i, label: ProfileLabel(p)}
		switch {
		case s.err != nil:
			row.note = "down: " + firstLine(s.err.Error())
		case s.prov == nil || s.loading && !s.loaded():
			row.note = "still loading"
		case s.cat == nil:
			row.note = "its permission catalog has not loaded: r reloads it"
		case o.cursor < 0:
			o.cursor = len(o.rows)
		}
		o.rows = append(o.rows, row)
	}
	if o.cursor < 0 {
		m.status = infoStatus("no profile can take a new token now: every one is loading or down")
		return m, nil
	}
	m.overlay = o
	m.relayout()
	return m, nil
}

func (o *createWhereOverlay) update(msg tea.Msg) (overlay, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return o, nil
	}
	if c, moved := o.keys.move(k, o.cursor, len(o.rows)); moved {
		o.cursor, o.note = c, ""
		return o, nil
	}
	switch {
	case key.Matches(k, o.keys.Cancel):
		return nil, nil
	case key.Matches(k, o.keys.Open):
		r := o.rows[o.cursor]
		if r.note != "" {
			o.note = "cannot create on " + r.label + ": " + r.note
			return o, nil
		}
		return nil, deliver(createWhereMsg{index: r.index})
	}
	return o, nil
}

func (o *createWhereOverlay) view(width, height int) string {
	inner := dialogWidth(width, 72)
	var b strings.Builder
	b.WriteString(theme.Title.Render("Create a token on which profile?"))
	b.WriteString("\n")
	room := max(height-10, 1)
	first := max(min(o.cursor-room/2, len(o.rows)-room), 0)
	for i := first; i < min(first+room, len(o.rows)); i++ {
		r := o.rows[i]
		mark := "  "
		if i == o.cursor {
			mark = theme.ProfileCursor.Render("› ")
		}
		line := theme.ProfileName.Render(tokenfmt.Fit(client.Sanitize(r.label), min(28, inner-4)))
		if r.note != "" {
			line = theme.ProfileRefused.Render(tokenfmt.Fit(client.Sanitize(r.label+"  "+r.note), inner-2))
		}
		b.WriteString("\n" + mark + line)
	}
	if o.note != "" {
		b.WriteString("\n\n" + theme.ErrorText.Render(tokenfmt.Fit(client.Sanitize(o.note), inner)))
	}
	b.WriteString("\n\n" + keyHints(o.keys.Open, o.keys.Cancel))
	return theme.Dialog.Render(b.String())
}

func (o *createWhereOverlay) helpKeys() []key.Binding {
	return []key.Binding{o.keys.Up, o.keys.Down, o.keys.Open, o.keys.Cancel}
}

// onCreateWhere opens the form on the profile picked.
func (m Model) onCreateWhere(msg createWhereMsg) (tea.Model, tea.Cmd) {
	if m.all == nil || m.all.sources[msg.index].prov == nil {
		return m, nil
	}
	return m.openCreateOn(m.all.on(msg.index, m.opts.Profiles[msg.index], m.provGen), nil)
}
