package form

import (
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
)

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// Catalogs as literals: the providers are written in parallel, and the form
// must not depend on them anyway.

func scopeGroup(name string, scopes ...string) client.ScopeGroup {
	g := client.ScopeGroup{Name: name}
	for _, s := range scopes {
		g.Scopes = append(g.Scopes, client.Scope{Name: s, Description: describe(s)})
	}
	return g
}

func describe(scope string) string {
	area, action, _ := strings.Cut(scope, ".")
	return strings.ToUpper(action[:1]) + action[1:] + " " + strings.ReplaceAll(area, "-", " ")
}

// goodAccessCatalog has the 52 scopes of the GoodAccess seed, grouped as it
// groups them, irregular spellings kept.
func goodAccessCatalog() client.Catalog {
	return client.Catalog{
		ScopeGroups: []client.ScopeGroup{
			scopeGroup("Members", "members.create", "members.read", "members.read-all", "members.update", "members.delete", "members.disconnect"),
			scopeGroup("Groups", "groups.create", "groups.read", "groups.read-all", "groups.update", "groups.delete"),
			scopeGroup("Systems", "systems.create", "systems.read", "systems.read-all", "systems.update", "systems.delete"),
			scopeGroup("System Groups", "system-groups.create", "system-groups.read", "system-groups.read-all", "system-groups.update", "system-groups.delete"),
			scopeGroup("Access Cards", "access-cards.create", "access-cards.read", "access-card.read-all", "access-cards.update", "access-cards.delete"),
			scopeGroup("Relations", "member-group-relation.add", "member-group-relation.delete", "member-ac-relation.add", "member-ac-relation.delete",
				"group-access-card-relation.add", "group-access-card-relation.delete", "system-system-group-relation.add", "system-system-group-relation.delete",
				"system-ac-relation.add", "system-ac-relation.delete", "system-group-access-card-relation.add", "system-group-access-card-relation.delete"),
			scopeGroup("Gateways", "gateways.read", "gateway.read-all"),
			scopeGroup("Devices", "devices.read", "devices.read-all", "devices.delete"),
			scopeGroup("Tokens", "token.create", "token.read", "token.read-all", "token.delete"),
			scopeGroup("Logs", "gateway-log.read", "system-logs.read", "threat-blocker-logs.read", "device-posture-check-logs.read", "admin-logs.read"),
		},
		Presets: []client.Preset{
			{Name: "read-only", Description: "read everything, change nothing", Scopes: []string{
				"members.read", "members.read-all", "groups.read", "groups.read-all", "systems.read", "systems.read-all",
				"system-groups.read", "system-groups.read-all", "access-cards.read", "access-card.read-all",
				"gateways.read", "gateway.read-all", "devices.read", "devices.read-all", "token.read", "token.read-all",
				"gateway-log.read", "system-logs.read", "threat-blocker-logs.read", "device-posture-check-logs.read", "admin-logs.read"}},
			{Name: "logs-only", Description: "for a log shipper", Scopes: []string{
				"gateway-log.read", "system-logs.read", "threat-blocker-logs.read", "device-posture-check-logs.read", "admin-logs.read"}},
		},
		AllowedIPs:   true,
		NameMaxLen:   255,
		NameRequired: false,
		NeverExpires: true,
	}
}

func border0Catalog() client.Catalog {
	return client.Catalog{
		RoleLabel: "Role",
		Roles: []client.Role{
			{Name: "admin", Description: "full account privileges", Creatable: true},
			{Name: "member", Description: "create, connect and delete sockets; view everything", Creatable: true},
			{Name: "connector", Description: "manages only what it created; for the Border0 connector", Creatable: true},
			{Name: "client", Description: "connect only", Creatable: false, Reason: "not offered for organisation tokens"},
		},
		NameRequired: true,
		NameMaxLen:   64,
		NeverExpires: true,
	}
}

func unleashCatalog() client.Catalog {
	return client.Catalog{
		RoleLabel: "Type",
		Roles: []client.Role{
			{Name: "client", Description: "server-side SDKs", Creatable: true},
			{Name: "backend", Description: "server-side SDKs (newer name)", Creatable: true},
			{Name: "frontend", Description: "browser and mobile through the Frontend API", Creatable: true},
			{Name: "admin", Description: "the admin API", Creatable: false, Reason: "Unleash 8.2 creates admin tokens only from server start-up configuration"},
		},
		Projects: []client.Option{
			{ID: "default", Label: "Default", Description: "Default project"},
			{ID: "web", Label: "Web shop"},
			{ID: "mobile", Label: "Mobile"},
		},
		Environments: []client.Option{
			{ID: "development", Label: "development"},
			{ID: "production", Label: "production"},
			{ID: "*", Label: "*", Description: "every environment"},
		},
		NameRequired: true,
		NeverExpires: true,
	}
}

// now is a fixed clock: Sunday 1 June 2025, 10:00 in UTC+2.
var zone = time.FixedZone("CEST", 2*3600)

func fixedNow() time.Time { return time.Date(2025, 6, 1, 10, 0, 0, 0, zone) }

func newForm(cat client.Catalog) Model {
	return New(cat, Options{Now: fixedNow, Location: zone, Width: 80, Height: 24, Title: "New token"})
}

// keyMsg turns "tab", "shift+tab", "ctrl+s", "enter", "esc", "space", "up",
// "down", "left", "right", "backspace", "pgdown" into a key; anything else
// is typed as runes.
func keyMsg(k string) tea.KeyMsg {
	named := map[string]tea.KeyType{
		"tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab, "ctrl+s": tea.KeyCtrlS, "enter": tea.KeyEnter,
		"esc": tea.KeyEsc, "space": tea.KeySpace, "up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft,
		"right": tea.KeyRight, "backspace": tea.KeyBackspace, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp,
		"end": tea.KeyEnd, "home": tea.KeyHome, "delete": tea.KeyDelete,
	}
	if t, ok := named[k]; ok {
		if t == tea.KeySpace {
			return tea.KeyMsg{Type: t, Runes: []rune{' '}}
		}
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// press sends keys and returns the model and the messages its Cmds produced.
func press(t *testing.T, m Model, keys ...string) (Model, []tea.Msg) {
	t.Helper()
	var msgs []tea.Msg
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(keyMsg(k))
		if cmd != nil {
			if msg := cmd(); msg != nil {
				msgs = append(msgs, msg)
			}
		}
	}
	return m, msgs
}

// typeText types s one rune at a time, as a person would.
func typeText(t *testing.T, m Model, s string) Model {
	t.Helper()
	for _, r := range s {
		k := string(r)
		if r == ' ' {
			k = "space"
		}
		m, _ = press(t, m, k)
	}
	return m
}

func view(m Model) string { return ansi.Strip(m.View()) }

// flat is the view with all whitespace runs as one space, for sentences
// that wrap.
func flat(m Model) string { return strings.Join(strings.Fields(view(m)), " ") }

// focusOn tabs to the section with the given label.
func focusOn(t *testing.T, m Model, sec section) Model {
	t.Helper()
	for i := 0; i < len(m.sections); i++ {
		if m.focused() == sec {
			return m
		}
		m, _ = press(t, m, "tab")
	}
	t.Fatalf("section %d not in the form", sec)
	return m
}

func submitted(t *testing.T, msgs []tea.Msg) client.NewToken {
	t.Helper()
	for _, msg := range msgs {
		if s, ok := msg.(SubmitMsg); ok {
			return s.Request
		}
	}
	t.Fatalf("no SubmitMsg among %#v", msgs)
	return client.NewToken{}
}

func themeHint(s string) string  { return theme.FormHint.Render(ansi.Strip(s)) }
func themeWarn(s string) string  { return theme.FormWarn.Render(ansi.Strip(s)) }
func themeError(s string) string { return theme.FormError.Render(ansi.Strip(s)) }
