package reveal

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the dialog's keys; it implements help.KeyMap for the root's help
// view. Which keys are enabled depends on the dialog's state.
type KeyMap struct {
	Copy    key.Binding
	Toggle  key.Binding
	Plain   key.Binding // the secret alone on the screen, for the mouse
	Close   key.Binding
	Quit    key.Binding
	Confirm key.Binding
	Back    key.Binding
}

func defaultKeys() KeyMap {
	return KeyMap{
		Copy:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy again")),
		Toggle: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "hide/show")),
		Plain:  key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "plain, to select")),
		Close:  key.NewBinding(key.WithKeys("enter", "esc"), key.WithHelp("enter/esc", "close")),
		// q and ctrl+c quit tokentui from here too, asking first exactly
		// when closing would.
		Quit:    key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Confirm: key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes, lose the secret"), key.WithDisabled()),
		Back:    key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "back"), key.WithDisabled()),
	}
}

// confirming switches between the dialog's keys and the confirmation's.
func (k *KeyMap) confirming(on bool) {
	k.Copy.SetEnabled(!on)
	k.Toggle.SetEnabled(!on)
	k.Plain.SetEnabled(!on)
	k.Close.SetEnabled(!on)
	k.Quit.SetEnabled(!on)
	k.Confirm.SetEnabled(on)
	k.Back.SetEnabled(on)
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Copy, k.Toggle, k.Plain, k.Close, k.Quit, k.Confirm, k.Back}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }
