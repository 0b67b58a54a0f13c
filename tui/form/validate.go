package form

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/tokentui/tokentui/client"
)

// validate is the form's own check before anything is sent; it returns a
// message per section in error.
func (m Model) validate() map[section]string {
	errs := map[section]string{}
	n := m.name.length()
	switch {
	case n == 0 && m.cat.NameRequired:
		errs[secName] = "a name is required"
	case m.cat.NameMaxLen > 0 && n > m.cat.NameMaxLen:
		errs[secName] = fmt.Sprintf("too long: %d of at most %d characters", n, m.cat.NameMaxLen)
	}
	if m.has(secScopes) && m.scopes.count() == 0 {
		errs[secScopes] = "pick at least one scope (a preset is a good start)"
	}
	if m.has(secOwner) && !m.ownerPicked() {
		errs[secOwner] = "pick a " + strings.ToLower(m.owner.label)
	}
	if m.has(secRole) && !m.roleFromOwner() && m.pickedRole() == "" {
		errs[secRole] = "pick a " + strings.ToLower(m.role.label)
	}
	if m.has(secProjects) && len(m.projects.chosen()) == 0 {
		errs[secProjects] = "pick at least one project, or all projects (*)"
	}
	if m.has(secEnvironment) {
		env := m.pickedEnvironment()
		switch {
		case env == "":
			errs[secEnvironment] = "pick an environment"
		case !m.offered(secEnvironment, env):
			errs[secEnvironment] = env + " is not allowed for " + m.pickedRole() + " tokens"
		}
	}
	if _, err := m.expiresAt(); err != nil {
		errs[secExpiry] = err.Error()
	}
	if m.has(secIPs) {
		if v := strings.TrimSpace(m.ips.input.Value()); v != "" {
			// Never drop what was typed: either it goes in, or the person
			// clears it.
			errs[secIPs] = fmt.Sprintf("%q is typed but not added: press enter to add it, or clear it", v)
		}
	}
	return errs
}

func (m Model) offered(sec section, id string) bool {
	for _, it := range m.visible(sec) {
		if it.id == id {
			return true
		}
	}
	return false
}

// request is the create request; call only when validate is clean.
func (m Model) request() client.NewToken {
	req := client.NewToken{Name: m.name.value()}
	if m.has(secScopes) {
		req.Scopes = m.scopes.chosen()
	}
	if m.has(secOwner) {
		req.Owner = m.pickedOwner()
	}
	if m.has(secRole) && !m.roleFromOwner() {
		req.Role = m.pickedRole()
	}
	if m.has(secProjects) {
		req.Projects = m.projects.chosen()
	}
	if m.has(secEnvironment) {
		req.Environment = m.pickedEnvironment()
	}
	req.ExpiresAt, _ = m.expiresAt()
	if m.has(secIPs) && len(m.ips.entries) > 0 {
		req.AllowedIPs = m.ips.values()
	}
	return req
}

func keyMatches(msg tea.KeyMsg, b key.Binding) bool { return key.Matches(msg, b) }

func ansiStrip(s string) string { return ansi.Strip(s) }
