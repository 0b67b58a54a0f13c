package form

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// onGroup puts the cursor on a group header (folded or not).
func onGroup(t *testing.T, m Model, name string) Model {
	t.Helper()
	for i, r := range m.scopes.rows() {
		if r.kind == rowGroup && m.scopes.groups[r.index].Name == name {
			m.scopes.cursor = i
			return m
		}
	}
	t.Fatalf("group %q not shown", name)
	return m
}

func TestGroupToggleSelectsAndClearsAGroup(t *testing.T) {
	m := focusOn(t, newForm(goodAccessCatalog()), secScopes)
	m = onGroup(t, m, "Logs")
	m, _ = press(t, m, "a")
	want := []string{"gateway-log.read", "system-logs.read", "threat-blocker-logs.read", "device-posture-check-logs.read", "admin-logs.read"}
	if got := m.scopes.chosen(); !reflect.DeepEqual(got, want) {
		t.Fatalf("after a: %v", got)
	}
	if !strings.Contains(view(m), "5 of 52 scopes") {
		t.Fatalf("counter missing:\n%s", view(m))
	}
	m, _ = press(t, m, "a")
	if n := m.scopes.count(); n != 0 {
		t.Fatalf("second a left %d scopes", n)
	}
}

func TestGroupToggleCompletesAPartialGroup(t *testing.T) {
	m := focusOn(t, newForm(goodAccessCatalog()), secScopes)
	m = onGroup(t, m, "Members")
	m, _ = press(t, m, "right", "down", "space") // members.create
	m, _ = press(t, m, "a")
	if n := m.scopes.count(); n != 6 {
		t.Fatalf("a on a partial group selected %d, want all 6", n)
	}
}

func TestPresetReplacesTheSelection(t *testing.T) {
	m := focusOn(t, newForm(goodAccessCatalog()), secScopes)
	m = onGroup(t, m, "Members")
	m, _ = press(t, m, "a")
	m, _ = press(t, m, "home", "down", "enter") // logs-only
	want := goodAccessCatalog().Presets[1].Scopes
	if got := m.scopes.chosen(); !reflect.DeepEqual(got, want) {
		t.Fatalf("after preset: %v", got)
	}
	v := view(m)
	if !strings.Contains(v, "preset logs-only: 5 scopes selected") || !strings.Contains(v, "◆ preset logs-only") {
		t.Fatalf("preset not shown as applied:\n%s", v)
	}
	m, _ = press(t, m, "up", "space") // read-only
	if n := m.scopes.count(); n != 21 {
		t.Fatalf("read-only preset selected %d scopes, want 21", n)
	}
}

func TestFilterScopesByNameOrDescription(t *testing.T) {
	m := focusOn(t, newForm(goodAccessCatalog()), secScopes)
	m, _ = press(t, m, "/")
	m = typeText(t, m, "disconnect")
	v := view(m)
	if !strings.Contains(v, "members.disconnect") || !strings.Contains(v, "1 match") {
		t.Fatalf("filter by name failed:\n%s", v)
	}
	if strings.Contains(v, "members.create") || strings.Contains(v, "preset") {
		t.Fatalf("filter shows what does not match:\n%s", v)
	}
	// The cursor lands on the match; enter leaves the filter input and
	// space toggles it.
	m, _ = press(t, m, "enter", "space")
	if got := m.scopes.chosen(); !reflect.DeepEqual(got, []string{"members.disconnect"}) {
		t.Fatalf("picked %v", got)
	}

	// By description (the literal catalog describes devices.read-all as
	// "Read-all devices").
	m, _ = press(t, m, "esc", "/")
	m = typeText(t, m, "READ-ALL DEV")
	if v := view(m); !strings.Contains(v, "devices.read-all") || !strings.Contains(v, "1 match") {
		t.Fatalf("filter by description failed:\n%s", v)
	}

	// Filter plus a: a group's matches only.
	m, _ = press(t, m, "esc", "/")
	m = typeText(t, m, ".read")
	m, _ = press(t, m, "enter")
	m = onGroup(t, m, "Members")
	m, _ = press(t, m, "a")
	want := []string{"members.read", "members.read-all", "members.disconnect"}
	if got := m.scopes.chosen(); !reflect.DeepEqual(got, want) {
		t.Fatalf("a under a filter picked %v, want %v", got, want)
	}

	// esc clears the filter; a second esc would cancel the form.
	m, msgs := press(t, m, "esc")
	if m.scopes.filter.Value() != "" || len(msgs) != 0 || m.confirmCancel {
		t.Fatal("esc with a filter did something other than clear it")
	}
}

func TestCollapsedGroupShowsItsCount(t *testing.T) {
	m := focusOn(t, newForm(goodAccessCatalog()), secScopes)
	m = onGroup(t, m, "Members")
	m, _ = press(t, m, "right", "down", "down", "space", "down", "space", "down", "space")
	m, _ = press(t, m, "left")
	v := view(m)
	if !strings.Contains(v, "▸ Members        3/6") {
		t.Fatalf("folded group does not show 3/6:\n%s", v)
	}
	if strings.Contains(v, "members.read-all") {
		t.Fatalf("folded group still shows its scopes:\n%s", v)
	}
	r, _ := m.scopes.current()
	if r.kind != rowGroup {
		t.Fatal("left did not move the cursor to the group header")
	}
	m, _ = press(t, m, "enter")
	if !strings.Contains(view(m), "members.read-all") {
		t.Fatal("enter on a folded header did not unfold it")
	}
}

// All 52 scopes can be reached and picked at 80x24, and no frame is taller
// or wider than the terminal.
func TestAllScopesNavigableIn80x24(t *testing.T) {
	m := focusOn(t, newForm(goodAccessCatalog()), secScopes)
	for g := range m.scopes.groups {
		m.scopes.collapsed[g] = false
	}
	seen := map[string]bool{}
	for i := 0; i < 80; i++ {
		checkFits(t, m, 80, 24)
		if r, ok := m.scopes.current(); ok && r.kind == rowScope {
			name := m.scopes.groups[r.index].Scopes[r.scope].Name
			if !strings.Contains(view(m), "› ") || !strings.Contains(view(m), name) {
				t.Fatalf("cursor row %s not drawn:\n%s", name, view(m))
			}
			seen[name] = true
			m, _ = press(t, m, "space")
		}
		m, _ = press(t, m, "down")
	}
	if len(seen) != 52 || m.scopes.count() != 52 {
		t.Fatalf("reached %d scopes, selected %d; want 52", len(seen), m.scopes.count())
	}
	if !strings.Contains(view(m), "52 of 52 scopes") {
		t.Fatal("counter wrong")
	}
	// Only what fits is drawn: the first group is scrolled away.
	if strings.Contains(view(m), "members.create") {
		t.Fatalf("scrolled list still draws the top:\n%s", view(m))
	}
	m, _ = press(t, m, "home")
	if !strings.Contains(view(m), "preset read-only") {
		t.Fatal("home did not scroll back to the top")
	}
}

func checkFits(t *testing.T, m Model, w, h int) {
	t.Helper()
	lines := strings.Split(m.View(), "\n")
	if len(lines) > h {
		t.Fatalf("%d lines, want ≤ %d:\n%s", len(lines), h, view(m))
	}
	for _, l := range strings.Split(view(m), "\n") {
		if n := len([]rune(l)); n > w {
			t.Fatalf("line of %d > %d: %q", n, w, l)
		}
	}
}

func TestScopeCounterAndValidation(t *testing.T) {
	m := newForm(goodAccessCatalog())
	m, msgs := press(t, m, "ctrl+s")
	if len(msgs) != 0 {
		t.Fatal("submitted with no scope")
	}
	if got := m.errFor(secScopes); !strings.Contains(got, "at least one scope") {
		t.Fatalf("scope error = %q", got)
	}
	if m.focused() != secScopes {
		t.Fatal("focus did not move to the field in error")
	}
	m = onGroup(t, m, "Tokens")
	m, _ = press(t, m, "right", "down", "down", "space")
	if m.errFor(secScopes) != "" {
		t.Fatal("error stayed after picking a scope")
	}
	if !strings.Contains(view(m), fmt.Sprintf("%d of 52 scopes", 1)) {
		t.Fatalf("counter:\n%s", view(m))
	}
}
