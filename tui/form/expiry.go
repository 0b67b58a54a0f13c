package form

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/dates"
)

type expiryKind int

const (
	expiryDays expiryKind = iota
	expiryNever
	expiryCustom
)

type expiryOption struct {
	label string
	kind  expiryKind
	days  int
}

// expiryField offers presets, "never" when the API allows it, and a typed
// date.
type expiryField struct {
	options []expiryOption
	picked  int // index into options
	cursor  int
	custom  textinput.Model
}

// defaultExpiryDays: short enough that a forgotten token dies on its own,
// long enough not to break a monthly job.
const defaultExpiryDays = 30

func newExpiryField(cat client.Catalog) expiryField {
	var f expiryField
	for _, p := range dates.Presets {
		f.options = append(f.options, expiryOption{label: p.Label, days: p.Days})
	}
	if cat.NeverExpires {
		f.options = append(f.options, expiryOption{label: "never", kind: expiryNever})
	}
	f.options = append(f.options, expiryOption{label: "custom date", kind: expiryCustom})
	f.custom = newInput("")
	f.custom.Placeholder = "YYYY-MM-DD HH:MM"
	f.custom.CharLimit = 16
	f.picked = f.indexOfDays(defaultExpiryDays)
	f.cursor = f.picked
	return f
}

func (f expiryField) indexOfDays(days int) int {
	for i, o := range f.options {
		if o.kind == expiryDays && o.days == days {
			return i
		}
	}
	return 0
}

func (f expiryField) index(kind expiryKind) int {
	for i, o := range f.options {
		if o.kind == kind {
			return i
		}
	}
	return -1
}

// syncFocus gives the custom date input the keys while the cursor is on it.
func (f *expiryField) syncFocus() {
	if f.options[f.cursor].kind == expiryCustom {
		f.custom.Focus()
	} else {
		f.custom.Blur()
	}
}

// presetDate is a preset's expiry: calendar days in the person's time zone
// (so "1 year" is the same date next year, across DST changes).
func (m Model) presetDate(days int) time.Time {
	return dates.After(m.opts.Now(), days, m.opts.Location)
}

// parseCustom reads a typed date by the one rule (package dates); the
// error says what to type instead.
func (m Model) parseCustom(s string) (dates.Expiry, error) {
	return dates.Parse(s, m.opts.Now(), m.opts.Location)
}

// expiresAt is the expiry the request will carry, in UTC; zero = never.
func (m Model) expiresAt() (time.Time, error) {
	o := m.expiry.options[m.expiry.picked]
	switch o.kind {
	case expiryNever:
		return time.Time{}, nil
	case expiryCustom:
		e, err := m.parseCustom(m.expiry.custom.Value())
		return e.At.UTC(), err
	}
	return m.presetDate(o.days).UTC(), nil
}

func (m *Model) updateExpiry(msg tea.KeyMsg) tea.Cmd {
	f := &m.expiry
	k := m.keys
	onCustom := f.options[f.cursor].kind == expiryCustom
	switch {
	// Arrows only: on the custom row, letters and digits are the date.
	case msg.Type == tea.KeyUp || (!onCustom && keyMatches(msg, k.Up)):
		f.cursor = max(0, f.cursor-1)
	case msg.Type == tea.KeyDown || (!onCustom && keyMatches(msg, k.Down)):
		f.cursor = min(len(f.options)-1, f.cursor+1)
	case keyMatches(msg, k.Enter) || (!onCustom && keyMatches(msg, k.Toggle)):
		if f.picked != f.cursor {
			f.picked = f.cursor
			m.edited(secExpiry)
		}
	case onCustom:
		before := f.custom.Value()
		var cmd tea.Cmd
		f.custom, cmd = f.custom.Update(msg)
		if f.custom.Value() != before {
			// Typing a date picks it: no extra key between typing and
			// seeing whether it is valid.
			f.picked = f.cursor
			m.edited(secExpiry)
		}
		f.syncFocus()
		return cmd
	}
	f.syncFocus()
	return nil
}

func formatLocal(t time.Time) string { return dates.Format(t) }

// relative is "in 30 days", "in 5 hours".
func relative(d time.Duration) string {
	switch {
	case d >= 48*time.Hour:
		return fmt.Sprintf("in %d days", int(math.Round(d.Hours()/24)))
	case d >= 2*time.Hour:
		return fmt.Sprintf("in %d hours", int(math.Round(d.Hours())))
	default:
		return fmt.Sprintf("in %d minutes", int(math.Ceil(d.Minutes())))
	}
}

func (m Model) expirySummary() string {
	o := m.expiry.options[m.expiry.picked]
	switch o.kind {
	case expiryNever:
		return theme.FormWarn.Render("never ⚠")
	case expiryCustom:
		e, err := m.parseCustom(m.expiry.custom.Value())
		if err != nil {
			return theme.FormHint.Render("custom date (not valid yet)")
		}
		return e.Describe()
	}
	return o.label + theme.FormHint.Render(" → "+formatLocal(m.presetDate(o.days)))
}

func (m Model) expiryBody(width, height int) []string {
	f := m.expiry
	var lines []string
	for i, o := range f.options {
		mark := "( )"
		if i == f.picked {
			mark = theme.FormChecked.Render("(•)")
		}
		text := mark + " " + padRight(o.label, 11)
		switch o.kind {
		case expiryDays:
			text += theme.FormDesc.Render(" → " + formatLocal(m.presetDate(o.days)))
		case expiryNever:
			text += theme.FormWarn.Render(" a leaked token would work forever")
		case expiryCustom:
			text += " " + f.custom.View()
		}
		lines = append(lines, cursorLine(text, i == f.cursor, width))
	}
	if f.options[f.picked].kind == expiryCustom || f.options[f.cursor].kind == expiryCustom {
		// The section's error line already says what is wrong after a
		// submit; the feedback would only repeat it.
		if _, err := m.parseCustom(f.custom.Value()); err == nil || m.errFor(secExpiry) != err.Error() {
			lines = append(lines, "    "+m.customFeedback())
		}
	}
	return clip(lines, height)
}

// customFeedback is shown as the date is typed: what it means, or why not.
func (m Model) customFeedback() string {
	v := m.expiry.custom.Value()
	if strings.TrimSpace(v) == "" {
		return theme.FormHint.Render(dates.Hint)
	}
	e, err := m.parseCustom(v)
	if err != nil {
		return theme.FormError.Render(err.Error())
	}
	return theme.FormOK.Render(fmt.Sprintf("→ %s (%s UTC, %s)", e.Describe(), e.At.UTC().Format("2006-01-02 15:04"), relative(e.At.Sub(m.opts.Now()))))
}

// applyExpiryPrefill starts the expiry from the options (Rotate keeps the
// old token's lifetime length).
func (m *Model) applyExpiryPrefill() {
	f := &m.expiry
	o := m.opts
	switch {
	case o.NoExpiry:
		if i := f.index(expiryNever); i >= 0 {
			f.picked = i
		} else {
			m.prefillNote = append(m.prefillNote, "the original never expires, but this provider needs an expiry: 30 days")
		}
	case o.Lifetime > 0:
		for i, opt := range f.options {
			if opt.kind != expiryDays {
				continue
			}
			// Within a day of a preset counts as that preset: a token made
			// "for 30 days" is 30 days, whatever second it was stamped.
			if diff := o.Lifetime - time.Duration(opt.days)*24*time.Hour; diff > -24*time.Hour && diff < 24*time.Hour {
				f.picked = i
				f.cursor = i
				return
			}
		}
		m.setCustom(ceilMinute(o.Now().Add(o.Lifetime)))
	case o.Prefill != nil && !o.Prefill.ExpiresAt.IsZero() && o.Prefill.ExpiresAt.After(o.Now()):
		m.setCustom(ceilMinute(o.Prefill.ExpiresAt))
	}
	f.cursor = f.picked
}

func (m *Model) setCustom(t time.Time) {
	f := &m.expiry
	f.custom.SetValue(t.In(m.opts.Location).Format("2006-01-02 15:04"))
	f.picked = f.index(expiryCustom)
}

// ceilMinute rounds up to the minute: a custom date is typed to the minute,
// and rounding down could land a prefilled date in the past.
func ceilMinute(t time.Time) time.Time {
	if r := t.Truncate(time.Minute); !r.Equal(t) {
		return r.Add(time.Minute)
	}
	return t
}
