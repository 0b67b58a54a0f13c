package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// In the all-profiles table, a profile without a list — still loading, or
// failed — is a line above the table: its name, its provider and what went
// wrong, while the other profiles' tokens are listed below as usual. ↑ on
// the first row (or ↓/↑ with no rows) selects these lines; r then retries
// just the profile selected (r in the table reloads every profile), and
// the detail pane shows its error in full.

// problemKeys act on the selected line.
type problemKeys struct {
	Up, Down, Retry, Details, Back key.Binding
}

func newProblemKeys() problemKeys {
	return problemKeys{
		Up:    key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:  key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Retry: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry this profile")),
		// The detail pane says it too, where the screen has room for it.
		Details: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "its error in full")),
		Back:    key.NewBinding(key.WithKeys("esc", "tab", "shift+tab"), key.WithHelp("esc", "back to the table")),
	}
}

// problems are the sources without a list, in profile order: the lines.
func (m *Model) problems() []int {
	if m.all == nil {
		return nil
	}
	var out []int
	for i := range m.all.sources {
		if s := &m.all.sources[i]; s.loading && !s.loaded() || s.err != nil {
			out = append(out, i)
		}
	}
	return out
}

// maxProblemLines is how many lines the strip takes at most; more scroll
// with the selection.
const maxProblemLines = 4

// problemsHeight is the lines the strip takes above the table; 0 when
// every profile has a list.
func (m *Model) problemsHeight() int {
	return min(len(m.problems()), maxProblemLines)
}

// problemsView is the strip, width cells wide.
func (m *Model) problemsView(width int, focused bool) string {
	ps := m.problems()
	if len(ps) == 0 {
		return ""
	}
	sel := -1
	if focused {
		sel = m.all.problem
	}
	first := 0
	if pos := indexOfInt(ps, sel); pos >= maxProblemLines {
		first = pos - maxProblemLines + 1
	}
	var lines []string
	for _, i := range ps[first:min(first+maxProblemLines, len(ps))] {
		lines = append(lines, m.problemLine(i, i == sel, width))
	}
	return strings.Join(lines, "\n") + "\n"
}

// problemLine is one profile's line: "✗ prod · Border0  cannot reach the
// server: … · r retries".
func (m *Model) problemLine(i int, selected bool, width int) string {
	s := &m.all.sources[i]
	p := m.opts.Profiles[i]
	mark, what, style := "✗", "", theme.ErrorText
	switch {
	case s.loading:
		mark, what, style = "◌", "loading…", theme.Muted
	case s.err != nil:
		what = client.Scrub(client.Sanitize(firstLine(s.err.Error())))
	}
	gutter := "  "
	if selected {
		gutter = theme.CursorMark.Render("▌") + " "
	}
	text := mark + " " + ProfileLabel(p) + "  " + what
	if !s.loading && width > 60 {
		text = ansi.Truncate(text, width-2-len(" · r retries"), "…") + " · r retries"
	}
	return gutter + theme.Visible(style, tokenfmt.Fit(text, width-2))
}

// firstLine is s up to its first line break.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func indexOfInt(xs []int, x int) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// focusProblems selects the last line of the strip (from the table's
// first row, moving up), or the first.
func (m Model) focusProblemsAt(last bool) Model {
	ps := m.problems()
	if len(ps) == 0 {
		return m
	}
	inv := *m.all
	inv.problem = ps[0]
	if last {
		inv.problem = ps[len(ps)-1]
	}
	m.all = &inv
	m.focus = focusProblems
	m.relayout()
	return m
}

// wantsProblems reports whether a key in the table moves into the strip:
// ↑ on the first row, or ↑/↓ with no rows.
func (m *Model) wantsProblems(msg tea.KeyMsg) bool {
	if m.all == nil || len(m.problems()) == 0 {
		return false
	}
	k := m.problemKeys
	up := key.Matches(msg, k.Up)
	return up && m.table.Cursor() == 0 || m.table.RowCount() == 0 && (up || key.Matches(msg, k.Down))
}

// onProblemsKey moves in the strip, retries the profile selected, or goes
// back to the table. The keys that do not need a token (create, filter)
// work as in the table.
func (m Model) onProblemsKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	ps := m.problems()
	pos := indexOfInt(ps, m.all.problem)
	k := m.problemKeys
	switch {
	case len(ps) == 0, key.Matches(msg, k.Back), key.Matches(msg, k.Down) && pos == len(ps)-1 && m.table.RowCount() > 0:
		m.focus = focusTable
		m.relayout()
		return m, nil
	case key.Matches(msg, k.Up):
		m = m.selectProblem(ps[max(pos-1, 0)])
	case key.Matches(msg, k.Down):
		m = m.selectProblem(ps[min(pos+1, len(ps)-1)])
	case key.Matches(msg, k.Retry):
		return m.retrySource(m.all.problem)
	case key.Matches(msg, k.Details):
		m.overlay = m.problemNotice(m.all.problem)
		m.relayout()
		return m, nil
	case key.Matches(msg, m.tableKeys.New), key.Matches(msg, m.tableKeys.Filter):
		m.focus = focusTable
		next, cmd, _ := m.onActionKey(msg)
		return next, cmd
	}
	return m, nil
}

func (m Model) selectProblem(i int) Model {
	inv := *m.all
	inv.problem = i
	m.all = &inv
	return m
}

// retrySource loads one profile again: the one the strip has selected.
func (m Model) retrySource(i int) (tea.Model, tea.Cmd) {
	if i < 0 || i >= len(m.all.sources) || m.all.sources[i].loading {
		return m, nil
	}
	p := m.opts.Profiles[i]
	m.status = busyStatus("retrying " + p.Name + "…")
	inv := *m.all
	inv.announce = true
	m.all = &inv
	var cmd tea.Cmd
	m, cmd = m.loadSource(i)
	m.relayout()
	return m, tea.Batch(cmd, m.spinner.Tick)
}

// problemNotice says what problemDetail says, in a dialog: at 80x24 the
// detail pane is not beside the table.
func (m *Model) problemNotice(i int) *notice {
	s, p := &m.all.sources[i], m.opts.Profiles[i]
	lines := []string{"URL: " + client.Sanitize(p.URL), "Token from: " + client.Sanitize(p.TokenSource())}
	switch {
	case s.loading:
		lines = append(lines, "Still loading.")
	case s.err != nil:
		lines = append(lines, client.Scrub(client.Sanitize(s.err.Error())))
	}
	return newNotice(ProfileLabel(p), append(lines, "r retries this profile; the others stay as they are."))
}

// problemDetail is the detail pane for the profile selected in the strip:
// where it is, where its token comes from, and what went wrong, in full.
func (m *Model) problemDetail(width int) []string {
	i := m.all.problem
	if i < 0 || i >= len(m.all.sources) {
		return nil
	}
	s, p := &m.all.sources[i], m.opts.Profiles[i]
	lines := wrapStyled(theme.PaneTitle, ProfileLabel(p), width)
	field := func(label, value string, style func(...string) string) {
		for j, l := range strings.Split(ansi.Wrap(client.Sanitize(value), max(width-labelWidth, 8), " /"), "\n") {
			if j > 0 {
				label = ""
			}
			lines = append(lines, theme.FieldLabel.Render(tokenfmt.Fit(label, labelWidth))+style(l))
		}
	}
	field("Profile", p.Name, theme.FieldValue.Render)
	field("URL", p.URL, theme.FieldValue.Render)
	field("Token from", p.TokenSource(), theme.FieldValue.Render)
	switch {
	case s.loading:
		field("State", "loading…", theme.Muted.Render)
	case s.err != nil:
		field("Error", client.Scrub(s.err.Error()), theme.ErrorText.Render)
	}
	lines = append(lines, "", theme.Muted.Render(tokenfmt.Fit("r retries this profile; the others stay as they are", width)))
	return lines
}
