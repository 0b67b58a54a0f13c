package table

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/tokentui/tokentui/tui/scroll"
)

// KeyMap is what the table does itself: move, mark, sort. The keys that
// act on its selection from outside (filter, details, revoke, create…)
// are the root's: they open other panes.
type KeyMap struct {
	scroll.Keys
	Mark, MarkShown, Unmark, Sort, Reverse key.Binding
}

// NewKeyMap is the table's default keys.
func NewKeyMap() KeyMap {
	return KeyMap{
		Keys:      scroll.NewKeys(),
		Mark:      key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "mark")),
		MarkShown: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "mark all shown")),
		Unmark:    key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "unmark all")),
		Sort:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
		Reverse:   key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "reverse")),
	}
}
