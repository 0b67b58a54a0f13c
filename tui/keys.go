package tui

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/tokentui/tokentui/tui/scroll"
)

// Each pane owns a keymap; the root asks the focused pane (or the open
// overlay) for its bindings and feeds them, with the global ones, to the one
// help view.

// globalKeys work wherever the focus is, except inside text input (where
// only ctrl+c does).
type globalKeys struct {
	Quit      key.Binding
	Help      key.Binding
	CloseHelp key.Binding // esc, while the full help is open
	Switch    key.Binding
	Refresh   key.Binding
	Profile   key.Binding
	LastError key.Binding
	// Find, Export and History need no token selected.
	Find, Export, History key.Binding
}

func newGlobalKeys() globalKeys {
	return globalKeys{
		Profile:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "profiles")),
		Quit:      key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		CloseHelp: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close help")),
		Switch:    key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "pane")),
		Refresh:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
		LastError: key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "last error in full")),
		Find:      key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "find a leaked secret")),
		Export:    key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "export the table (CSV/JSON)")),
		History:   key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "history")),
	}
}

// forceQuit quits even while typing.
var forceQuit = key.NewBinding(key.WithKeys("ctrl+c"))

// tableKeys act from the table through the root: they open the filter,
// the detail pane or a dialog about the selection; all but Detail and
// ClearFilter work from the detail pane too. What the table does with keys
// itself (move, mark, sort) is its own table.KeyMap.
type tableKeys struct {
	Revoke, Detail, Filter, ClearFilter key.Binding
	New, Rotate, Copy, CopyID, Expiry   key.Binding
}

func newTableKeys() tableKeys {
	return tableKeys{
		Revoke:      key.NewBinding(key.WithKeys("x", "delete"), key.WithHelp("x", "revoke")),
		Detail:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "details")),
		Filter:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		ClearFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		New:         key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "create")),
		Rotate:      key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "rotate")),
		Copy:        key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy secret")),
		CopyID:      key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy ID")),
		Expiry:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit expiry")),
	}
}

type filterKeys struct {
	Apply, Clear key.Binding
	// Syntax is no key: it reminds of the field prefixes in the help line.
	Syntax key.Binding
}

func newFilterKeys() filterKeys {
	return filterKeys{
		Apply:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
		Clear:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear")),
		Syntax: key.NewBinding(key.WithKeys("\x00syntax"), key.WithHelp("fields", "scope: ip: role: env: by: expires:<30d")),
	}
}

type detailKeys struct {
	scroll.Keys
	Back key.Binding
}

func newDetailKeys() detailKeys {
	k := detailKeys{
		Keys: scroll.NewKeys(),
		Back: key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "back")),
	}
	// A text has a top and a bottom; with nothing to mark, space reads on.
	k.PageDown.SetKeys("pgdown", "ctrl+f", " ")
	k.Top.SetHelp("g", "top")
	k.Bottom.SetHelp("G", "bottom")
	return k
}

type confirmKeys struct {
	Yes, No, Others key.Binding
}

// newConfirmKeys are y and n/esc; yes and no say what each does. Others
// (o) is the way out of revoking the admin token in use along with others.
func newConfirmKeys(yes, no string) confirmKeys {
	return confirmKeys{
		Yes:    key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", yes)),
		No:     key.NewBinding(key.WithKeys("n", "N", "esc", "q"), key.WithHelp("n/esc", no)),
		Others: key.NewBinding(key.WithKeys("o", "O"), key.WithHelp("o", "only the others")),
	}
}

type resultKeys struct {
	Close key.Binding
}

func newResultKeys() resultKeys {
	return resultKeys{
		Close: key.NewBinding(key.WithKeys("enter", "esc", "q", " "), key.WithHelp("enter/esc", "close")),
	}
}

// helpKeyMap is what the help view draws: built per frame from the focused
// pane's bindings and the global ones.
type helpKeyMap struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h helpKeyMap) ShortHelp() []key.Binding  { return h.short }
func (h helpKeyMap) FullHelp() [][]key.Binding { return h.full }
