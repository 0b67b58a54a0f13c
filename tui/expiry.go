package tui

import (
	"context"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/form"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// e edits the expiry of a token, for providers that can (Unleash): the same
// presets as the create form and a typed date, read by form.ParseDate so
// both accept exactly the same input. There is no "never": Unleash cannot
// remove an expiry.

// expiryChosenMsg: the person picked a new expiry for tok. reenable says
// they were told it brings an expired token back to life.
type expiryChosenMsg struct {
	tok      client.Token
	at       time.Time
	reenable bool
}

// expiryDoneMsg is the answer to one UpdateExpiry.
type expiryDoneMsg struct {
	tok client.Token
	at  time.Time
	err error
	on  runOn
}

type expiryPreset struct {
	label string
	days  int // 0: the custom date row
}

var expiryPresets = []expiryPreset{{"7 days", 7}, {"30 days", 30}, {"90 days", 90}, {"1 year", 365}, {"custom date", 0}}

type expiryKeys struct {
	Up, Down, Save, Cancel key.Binding
}

// expiryOverlay is the edit-expiry dialog.
type expiryOverlay struct {
	tok    client.Token
	now    func() time.Time
	loc    *time.Location
	cursor int
	custom textinput.Model
	err    string
	keys   expiryKeys
}

func newExpiryOverlay(tok client.Token, now func() time.Time, loc *time.Location) *expiryOverlay {
	in := textinput.New()
	in.Placeholder = "YYYY-MM-DD HH:MM"
	in.CharLimit = 16
	in.Width = 18
	in.Prompt = ""
	return &expiryOverlay{
		tok: tok, now: now, loc: loc, cursor: 1, custom: in,
		keys: expiryKeys{
			Up:     key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "up")),
			Down:   key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "down")),
			Save:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "set expiry")),
			Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		},
	}
}

func (e *expiryOverlay) onCustom() bool { return expiryPresets[e.cursor].days == 0 }

// chosen is the expiry the cursor's row means, or why it is not one.
func (e *expiryOverlay) chosen() (time.Time, error) {
	p := expiryPresets[e.cursor]
	if p.days == 0 {
		return form.ParseDate(e.custom.Value(), e.now(), e.loc)
	}
	return presetExpiry(e.now().In(e.loc), p.days), nil
}

// presetExpiry counts calendar days in the person's zone, as the form does.
func presetExpiry(now time.Time, days int) time.Time {
	if days == 365 {
		return now.AddDate(1, 0, 0).Truncate(time.Second)
	}
	return now.AddDate(0, 0, days).Truncate(time.Second)
}

func (e *expiryOverlay) update(msg tea.Msg) (overlay, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		var cmd tea.Cmd
		e.custom, cmd = e.custom.Update(msg) // cursor blink
		return e, cmd
	}
	switch {
	case key.Matches(k, e.keys.Cancel):
		return nil, nil
	case key.Matches(k, e.keys.Up):
		e.cursor = max(e.cursor-1, 0)
	case key.Matches(k, e.keys.Down):
		e.cursor = min(e.cursor+1, len(expiryPresets)-1)
	case key.Matches(k, e.keys.Save):
		at, err := e.chosen()
		if err != nil {
			e.err = err.Error()
			return e, nil
		}
		tok := e.tok
		return nil, func() tea.Msg { return expiryChosenMsg{tok: tok, at: at.UTC()} }
	case e.onCustom():
		var cmd tea.Cmd
		e.custom, cmd = e.custom.Update(k)
		e.err = ""
		return e, cmd
	}
	e.err = ""
	if e.onCustom() {
		return e, e.custom.Focus()
	}
	e.custom.Blur()
	return e, nil
}

func (e *expiryOverlay) view(width, height int) string {
	inner := dialogWidth(width, 64)
	var b strings.Builder
	b.WriteString(theme.Title.Render("Edit expiry"))
	b.WriteString("\n\n")
	b.WriteString(tokenLabel(e.tok, inner))
	b.WriteString("\n")
	cur := "never"
	if e.tok.ExpiryInvalid() {
		cur = client.InvalidDate
	} else if e.tok.Expires() {
		cur = e.tok.ExpiresAt.In(e.loc).Format("2006-01-02 15:04 MST")
	}
	b.WriteString(theme.Muted.Render(tokenfmt.Fit("now expires: "+cur, inner)))
	b.WriteString("\n\n")
	for i, p := range expiryPresets {
		line := "  " + p.label
		if p.days > 0 {
			line += theme.Muted.Render("  → " + presetExpiry(e.now().In(e.loc), p.days).Format("2006-01-02 15:04 MST"))
		} else {
			line += "  " + e.custom.View()
		}
		if i == e.cursor {
			line = theme.ExpiryCursor.Render("›") + line[1:]
		}
		b.WriteString(line + "\n")
	}
	if e.err != "" {
		b.WriteString("\n" + theme.ErrorText.Render(tokenfmt.Fit(e.err, inner)) + "\n")
	} else if e.onCustom() {
		b.WriteString("\n" + theme.Muted.Render(tokenfmt.Fit("local time; YYYY-MM-DD means 00:00 that day", inner)) + "\n")
	}
	b.WriteString("\n")
	b.WriteString(keyHints(e.keys.Save, e.keys.Cancel))
	return theme.Dialog.Render(b.String())
}

func (e *expiryOverlay) helpKeys() []key.Binding {
	return []key.Binding{e.keys.Up, e.keys.Down, e.keys.Save, e.keys.Cancel}
}

// openExpiry opens the dialog when the provider can change an expiry.
func (m Model) openExpiry() (tea.Model, tea.Cmd) {
	tok, ok := m.table.Selected()
	if !ok {
		return m, nil
	}
	if _, can := m.opts.Provider.(client.ExpiryUpdater); !can {
		m.status = errorStatus(m.opts.Provider.DisplayName() + " cannot change a token's expiry")
		return m, nil
	}
	m.overlay = newExpiryOverlay(*tok, m.now, m.location())
	m.relayout()
	return m, nil
}

func (m Model) onExpiry(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case expiryChosenMsg:
		up, ok := m.opts.Provider.(client.ExpiryUpdater)
		if !ok {
			return m, nil
		}
		if msg.tok.ExpiredAt(m.now()) && msg.at.After(m.now()) && !msg.reenable {
			m.overlay = confirmReenable(msg, m.now(), m.location())
			m.relayout()
			return m, nil
		}
		m.status = busyStatus("setting the expiry of " + labelOf(msg.tok) + "…")
		on := m.here()
		return m, func() tea.Msg {
			ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
			defer cancel()
			return expiryDoneMsg{tok: msg.tok, at: msg.at, err: up.UpdateExpiry(ctx, msg.tok, msg.at), on: on}
		}
	case expiryDoneMsg:
		st := okStatus(labelOf(msg.tok) + " now expires " + msg.at.In(m.location()).Format("2006-01-02 15:04 MST"))
		if msg.err != nil {
			st = errorStatus("could not change the expiry of " + labelOf(msg.tok) + ": " + msg.err.Error())
		}
		if !msg.on.current(&m) {
			m.hold(msg.on, st, nil)
			return m, nil
		}
		m.status = st
		if msg.err != nil {
			return m, nil
		}
		return m.refresh(false)
	}
	return m, nil
}

// confirmReenable asks before giving an expired token a new expiry: that
// makes it work again for whatever still holds its secret.
func confirmReenable(msg expiryChosenMsg, now time.Time, loc *time.Location) *confirmDialog {
	yes := msg
	yes.reenable = true
	ago, _ := tokenfmt.RelativeExpiry(msg.tok, now)
	return newConfirm(question{
		title:   "Re-enable an expired token?",
		targets: []client.Token{msg.tok},
		now:     now,
		consequence: []string{
			"It " + ago + ". A new expiry (" + msg.at.In(loc).Format("2006-01-02 15:04 MST") + ") re-enables it:",
			"anything that still holds its secret can use it again.",
		},
		yesHelp: "re-enable it",
		noHelp:  "keep it expired",
		yes:     yes,
	})
}
