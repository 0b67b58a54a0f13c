package form

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/help"

	"github.com/tokentui/tokentui/client"
)

// Every section of every catalog fits the terminal, at the usual size and a
// cramped one, with an error banner taking room too.
func TestEverySectionFits(t *testing.T) {
	cats := map[string]client.Catalog{"goodaccess": goodAccessCatalog(), "border0": border0Catalog(), "unleash": unleashCatalog()}
	for name, cat := range cats {
		for _, size := range [][2]int{{80, 24}, {60, 16}, {120, 40}} {
			t.Run(fmt.Sprintf("%s/%dx%d", name, size[0], size[1]), func(t *testing.T) {
				m := New(cat, Options{Now: fixedNow, Location: zone, Width: size[0], Height: size[1]})
				m, _ = press(t, m, "ctrl+s") // errors everywhere, and a banner
				m.SetError(&client.ValidationError{Message: strings.Repeat("long server message ", 20)})
				for range m.sections {
					checkFits(t, m, size[0], size[1])
					m, _ = press(t, m, "tab")
				}
			})
		}
	}
}

func TestSetSizeRelayouts(t *testing.T) {
	m := focusOn(t, newForm(goodAccessCatalog()), secScopes)
	for g := range m.scopes.groups {
		m.scopes.collapsed[g] = false
	}
	m, _ = press(t, m, "end")
	m.SetSize(100, 14)
	checkFits(t, m, 100, 14)
	if !strings.Contains(view(m), "admin-logs.read") {
		t.Fatalf("cursor row scrolled out after a resize:\n%s", view(m))
	}
}

// The help the root shows follows the focused section.
func TestKeyMapFollowsFocus(t *testing.T) {
	h := help.New()
	h.Width = 200
	m := newForm(goodAccessCatalog())
	if got := h.View(m.KeyMap()); !strings.Contains(got, "ctrl+s create") || !strings.Contains(got, "tab next field") {
		t.Fatalf("name help = %q", got)
	}
	m = focusOn(t, m, secScopes)
	if got := h.View(m.KeyMap()); !strings.Contains(got, "a toggle group") || !strings.Contains(got, "/ filter") {
		t.Fatalf("scopes help = %q", got)
	}
	m, _ = press(t, m, "/")
	if got := h.View(m.KeyMap()); !strings.Contains(got, "esc clear filter") || strings.Contains(got, "esc cancel") {
		t.Fatalf("filter help = %q", got)
	}
	m = focusOn(t, m, secIPs)
	if got := h.View(m.KeyMap()); !strings.Contains(got, "d remove") {
		t.Fatalf("IP help = %q", got)
	}
	m = typeText(t, m, "x")
	m, _ = press(t, m, "esc")
	if got := h.View(m.KeyMap()); !strings.Contains(got, "y discard") {
		t.Fatalf("confirm help = %q", got)
	}
	if len(m.KeyMap().FullHelp()) == 0 {
		t.Fatal("no full help")
	}
}
