package scroll

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

func TestMove(t *testing.T) {
	k := NewKeys()
	for _, c := range []struct {
		msg  tea.KeyMsg
		want int
		ok   bool
	}{
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")}, 11, true},
		{tea.KeyMsg{Type: tea.KeyUp}, 9, true},
		{tea.KeyMsg{Type: tea.KeyPgDown}, 15, true},
		{tea.KeyMsg{Type: tea.KeyCtrlB}, 5, true},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("g")}, 0, true},
		{tea.KeyMsg{Type: tea.KeyEnd}, 99, true},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")}, 10, false},
	} {
		if got, ok := k.Move(c.msg, 10, 5, 99); got != c.want || ok != c.ok {
			t.Errorf("%s: Move = %d, %v; want %d, %v", c.msg, got, ok, c.want, c.ok)
		}
	}
	if !k.Paged(tea.KeyMsg{Type: tea.KeyPgUp}) || k.Paged(tea.KeyMsg{Type: tea.KeyDown}) {
		t.Error("Paged is wrong about pgup or down")
	}
}
