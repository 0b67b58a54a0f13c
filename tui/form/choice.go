package form

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
)

// allID is the "every project" / "every environment" value of Unleash.
const allID = "*"

// choiceItem is one option of a single- or multi-choice list.
type choiceItem struct {
	id       string
	label    string
	desc     string
	disabled string // why it cannot be picked; empty: it can
}

// choiceField is a radio list (role/type, environment) or a checklist
// (projects) where allID excludes the specific options.
type choiceField struct {
	label  string
	items  []choiceItem
	multi  bool
	picked map[string]bool
	cursor int // index into the visible items
	offset int
	note   string
}

func newRoleField(cat client.Catalog) choiceField {
	f := choiceField{label: cat.RoleLabel, picked: map[string]bool{}}
	if f.label == "" {
		f.label = "Role"
	}
	for _, r := range cat.Roles {
		it := choiceItem{id: r.Name, label: client.Sanitize(r.Name), desc: client.Sanitize(r.Description)}
		if !r.Creatable {
			it.disabled = client.Sanitize(r.Reason)
			if it.disabled == "" {
				it.disabled = "cannot be created here"
			}
		}
		f.items = append(f.items, it)
	}
	// No role is picked for the person: the least-privileged choice depends
	// on what the token is for, and a default would be a silent grant.
	return f
}

func newProjectField(cat client.Catalog) choiceField {
	f := choiceField{label: "Projects", multi: true, picked: map[string]bool{}}
	if len(cat.Projects) == 0 {
		return f
	}
	f.items = append(f.items, choiceItem{id: allID, label: "all projects (*)", desc: "every project, including future ones"})
	for _, p := range cat.Projects {
		if p.ID == allID {
			continue // offered above
		}
		f.items = append(f.items, optionItem(p))
	}
	if len(cat.Projects) == 1 && cat.Projects[0].ID != allID {
		// One project: picking it is the least privilege, and saves a step.
		f.picked[cat.Projects[0].ID] = true
	}
	return f
}

func newEnvironmentField(cat client.Catalog) choiceField {
	f := choiceField{label: "Environment", picked: map[string]bool{}}
	for _, e := range cat.Environments {
		it := optionItem(e)
		if e.ID == allID && it.label == allID {
			it.label = "all environments (*)"
		}
		f.items = append(f.items, it)
	}
	return f
}

func optionItem(o client.Option) choiceItem {
	label := o.Label
	if label == "" || label == o.ID {
		label = o.ID
	} else {
		label = o.Label + " (" + o.ID + ")"
	}
	// Loaded from the server: the provider sanitised it, and so do we,
	// for display only (the id is sent as the server spelled it).
	return choiceItem{id: o.ID, label: client.Sanitize(label), desc: client.Sanitize(o.Description)}
}

// noAllEnvironments: Unleash refuses "*" for client tokens ("Client token
// cannot be scoped to all environments", observed on 8.2.0), and backend
// tokens are client tokens under another name. The catalog has no field for
// this, so the form knows the two type names.
var noAllEnvironments = map[string]bool{"client": true, "backend": true}

// visible returns the items of f shown now; for the environment, "*" goes
// away for the types that cannot use it.
func (m Model) visible(sec section) []choiceItem {
	f := m.choice(sec)
	if sec != secEnvironment || !noAllEnvironments[strings.ToLower(m.pickedRole())] {
		return f.items
	}
	var out []choiceItem
	for _, it := range f.items {
		if it.id != allID {
			out = append(out, it)
		}
	}
	return out
}

func (m *Model) choice(sec section) *choiceField {
	switch sec {
	case secOwner:
		return &m.owner
	case secRole:
		return &m.role
	case secProjects:
		return &m.projects
	case secEnvironment:
		return &m.env
	}
	panic("form: not a choice section") // programming error, carries no data
}

func (m Model) pickedRole() string        { return m.role.first() }
func (m Model) pickedEnvironment() string { return m.env.first() }

// first is the picked id of a radio list, "" if none.
func (f choiceField) first() string {
	for _, it := range f.items {
		if f.picked[it.id] {
			return it.id
		}
	}
	return ""
}

// chosen lists picked ids in catalog order.
func (f choiceField) chosen() []string {
	var out []string
	for _, it := range f.items {
		if f.picked[it.id] {
			out = append(out, it.id)
		}
	}
	return out
}

func (m *Model) updateRole(msg tea.KeyMsg) {
	if m.updateChoice(secRole, msg) {
		m.dropHiddenEnvironment()
	}
}

func (m *Model) updateProjects(msg tea.KeyMsg) { m.updateChoice(secProjects, msg) }

func (m *Model) updateEnvironment(msg tea.KeyMsg) { m.updateChoice(secEnvironment, msg) }

// dropHiddenEnvironment un-picks "*" when the new type cannot use it, and
// says so rather than dropping it silently.
func (m *Model) dropHiddenEnvironment() {
	if !m.env.picked[allID] {
		return
	}
	for _, it := range m.visible(secEnvironment) {
		if it.id == allID {
			return
		}
	}
	delete(m.env.picked, allID)
	m.env.note = "all environments (*) is not allowed for " + m.pickedRole() + " tokens; pick one"
	m.env.cursor = 0
}

// updateChoice moves the cursor or picks; it reports whether the picks
// changed.
func (m *Model) updateChoice(sec section, msg tea.KeyMsg) bool {
	f := m.choice(sec)
	items := m.visible(sec)
	k := m.keys
	if c, moved := m.navigate(f.cursor, len(items), msg); moved {
		f.cursor = c
		return false
	}
	switch {
	case keyMatches(msg, k.Toggle), keyMatches(msg, k.Enter):
		if f.cursor < 0 || f.cursor >= len(items) {
			return false
		}
		it := items[f.cursor]
		if it.disabled != "" {
			f.note = it.label + " cannot be picked: " + it.disabled
			return false
		}
		f.note = ""
		switch {
		case !f.multi:
			f.picked = map[string]bool{it.id: true}
		case f.picked[it.id]:
			delete(f.picked, it.id)
		case it.id == allID:
			// "all" and specific projects exclude each other: a token for
			// every project that also lists two would read as narrower
			// than it is.
			f.picked = map[string]bool{allID: true}
		default:
			delete(f.picked, allID)
			f.picked[it.id] = true
		}
		m.edited(sec)
		return true
	}
	return false
}

func (m Model) choiceSummary(sec section) string {
	if sec == secRole && m.roleFromOwner() {
		return m.roleFromOwnerSummary()
	}
	f := *m.choice(sec)
	var labels []string
	for _, it := range f.items {
		if f.picked[it.id] {
			labels = append(labels, it.label)
		}
	}
	if len(labels) == 0 {
		return theme.FormHint.Render("(none)")
	}
	return strings.Join(labels, ", ")
}

func (m Model) choiceBody(sec section, width, height int) []string {
	f := *m.choice(sec)
	items := m.visible(sec)
	lines := m.choiceHeader(sec, width)
	listH := height - len(lines)
	if listH <= 0 {
		return clip(lines, height)
	}
	offset := scrollOffset(f.offset, f.cursor, len(items), listH)
	for i := offset; i < min(len(items), offset+listH); i++ {
		lines = append(lines, m.choiceRow(f, items[i], i == f.cursor, width))
	}
	return lines
}

// choiceHeader is the note above the list: what the last key did, or why
// the option under the cursor cannot be picked (its row is cut to fit; this
// says it in full).
func (m Model) choiceHeader(sec section, width int) []string {
	f := m.choice(sec)
	if f.note != "" {
		return wrapLines(theme.FormWarn, f.note, width, 3)
	}
	items := m.visible(sec)
	if f.cursor >= 0 && f.cursor < len(items) && items[f.cursor].disabled != "" {
		it := items[f.cursor]
		return wrapLines(theme.FormHint, it.label+" cannot be picked: "+it.disabled, width, 3)
	}
	return nil
}

func (m Model) choiceRow(f choiceField, it choiceItem, atCursor bool, width int) string {
	mark := "( )"
	if f.multi {
		mark = "[ ]"
	}
	if f.picked[it.id] {
		mark = "(•)"
		if f.multi {
			mark = "[x]"
		}
		mark = theme.FormChecked.Render(mark)
	}
	labelW := 0
	for _, x := range f.items {
		labelW = max(labelW, len(x.label))
	}
	labelW = min(labelW, max(width/3, 10))
	var text string
	if it.disabled != "" {
		text = theme.FormDisabled.Render(mark + " " + padRight(it.label, labelW) + "  not available: " + it.disabled)
	} else {
		text = mark + " " + padRight(it.label, labelW) + "  " + theme.FormDesc.Render(it.desc)
	}
	return cursorLine(text, atCursor, width)
}
