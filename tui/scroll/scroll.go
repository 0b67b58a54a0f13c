// Package scroll is the one set of movement keys of every pane that
// scrolls (the token table, the detail pane), and where each key moves a
// position to, so the panes cannot drift apart in what j or pgdn does.
package scroll

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Keys move through rows or lines: one, a page, or to either end.
type Keys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
}

// NewKeys are the movement keys, with the help a list of rows shows.
func NewKeys() Keys {
	return Keys{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+f"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "first")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last")),
	}
}

// Move is where pos goes on msg: a step, a page, to 0 or to last. ok is
// false when msg moves nothing; the caller keeps the result in range.
func (k Keys) Move(msg tea.KeyMsg, pos, page, last int) (next int, ok bool) {
	switch {
	case key.Matches(msg, k.Up):
		return pos - 1, true
	case key.Matches(msg, k.Down):
		return pos + 1, true
	case key.Matches(msg, k.PageUp):
		return pos - page, true
	case key.Matches(msg, k.PageDown):
		return pos + page, true
	case key.Matches(msg, k.Top):
		return 0, true
	case key.Matches(msg, k.Bottom):
		return last, true
	}
	return pos, false
}

// Paged reports whether msg turns a page, which moves the view as well as
// the cursor.
func (k Keys) Paged(msg tea.KeyMsg) bool { return key.Matches(msg, k.PageUp, k.PageDown) }
