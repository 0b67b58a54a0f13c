package form

import "github.com/charmbracelet/bubbles/key"

// KeyMap is every key of the form. It implements help.KeyMap; the copy that
// Model.KeyMap returns lists only what works in the focused section.
type KeyMap struct {
	Next   key.Binding
	Prev   key.Binding
	Submit key.Binding
	Cancel key.Binding

	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding

	Toggle      key.Binding // space: check a scope, pick an option
	ToggleGroup key.Binding // a: a whole scope group
	Filter      key.Binding // /: filter scopes
	Collapse    key.Binding
	Expand      key.Binding
	Enter       key.Binding // fold a group, apply a preset, add an IP, ...

	Remove key.Binding // d: an allowed IP
	Undo   key.Binding // u: the selection a preset replaced

	Yes key.Binding
	No  key.Binding

	short []key.Binding
	full  [][]key.Binding
}

// DefaultKeyMap returns the form's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Next:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
		Submit: key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "create")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),

		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("home", "first")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end", "last")),

		Toggle:      key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "toggle")),
		ToggleGroup: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "toggle group")),
		Filter:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Collapse:    key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←", "fold group")),
		Expand:      key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→", "unfold group")),
		Enter:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "select")),

		Remove: key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", "remove")),
		Undo:   key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo preset")),

		Yes: key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "discard")),
		No:  key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "keep editing")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return k.short }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding { return k.full }

// withHelp returns b with another description (the same key does different
// things in different sections).
func withHelp(b key.Binding, keys, desc string) key.Binding {
	b.SetHelp(keys, desc)
	return b
}

// KeyMap returns the keys for the root's help view, for the focused section.
func (m Model) KeyMap() KeyMap {
	k := m.keys
	global := []key.Binding{k.Next, k.Submit, k.Cancel}
	var local []key.Binding
	switch {
	case m.confirmCancel:
		k.short = []key.Binding{k.Yes, k.No}
		k.full = [][]key.Binding{k.short}
		return k
	case m.submitting:
		k.short, k.full = nil, nil
		return k
	}
	switch m.focused() {
	case secName:
		local = []key.Binding{withHelp(k.Enter, "enter", "next field")}
	case secScopes:
		if m.scopes.filtering {
			local = []key.Binding{withHelp(k.Enter, "enter", "done filtering"), withHelp(k.Cancel, "esc", "clear filter")}
			global = []key.Binding{k.Next, k.Submit}
			break
		}
		local = []key.Binding{k.Up, k.Down, withHelp(k.Toggle, "space", "toggle"), k.ToggleGroup, k.Filter,
			withHelp(k.Collapse, "←/→", "fold"), withHelp(k.Enter, "enter", "fold/apply preset")}
		if m.scopes.undo != nil {
			local = append([]key.Binding{k.Undo}, local...)
		}
		if m.scopes.filter.Value() != "" {
			global = []key.Binding{k.Next, k.Submit, withHelp(k.Cancel, "esc", "clear filter")}
		}
	case secOwner, secRole, secEnvironment:
		local = []key.Binding{k.Up, k.Down, withHelp(k.Toggle, "space", "pick")}
	case secProjects:
		local = []key.Binding{k.Up, k.Down, withHelp(k.Toggle, "space", "toggle")}
	case secExpiry:
		local = []key.Binding{withHelp(k.Up, "↑", "up"), withHelp(k.Down, "↓", "down"), withHelp(k.Toggle, "space", "pick")}
	case secIPs:
		local = []key.Binding{withHelp(k.Enter, "enter", "add"), withHelp(k.Down, "↓", "select"), k.Remove}
	case secReview:
		local = []key.Binding{withHelp(k.Up, "↑", "scroll"), withHelp(k.Enter, "enter", "create")}
		if len(m.problems()) > 0 {
			local = local[:1]
		}
	}
	k.short = append(local, global...)
	k.full = [][]key.Binding{local, {k.Next, k.Prev, k.Submit, k.Cancel}}
	return k
}
