package form

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/theme"
)

// ipField is the allowed-IPs list editor: an input to add, a list to remove.
type ipField struct {
	input   textinput.Model
	entries []parsedIP
	// selected is the entry under the cursor; -1 means the input has the
	// keys. IPv6 addresses contain "d", so "d removes" can only work when
	// the input does not have them.
	selected int
	offset   int
	note     string
	noteErr  bool
}

func newIPField() ipField {
	in := newInput("+ ")
	in.Placeholder = "203.0.113.7, 10.0.0.0/8 or 2001:db8::/32"
	return ipField{input: in, selected: -1}
}

func (f *ipField) syncFocus() {
	if f.selected < 0 {
		f.input.Focus()
	} else {
		f.input.Blur()
	}
}

func (f ipField) values() []string {
	out := make([]string, len(f.entries))
	for i, e := range f.entries {
		out[i] = e.value
	}
	return out
}

// addAll adds every entry of text (several may be typed or pasted at once,
// separated by commas or spaces) and returns what it could not add, to stay
// in the input to be fixed; the note says what happened to each.
func (f *ipField) addAll(text string) string {
	var left, notes []string
	added, failed := 0, ""
	for _, entry := range splitIPs(text) {
		if f.add(entry) {
			added++
			notes = append(notes, f.note)
			continue
		}
		left = append(left, entry)
		if failed == "" {
			failed = f.note
		}
	}
	switch {
	case failed == "":
		f.note, f.noteErr = strings.Join(notes, "; "), false
	case added > 0:
		f.note, f.noteErr = fmt.Sprintf("added %d; %s", added, failed), true
	default:
		f.note, f.noteErr = failed, true
	}
	return strings.Join(left, ", ")
}

// add validates and appends one entry; on error the note says why.
func (f *ipField) add(text string) bool {
	p, err := parseIP(text)
	if err != nil {
		f.note, f.noteErr = err.Error(), true
		return false
	}
	for _, e := range f.entries {
		if sameRange(e.prefix, p.prefix) {
			f.note, f.noteErr = fmt.Sprintf("%s is already in the list (as %s)", strings.TrimSpace(text), e.value), true
			return false
		}
	}
	note := "added " + p.value
	if p.note != "" {
		note += ": " + p.note
	}
	for _, e := range f.entries {
		if e.prefix.Bits() < p.prefix.Bits() && e.prefix.Contains(p.prefix.Addr()) {
			note += fmt.Sprintf(" (already inside %s)", e.value)
			break
		}
	}
	f.entries = append(f.entries, p)
	f.note, f.noteErr = note, false
	return true
}

func (f *ipField) remove(i int) {
	if i < 0 || i >= len(f.entries) {
		return
	}
	f.note, f.noteErr = "removed "+f.entries[i].value, false
	f.entries = append(f.entries[:i], f.entries[i+1:]...)
	if f.selected >= len(f.entries) {
		f.selected = len(f.entries) - 1
	}
}

func (m *Model) updateIPs(msg tea.KeyMsg) tea.Cmd {
	f := &m.ips
	defer f.syncFocus()
	if f.selected >= 0 {
		switch {
		case msg.Type == tea.KeyUp:
			f.selected--
		case msg.Type == tea.KeyDown:
			f.selected = min(len(f.entries)-1, f.selected+1)
		case keyMatches(msg, m.keys.Remove), msg.Type == tea.KeyBackspace:
			f.remove(f.selected)
			m.edited(secIPs)
		case msg.Type == tea.KeyRunes:
			// Typing goes back to the input, with the key it was.
			f.selected = -1
			f.input.Focus()
			return m.updateIPInput(msg)
		}
		return nil
	}
	switch {
	case msg.Type == tea.KeyDown && len(f.entries) > 0:
		f.selected = 0
	case msg.Type == tea.KeyEnter:
		if strings.TrimSpace(f.input.Value()) == "" {
			m.setFocus(m.focus + 1)
			return nil
		}
		before := len(f.entries)
		f.input.SetValue(f.addAll(f.input.Value()))
		f.input.CursorEnd()
		if len(f.entries) != before {
			m.edited(secIPs)
		}
	case msg.Type == tea.KeyBackspace && f.input.Value() == "" && len(f.entries) > 0:
		f.remove(len(f.entries) - 1)
		m.edited(secIPs)
	default:
		return m.updateIPInput(msg)
	}
	return nil
}

func (m *Model) updateIPInput(msg tea.KeyMsg) tea.Cmd {
	f := &m.ips
	before := f.input.Value()
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	if f.input.Value() != before {
		f.note = ""
		m.edited(secIPs)
	}
	return cmd
}

func (m Model) ipSummary() string {
	if len(m.ips.entries) == 0 {
		return theme.FormWarn.Render("any IP ⚠")
	}
	vals := m.ips.values()
	if len(vals) > 3 {
		return strings.Join(vals[:3], ", ") + fmt.Sprintf(" (+%d)", len(vals)-3)
	}
	return strings.Join(vals, ", ")
}

// ipHeader is what stands above the list of entries.
func (m Model) ipHeader() []string {
	lines := []string{m.ips.input.View(), "  " + m.ipFeedback()}
	if len(m.ips.entries) == 0 {
		lines = append(lines, theme.FormWarn.Render("⚠ no restriction: any IP address can use this token"))
	}
	return lines
}

func (m Model) ipBody(width, height int) []string {
	f := m.ips
	lines := m.ipHeader()
	listH := height - len(lines)
	if listH <= 0 || len(f.entries) == 0 {
		return clip(lines, height)
	}
	cursor := max(f.selected, 0)
	offset := scrollOffset(f.offset, cursor, len(f.entries), listH)
	for i := offset; i < min(len(f.entries), offset+listH); i++ {
		e := f.entries[i]
		text := "  • " + e.value
		if e.prefix.Bits() == 0 {
			text += theme.FormWarn.Render("  allows every " + family(e.prefix.Addr()) + " address")
		}
		lines = append(lines, cursorLine(text, i == f.selected, width))
	}
	return lines
}

// ipFeedback explains the input as it is typed, or the last add/remove.
func (m Model) ipFeedback() string {
	f := m.ips
	v := f.input.Value()
	if strings.TrimSpace(v) == "" {
		switch {
		case f.note != "" && f.noteErr:
			return theme.FormError.Render(f.note)
		case f.note != "":
			return theme.FormOK.Render(f.note)
		}
		return theme.FormHint.Render("IPv4, IPv6 or CIDR; enter adds · ↓ then d removes")
	}
	if f.note != "" && f.noteErr {
		return theme.FormError.Render(f.note)
	}
	entries := splitIPs(v)
	var values []string
	for _, e := range entries {
		p, err := parseIP(e)
		if err != nil {
			return theme.FormWarn.Render(err.Error())
		}
		for _, have := range f.entries {
			if sameRange(have.prefix, p.prefix) {
				return theme.FormWarn.Render(fmt.Sprintf("%s is already in the list (as %s)", e, have.value))
			}
		}
		values = append(values, p.value)
		if len(entries) == 1 && p.short != "" {
			values[0] += " (" + p.short + ")"
		}
	}
	if len(values) > 1 {
		return theme.FormOK.Render(fmt.Sprintf("enter adds %d: %s", len(values), strings.Join(values, ", ")))
	}
	return theme.FormOK.Render("enter adds " + values[0])
}
