package form

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
)

// scopeField is the grouped scope checklist (GoodAccess).
type scopeField struct {
	groups    []client.ScopeGroup
	presets   []client.Preset
	total     int
	nameWidth int // the widest scope name, for the description column

	selected  map[string]bool
	collapsed []bool // per group
	filter    textinput.Model
	filtering bool // the filter input has the keys

	cursor int // index into rows()
	offset int // first row drawn
	note   string
	// undo is the selection a preset replaced, while u can bring it back.
	undo map[string]bool
}

type rowKind int

const (
	rowPreset rowKind = iota
	rowGroup
	rowScope
)

// row is one line of the checklist. Rows are recomputed from the state on
// every use: 52 scopes make that cheaper than keeping them in sync.
type row struct {
	kind  rowKind
	index int // preset index, or group index
	scope int // scope index within the group, for rowScope
}

func newScopeField(cat client.Catalog) scopeField {
	f := scopeField{
		groups:    cat.ScopeGroups,
		presets:   cat.Presets,
		selected:  map[string]bool{},
		collapsed: make([]bool, len(cat.ScopeGroups)),
		filter:    newInput("/ "),
	}
	f.filter.Placeholder = "filter by name or description"
	for i, g := range cat.ScopeGroups {
		// Folded at first: ten group headers with "0/6" fit on any screen
		// and show the whole catalog at a glance.
		f.collapsed[i] = true
		for _, s := range g.Scopes {
			f.total++
			f.nameWidth = max(f.nameWidth, len(s.Name))
		}
	}
	return f
}

func (f scopeField) count() int {
	n := 0
	for _, g := range f.groups {
		for _, s := range g.Scopes {
			if f.selected[s.Name] {
				n++
			}
		}
	}
	return n
}

// chosen lists the selected scopes in catalog order.
func (f scopeField) chosen() []string {
	var out []string
	for _, g := range f.groups {
		for _, s := range g.Scopes {
			if f.selected[s.Name] {
				out = append(out, s.Name)
			}
		}
	}
	return out
}

func (f scopeField) matches(s client.Scope) bool {
	q := strings.ToLower(strings.TrimSpace(f.filter.Value()))
	if q == "" {
		return true
	}
	return strings.Contains(strings.ToLower(s.Name), q) || strings.Contains(strings.ToLower(s.Description), q)
}

// visibleScopes are a group's scopes that pass the filter.
func (f scopeField) visibleScopes(g int) []int {
	var out []int
	for i, s := range f.groups[g].Scopes {
		if f.matches(s) {
			out = append(out, i)
		}
	}
	return out
}

func (f scopeField) filtered() bool { return strings.TrimSpace(f.filter.Value()) != "" }

func (f scopeField) rows() []row {
	var rows []row
	if !f.filtered() {
		for i := range f.presets {
			rows = append(rows, row{kind: rowPreset, index: i})
		}
	}
	for g := range f.groups {
		vis := f.visibleScopes(g)
		if len(vis) == 0 {
			continue
		}
		rows = append(rows, row{kind: rowGroup, index: g})
		// A filter shows its matches whatever is folded: hiding a match
		// behind a fold would make the filter look broken.
		if f.collapsed[g] && !f.filtered() {
			continue
		}
		for _, s := range vis {
			rows = append(rows, row{kind: rowScope, index: g, scope: s})
		}
	}
	return rows
}

func (f scopeField) current() (row, bool) {
	rows := f.rows()
	if f.cursor < 0 || f.cursor >= len(rows) {
		return row{}, false
	}
	return rows[f.cursor], true
}

// moveTo puts the cursor on the row equal to r, if it is shown.
func (f *scopeField) moveTo(r row) {
	for i, x := range f.rows() {
		if x == r {
			f.cursor = i
			return
		}
	}
	f.clampCursor()
}

func (f *scopeField) clampCursor() {
	n := len(f.rows())
	f.cursor = max(0, min(f.cursor, n-1))
}

func (m *Model) updateScopes(msg tea.KeyMsg) {
	f := &m.scopes
	k := m.keys
	if f.filtering {
		switch {
		case keyMatches(msg, k.Cancel):
			r, _ := f.current()
			f.filter.SetValue("")
			f.filtering = false
			f.filter.Blur()
			f.keepAfterFilter(r)
		case msg.Type == tea.KeyEnter || msg.Type == tea.KeyDown || msg.Type == tea.KeyUp:
			f.filtering = false
			f.filter.Blur()
			f.cursor = firstScopeRow(f.rows())
		default:
			before := f.filter.Value()
			f.filter, _ = f.filter.Update(msg)
			if f.filter.Value() != before {
				f.cursor = firstScopeRow(f.rows())
			}
		}
		return
	}

	if c, moved := m.navigate(f.cursor, len(f.rows()), msg); moved {
		f.cursor = c
		return
	}
	r, ok := f.current()
	switch {
	case keyMatches(msg, k.Cancel): // only reached with a filter set
		f.filter.SetValue("")
		f.keepAfterFilter(r)
	case keyMatches(msg, k.Undo) && f.undo != nil:
		f.selected, f.undo = f.undo, nil
		f.note = fmt.Sprintf("undone: %d scope%s selected as before", f.count(), plural(f.count()))
		m.edited(secScopes)
	case keyMatches(msg, k.Filter):
		f.filtering = true
		f.filter.Focus()
	case !ok:
	case keyMatches(msg, k.ToggleGroup):
		if r.kind != rowPreset {
			m.toggleGroup(r.index, r)
		}
	case keyMatches(msg, k.Collapse):
		if r.kind != rowPreset && !f.filtered() {
			f.collapsed[r.index] = true
			f.moveTo(row{kind: rowGroup, index: r.index})
		}
	case keyMatches(msg, k.Expand):
		if r.kind != rowPreset {
			f.collapsed[r.index] = false
		}
	case keyMatches(msg, k.Toggle), keyMatches(msg, k.Enter):
		switch r.kind {
		case rowPreset:
			m.applyPreset(r.index)
		case rowScope:
			name := f.groups[r.index].Scopes[r.scope].Name
			f.selected[name] = !f.selected[name]
			f.note, f.undo = "", nil
			m.edited(secScopes)
		case rowGroup:
			if keyMatches(msg, k.Enter) {
				if !f.filtered() {
					f.collapsed[r.index] = !f.collapsed[r.index]
				}
			} else {
				m.toggleGroup(r.index, r)
			}
		}
	}
}

// keepAfterFilter puts the cursor back where it was when the filter goes:
// on the same scope (or its group, if that is folded), never on a preset
// that happens to be at the same position.
func (f *scopeField) keepAfterFilter(r row) {
	if r.kind == rowScope && f.collapsed[r.index] {
		r = row{kind: rowGroup, index: r.index}
	}
	for i, x := range f.rows() {
		if x == r {
			f.cursor = i
			return
		}
	}
	f.cursor = firstGroupRow(f.rows())
}

func firstGroupRow(rows []row) int {
	for i, r := range rows {
		if r.kind == rowGroup {
			return i
		}
	}
	return 0
}

func firstScopeRow(rows []row) int {
	for i, r := range rows {
		if r.kind == rowScope {
			return i
		}
	}
	return 0
}

// toggleGroup selects every shown scope of group g, or clears them all if
// they already are. With a filter set, "shown" means the matches only, so
// "/read" then a picks a group's read scopes.
func (m *Model) toggleGroup(g int, keep row) {
	if g < 0 {
		return
	}
	f := &m.scopes
	vis := f.visibleScopes(g)
	all := true
	for _, i := range vis {
		all = all && f.selected[f.groups[g].Scopes[i].Name]
	}
	for _, i := range vis {
		f.selected[f.groups[g].Scopes[i].Name] = !all
	}
	verb := "selected"
	if all {
		verb = "cleared"
	}
	f.note, f.undo = fmt.Sprintf("%s: %d scope%s %s", f.groups[g].Name, len(vis), plural(len(vis)), verb), nil
	m.edited(secScopes)
	f.moveTo(keep)
}

// applyPreset replaces the selection with the preset's scopes. Picks made
// by hand are not lost: u brings them back.
func (m *Model) applyPreset(i int) {
	f := &m.scopes
	p := f.presets[i]
	before, picked := f.selected, f.count()
	f.undo = nil
	if picked > 0 && !f.matchesAPreset() {
		f.undo = before
	}
	f.selected = map[string]bool{}
	var unknown []string
	for _, s := range p.Scopes {
		if !f.known(s) {
			unknown = append(unknown, s)
			continue
		}
		f.selected[s] = true
	}
	f.note = fmt.Sprintf("preset %s: %d scope%s selected", p.Name, f.count(), plural(f.count()))
	if f.undo != nil {
		f.note += fmt.Sprintf(" instead of your %d; u undoes", picked)
	}
	if len(unknown) > 0 {
		f.note += " (not in this server's catalog, skipped: " + strings.Join(unknown, ", ") + ")"
	}
	m.edited(secScopes)
}

func (f scopeField) known(name string) bool {
	for _, g := range f.groups {
		for _, s := range g.Scopes {
			if s.Name == name {
				return true
			}
		}
	}
	return false
}

// matchesAPreset reports whether the selection is exactly some preset:
// replacing it loses nothing a preset cannot give back.
func (f scopeField) matchesAPreset() bool {
	for i := range f.presets {
		if f.presetActive(i) {
			return true
		}
	}
	return false
}

// presetActive reports whether the selection is exactly preset i.
func (f scopeField) presetActive(i int) bool {
	want := map[string]bool{}
	for _, s := range f.presets[i].Scopes {
		if f.known(s) {
			want[s] = true
		}
	}
	if len(want) != f.count() {
		return false
	}
	for s := range want {
		if !f.selected[s] {
			return false
		}
	}
	return len(want) > 0
}

func (f scopeField) groupCount(g int) (selected, total int) {
	for _, s := range f.groups[g].Scopes {
		total++
		if f.selected[s.Name] {
			selected++
		}
	}
	return selected, total
}

func (m Model) scopeSummary() string {
	return fmt.Sprintf("%d of %d scopes", m.scopes.count(), m.scopes.total)
}

// scopeBody draws the filter line and as many rows as fit; only those rows
// are rendered.
func (m Model) scopeBody(width, height int) []string {
	f := m.scopes
	lines := m.scopeHeader()
	rows := f.rows()
	listH := height - len(lines)
	if listH <= 0 {
		return clip(lines, height)
	}
	offset := scrollOffset(f.offset, f.cursor, len(rows), listH)
	end := min(len(rows), offset+listH)
	for i := offset; i < end; i++ {
		lines = append(lines, m.scopeRow(rows[i], i == f.cursor && !f.filtering, width))
	}
	if len(rows) == 0 {
		lines = append(lines, theme.FormHint.Render("no scope matches"))
	}
	return lines
}

// scopeHeader is the line above the checklist: the filter, the last action,
// or a hint.
func (m Model) scopeHeader() []string {
	f := m.scopes
	var lines []string
	switch {
	case f.filtering || f.filtered():
		n := 0
		for g := range f.groups {
			n += len(f.visibleScopes(g))
		}
		lines = append(lines, f.filter.View()+theme.FormHint.Render(fmt.Sprintf("  %d match%s", n, pluralES(n))))
	case f.note != "":
		lines = append(lines, theme.FormOK.Render(f.note))
	default:
		lines = append(lines, theme.FormHint.Render("space toggle · a group · / filter · ←/→ fold · enter on a preset applies it"))
	}
	if f.undo != nil && f.note == "" {
		lines[0] = theme.FormHint.Render("u brings back the scopes the preset replaced")
	}
	return lines
}

func pluralES(n int) string {
	if n == 1 {
		return ""
	}
	return "es"
}

func (m Model) scopeRow(r row, atCursor bool, width int) string {
	f := m.scopes
	var text string
	switch r.kind {
	case rowPreset:
		p := f.presets[r.index]
		mark := "◇"
		if f.presetActive(r.index) {
			mark = theme.FormChecked.Render("◆")
		}
		text = fmt.Sprintf("%s preset %s", mark, theme.FormGroup.Render(p.Name))
		if p.Description != "" {
			text += theme.FormDesc.Render(" — " + p.Description)
		}
	case rowGroup:
		sel, total := f.groupCount(r.index)
		fold := "▾"
		if f.collapsed[r.index] && !f.filtered() {
			fold = "▸"
		}
		count := fmt.Sprintf("%d/%d", sel, total)
		if sel > 0 {
			count = theme.FormChecked.Render(count)
		} else {
			count = theme.FormHint.Render(count)
		}
		groupW := 0
		for _, g := range f.groups {
			groupW = max(groupW, len(g.Name))
		}
		text = fmt.Sprintf("%s %s  %s", fold, theme.FormGroup.Render(padRight(f.groups[r.index].Name, groupW)), count)
	case rowScope:
		s := f.groups[r.index].Scopes[r.scope]
		box := "[ ]"
		if f.selected[s.Name] {
			box = theme.FormChecked.Render("[x]")
		}
		// The name is what the API takes: it gets its full width, and the
		// description is what gets cut.
		nameW := min(f.nameWidth, max(width-10, 12))
		name := padRight(ansi.Truncate(s.Name, nameW, "…"), nameW)
		text = fmt.Sprintf("  %s %s  %s", box, name, theme.FormDesc.Render(s.Description))
	}
	return cursorLine(text, atCursor, width)
}
