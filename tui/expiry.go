package tui

import (
	"context"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/history"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/dates"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// e edits the expiry of a token, for providers that can (Unleash): the same
// presets as the create form and a typed date, read by the one rule of
// package dates (a date alone is valid through that day) and checked as it
// is typed. There is no "never": Unleash cannot remove an expiry.

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

type expiryKeys struct {
	Up, Down, Save, Cancel key.Binding
}

// expiryOverlay is the edit-expiry dialog: dates.Presets, then a custom
// date (the last row).
type expiryOverlay struct {
	tok    client.Token
	now    func() time.Time
	loc    *time.Location
	cursor int
	custom textinput.Model
	err    string // why enter did not set the expiry
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
			Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
			Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
			Save:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "set expiry")),
			Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		},
	}
}

func (e *expiryOverlay) onCustom() bool { return e.cursor == len(dates.Presets) }

// takesText: on the custom row, keys are the date.
func (e *expiryOverlay) takesText() bool { return e.onCustom() }

// chosen is the expiry the cursor's row means, or why it is not one.
func (e *expiryOverlay) chosen() (time.Time, error) {
	if e.onCustom() {
		x, err := dates.Parse(e.custom.Value(), e.now(), e.loc)
		return x.At, err
	}
	return dates.After(e.now(), dates.Presets[e.cursor].Days, e.loc), nil
}

func (e *expiryOverlay) update(msg tea.Msg) (overlay, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		var cmd tea.Cmd
		e.custom, cmd = e.custom.Update(msg) // cursor blink
		return e, cmd
	}
	// On the custom row, letters are the date: only the arrows move.
	arrowsOnly := e.onCustom() && k.Type == tea.KeyRunes
	switch {
	case key.Matches(k, e.keys.Cancel):
		return nil, nil
	case key.Matches(k, e.keys.Up) && !arrowsOnly:
		e.cursor = max(e.cursor-1, 0)
	case key.Matches(k, e.keys.Down) && !arrowsOnly:
		e.cursor = min(e.cursor+1, len(dates.Presets))
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
		cur = dates.Format(e.tok.ExpiresAt.In(e.loc))
	}
	b.WriteString(theme.Muted.Render(tokenfmt.Fit("now expires: "+cur, inner)))
	b.WriteString("\n\n")
	const labelW = len("custom date")
	for i, p := range dates.Presets {
		line := "  " + tokenfmt.Fit(p.Label, labelW) + theme.Muted.Render("  → "+dates.Format(dates.After(e.now(), p.Days, e.loc)))
		b.WriteString(e.row(i, line) + "\n")
	}
	b.WriteString(e.row(len(dates.Presets), "  "+tokenfmt.Fit("custom date", labelW)+"  "+e.custom.View()) + "\n")
	b.WriteString("\n" + e.feedback(inner) + "\n\n")
	b.WriteString(keyHints(e.keys.Save, e.keys.Cancel))
	return theme.Dialog.Render(b.String())
}

// row marks the cursor's row with a › that shows without colour.
func (e *expiryOverlay) row(i int, line string) string {
	if i == e.cursor {
		return theme.ExpiryCursor.Render("›") + line[1:]
	}
	return line
}

// feedback is the line under the rows: why enter failed, or on the custom
// row what the date typed so far means (or why it is not one yet).
func (e *expiryOverlay) feedback(width int) string {
	switch {
	case e.err != "":
		return theme.ErrorText.Render(tokenfmt.Fit("✗ "+e.err, width))
	case !e.onCustom():
		return ""
	case strings.TrimSpace(e.custom.Value()) == "":
		return theme.Muted.Render(ansi.Wrap(dates.Hint, width, " "))
	}
	x, err := dates.Parse(e.custom.Value(), e.now(), e.loc)
	if err != nil {
		return theme.WarnText.Render(tokenfmt.Fit("✗ "+err.Error(), width))
	}
	return theme.OKText.Render(ansi.Wrap("✓ "+x.Describe(), width, " "))
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
	on, ok := m.onOf(tok)
	if !ok {
		m.status = errorStatus("its profile is not open; r reloads it")
		return m, nil
	}
	if _, can := on.prov.(client.ExpiryUpdater); !can {
		m.status = errorStatus(on.prov.DisplayName() + " cannot change a token's expiry")
		return m, nil
	}
	m.overlay = newExpiryOverlay(*tok, m.now, m.location())
	m.relayout()
	return m, nil
}

func (m Model) onExpiry(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case expiryChosenMsg:
		on, ok := m.onOf(&msg.tok)
		up, can := on.prov.(client.ExpiryUpdater)
		if !ok || !can {
			return m, nil
		}
		if msg.tok.ExpiredAt(m.now()) && msg.at.After(m.now()) && !msg.reenable {
			m.overlay = confirmReenable(msg, m.now(), m.location())
			m.relayout()
			return m, nil
		}
		m.status = busyStatus("setting the expiry of " + labelOf(msg.tok) + "…")
		return m, func() tea.Msg {
			ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
			defer cancel()
			return expiryDoneMsg{tok: msg.tok, at: msg.at, err: up.UpdateExpiry(ctx, msg.tok, msg.at), on: on}
		}
	case expiryDoneMsg:
		st := okStatus(labelOf(msg.tok) + " now expires " + dates.Format(msg.at.In(m.location())))
		if msg.err != nil {
			st = errorStatus("could not change the expiry of " + labelOf(msg.tok) + ": " + msg.err.Error())
		}
		rec := history.Of(history.ActionExpiry, msg.tok, m.now()).Finish(msg.err)
		rec.PreviousExpiresAt, rec.ExpiresAt = rec.ExpiresAt, history.Expiry(msg.at, false)
		record := m.record(msg.on, rec)
		if !msg.on.current(&m) {
			m.hold(msg.on, st, nil)
			return m, record
		}
		m.status = st
		if msg.err != nil {
			return m, record
		}
		next, refresh := m.refreshOn(msg.on)
		return next, tea.Batch(refresh, record)
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
			"It " + ago + ". A new expiry (" + dates.Format(msg.at.In(loc)) + ") re-enables it: anything that still holds its secret can use it again.",
		},
		yesHelp: "re-enable it",
		noHelp:  "keep it expired",
		yes:     yes,
	})
}
