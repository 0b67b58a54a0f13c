package form

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/theme"
)

type reviewField struct{ offset int }

// writeActions are the scope suffixes that change something (GoodAccess
// spells every permission "<area>.<action>").
var writeActions = map[string]bool{"create": true, "update": true, "delete": true, "disconnect": true, "add": true}

// mintScope lets a token create tokens: a leak of it is a leak of
// everything the admin can grant.
const mintScope = "token.create"

// warnings are the least-privilege findings about what will be created.
// They inform; submitting never requires clearing them.
func (m Model) warnings() []string {
	var out []string
	if name := m.name.value(); name != "" && m.opts.NameTaken != nil && m.opts.NameTaken(name) {
		out = append(out, fmt.Sprintf("a token named %q exists already: two of one name are easy to mix up (and to revoke the wrong one)", name))
	}
	if m.has(secExpiry) {
		if t, err := m.expiresAt(); err == nil && t.IsZero() {
			out = append(out, "never expires: a leaked token would work until someone revokes it")
		}
	}
	if m.has(secIPs) && len(m.ips.entries) == 0 {
		out = append(out, "no IP restriction: any address can use it")
	}
	for _, e := range m.ips.entries {
		if e.prefix.Bits() == 0 {
			out = append(out, e.value+" allows every "+family(e.prefix.Addr())+" address")
		}
	}
	var writes []string
	mint := false
	for _, s := range m.scopes.chosen() {
		if s == mintScope {
			mint = true
			continue
		}
		if i := strings.LastIndexByte(s, '.'); i >= 0 && writeActions[s[i+1:]] {
			writes = append(writes, s)
		}
	}
	if len(writes) > 0 {
		out = append(out, fmt.Sprintf("can change data (%d write/delete scope%s): %s", len(writes), plural(len(writes)), strings.Join(writes, ", ")))
	}
	if mint {
		out = append(out, "can mint tokens (token.create): whoever holds it can create more tokens")
	}
	if strings.EqualFold(m.pickedRole(), "admin") && !m.roleFromOwner() {
		out = append(out, "admin role: full privileges over the account")
	}
	if m.projects.picked[allID] {
		out = append(out, "all projects (*): includes every project created later")
	}
	if m.env.picked[allID] {
		out = append(out, "all environments (*): production included")
	}
	return out
}

// problems are what stops the token from being created now, each with its
// field's name, in form order: the form's own checks, then the server's.
func (m Model) problems() []string {
	local := m.validate()
	var out []string
	for _, sec := range m.sections {
		e := local[sec]
		if e == "" {
			e = m.serverErrs[sec]
		}
		if e != "" {
			out = append(out, m.label(sec)+": "+e)
		}
	}
	return out
}

func (m Model) reviewSummary() string {
	if n := len(m.problems()); n > 0 {
		style := theme.FormWarn // not yet an error: nothing was tried
		if m.triedSubmit {
			style = theme.FormError
		}
		return style.Render(fmt.Sprintf("%d to fix before creating", n))
	}
	if n := len(m.warnings()); n > 0 {
		return theme.FormWarn.Render(fmt.Sprintf("%d warning%s", n, plural(n)))
	}
	return theme.FormOK.Render("least privilege ✓")
}

// reviewLines is the whole review, wrapped to width; the body scrolls it.
func (m Model) reviewLines(width int) []string {
	var lines []string
	row := func(label, value string) {
		lines = append(lines, wrapLines(theme.FormValue, padRight(label, labelWidth)+value, width, 50)...)
	}
	problems := m.problems()
	if len(problems) > 0 {
		lines = append(lines, theme.FormError.Render("Cannot create it yet:"))
		for _, p := range problems {
			lines = append(lines, wrapLines(theme.FormError, "✗ "+p, width, 5)...)
		}
		lines = append(lines, "")
	}
	name := m.name.value()
	if name == "" {
		name = "(none)"
	}
	row("Name", name)
	if m.has(secScopes) {
		row("Scopes", fmt.Sprintf("%d of %d", m.scopes.count(), m.scopes.total))
		for g := range m.scopes.groups {
			var picked []string
			for _, s := range m.scopes.groups[g].Scopes {
				if m.scopes.selected[s.Name] {
					picked = append(picked, s.Name)
				}
			}
			if len(picked) > 0 {
				lines = append(lines, wrapLines(theme.FormDesc, "  "+m.scopes.groups[g].Name+": "+strings.Join(picked, ", "), width, 50)...)
			}
		}
	}
	for _, sec := range []section{secOwner, secRole, secProjects, secEnvironment} {
		if m.has(sec) {
			row(m.label(sec), ansiStrip(m.choiceSummary(sec)))
		}
	}
	if t, err := m.expiresAt(); err != nil {
		row("Expires", "not valid: "+err.Error())
	} else if t.IsZero() {
		row("Expires", "never")
	} else {
		local := t.In(m.opts.Location)
		row("Expires", fmt.Sprintf("%s (%s)", formatLocal(local), relative(t.Sub(m.opts.Now()))))
	}
	if m.has(secIPs) {
		if len(m.ips.entries) == 0 {
			row("Allowed IPs", "any")
		} else {
			row("Allowed IPs", strings.Join(m.ips.values(), ", "))
		}
	}
	lines = append(lines, "")
	if ws := m.warnings(); len(ws) > 0 {
		lines = append(lines, theme.FormWarn.Render("Least privilege:"))
		for _, w := range ws {
			lines = append(lines, wrapLines(theme.FormWarn, "⚠ "+w, width, 5)...)
		}
	} else {
		lines = append(lines, theme.FormOK.Render("✓ nothing to warn about"))
	}
	for _, n := range m.prefillNote {
		lines = append(lines, wrapLines(theme.FormWarn, "⚠ from the original: "+n, width, 5)...)
	}
	if len(problems) > 0 {
		lines = append(lines, theme.FormHint.Render("fix the problems above first: shift+tab goes back to them"))
	} else {
		lines = append(lines, theme.FormHint.Render("enter or ctrl+s creates it"))
	}
	return lines
}

func (m Model) reviewBody(width, height int) []string {
	lines := m.reviewLines(width)
	off := min(m.review.offset, max(0, len(lines)-height))
	return clip(lines[off:], height)
}

func (m *Model) updateReview(msg tea.KeyMsg) tea.Cmd {
	switch {
	case keyMatches(msg, m.keys.Up):
		m.review.offset = max(0, m.review.offset-1)
	case keyMatches(msg, m.keys.Down):
		m.review.offset++ // clamped by keepCursorsVisible
	case keyMatches(msg, m.keys.Enter):
		var cmd tea.Cmd
		*m, cmd = m.submit()
		return cmd
	}
	return nil
}
