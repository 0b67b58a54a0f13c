package form

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
)

type nameField struct {
	input textinput.Model
	max   int
}

func newNameField(cat client.Catalog) nameField {
	in := newInput("")
	in.Placeholder = "e.g. ci-deploy"
	if !cat.NameRequired {
		in.Placeholder = "optional, e.g. ci-deploy"
	}
	// No CharLimit: the person sees "260/255" turn red rather than keys
	// silently doing nothing.
	return nameField{input: in, max: cat.NameMaxLen}
}

// newInput is a text input in the form's style. The cursor does not blink:
// a blinking cursor is a stream of tick messages the root would have to
// route, for nothing.
func newInput(prompt string) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.PromptStyle = theme.FormInputPrompt
	in.PlaceholderStyle = theme.FormHint
	in.Cursor.SetMode(cursor.CursorStatic)
	// tab belongs to the form (next field), not to completion.
	in.KeyMap.AcceptSuggestion = key.NewBinding(key.WithDisabled())
	return in
}

func (m *Model) updateName(msg tea.KeyMsg) tea.Cmd {
	if keyMatches(msg, m.keys.Enter) {
		m.setFocus(m.focus + 1)
		return nil
	}
	before := m.name.input.Value()
	var cmd tea.Cmd
	m.name.input, cmd = m.name.input.Update(msg)
	if m.name.input.Value() != before {
		m.edited(secName)
	}
	return cmd
}

// value is the name as it will be sent: surrounding spaces trimmed.
func (f nameField) value() string { return strings.TrimSpace(f.input.Value()) }

func (f nameField) length() int { return utf8.RuneCountInString(f.value()) }

// counter is "12/255", coloured as the limit nears and passes.
func (f nameField) counter() string {
	if f.max <= 0 {
		return ""
	}
	n := f.length()
	text := fmt.Sprintf("%d/%d", n, f.max)
	switch {
	case n > f.max:
		return theme.FormError.Render(text)
	case n*10 >= f.max*9:
		return theme.FormWarn.Render(text)
	}
	return theme.FormHint.Render(text)
}

// nameSummary is the name on the section's line; with counter, its
// length too (the focused section shows it in its body instead).
func (m Model) nameSummary(counter bool) string {
	v := m.name.value()
	if v == "" {
		v = theme.FormHint.Render("(none)")
	}
	if c := m.name.counter(); c != "" && counter {
		v += "  " + c
	}
	return v
}

func (m Model) nameBody(width, height int) []string {
	lines := []string{m.name.input.View()}
	if c := m.name.counter(); c != "" {
		lines = append(lines, c+theme.FormHint.Render(" characters"))
	}
	return lines
}
