package form

import tea "github.com/charmbracelet/bubbletea"

// navigate applies a movement key (up, down, page, top, bottom) to a cursor
// over n rows, the same way in every list of the form. moved is false when
// msg is not a movement key, so the caller handles it.
func (m Model) navigate(cursor, n int, msg tea.KeyMsg) (next int, moved bool) {
	k := m.keys
	last := max(0, n-1)
	switch {
	case keyMatches(msg, k.Up):
		return max(0, cursor-1), true
	case keyMatches(msg, k.Down):
		return min(last, cursor+1), true
	case keyMatches(msg, k.PageUp):
		return max(0, cursor-m.bodyHeight()+1), true
	case keyMatches(msg, k.PageDown):
		return min(last, cursor+m.bodyHeight()-1), true
	case keyMatches(msg, k.Top):
		return 0, true
	case keyMatches(msg, k.Bottom):
		return last, true
	}
	return cursor, false
}
