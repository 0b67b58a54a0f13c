package form

import (
	"reflect"
	"strings"
	"testing"
)

func TestBorder0RolePicker(t *testing.T) {
	m := newForm(border0Catalog())
	m = typeText(t, m, "deploy")
	m = focusOn(t, m, secRole)
	v := view(m)
	if !strings.Contains(v, "client") || !strings.Contains(v, "not available: not offered for organisation tokens") {
		t.Fatalf("non-creatable role not shown with its reason:\n%s", v)
	}
	// client is the 4th role: the cursor can reach it but cannot pick it.
	m, _ = press(t, m, "down", "down", "down", "space")
	if m.pickedRole() != "" {
		t.Fatalf("non-creatable role picked: %q", m.pickedRole())
	}
	if !strings.Contains(view(m), "client cannot be picked: not offered for organisation tokens") {
		t.Fatalf("refusal not explained:\n%s", view(m))
	}
	m, _ = press(t, m, "up", "up", "enter") // member
	if m.pickedRole() != "member" {
		t.Fatalf("picked %q, want member", m.pickedRole())
	}
	m, msgs := press(t, m, "ctrl+s")
	req := submitted(t, msgs)
	if req.Role != "member" || req.Name != "deploy" || req.Scopes != nil || req.AllowedIPs != nil {
		t.Fatalf("request = %+v", req)
	}
	if !m.Submitting() {
		t.Fatal("form not marked as submitting")
	}
	if m.has(secIPs) || m.has(secScopes) || strings.Contains(view(m), "Allowed IPs") {
		t.Fatal("Border0 form shows fields its catalog does not have")
	}
}

func TestRoleIsRequired(t *testing.T) {
	m := newForm(border0Catalog())
	m = typeText(t, m, "deploy")
	m, msgs := press(t, m, "ctrl+s")
	if len(msgs) != 0 || m.errFor(secRole) != "pick a role" || m.focused() != secRole {
		t.Fatalf("submitted without a role (err %q)", m.errFor(secRole))
	}
}

func TestAdminRoleIsWarnedAbout(t *testing.T) {
	m := focusOn(t, newForm(border0Catalog()), secRole)
	m, _ = press(t, m, "space")
	if !contains(m.warnings(), "admin role") {
		t.Fatalf("warnings = %v", m.warnings())
	}
}

func TestUnleashProjectsAreExclusiveWithAll(t *testing.T) {
	m := focusOn(t, newForm(unleashCatalog()), secProjects)
	// rows: all, default, web, mobile
	m, _ = press(t, m, "down", "space", "down", "space")
	if got := m.projects.chosen(); !reflect.DeepEqual(got, []string{"default", "web"}) {
		t.Fatalf("picked %v", got)
	}
	m, _ = press(t, m, "home", "space")
	if got := m.projects.chosen(); !reflect.DeepEqual(got, []string{"*"}) {
		t.Fatalf("all projects did not replace the specific ones: %v", got)
	}
	if !contains(m.warnings(), "all projects (*)") {
		t.Fatalf("warnings = %v", m.warnings())
	}
	m, _ = press(t, m, "end", "space")
	if got := m.projects.chosen(); !reflect.DeepEqual(got, []string{"mobile"}) {
		t.Fatalf("a specific project did not replace all: %v", got)
	}
	m, _ = press(t, m, "space")
	if got := m.projects.chosen(); len(got) != 0 {
		t.Fatalf("space did not un-pick: %v", got)
	}
}

func TestUnleashAllEnvironmentsHiddenForClientTypes(t *testing.T) {
	m := newForm(unleashCatalog())
	m = focusOn(t, m, secEnvironment)
	if !strings.Contains(view(m), "all environments (*)") {
		t.Fatalf("* not offered before a type is picked:\n%s", view(m))
	}
	m, _ = press(t, m, "end", "space")
	if m.pickedEnvironment() != "*" {
		t.Fatalf("picked %q", m.pickedEnvironment())
	}

	for _, typ := range []int{0, 1} { // client, backend
		m = focusOn(t, m, secRole)
		m, _ = press(t, m, "home")
		for i := 0; i < typ; i++ {
			m, _ = press(t, m, "down")
		}
		m, _ = press(t, m, "space")
		m = focusOn(t, m, secEnvironment)
		if strings.Contains(view(m), ") all environments (*)") || m.offered(secEnvironment, "*") {
			t.Fatalf("* offered for %s:\n%s", m.pickedRole(), view(m))
		}
		if m.pickedEnvironment() != "" {
			t.Fatalf("* still picked for %s", m.pickedRole())
		}
		if !strings.Contains(view(m), "is not allowed for "+m.pickedRole()+" tokens") {
			t.Fatalf("dropping * was not explained:\n%s", view(m))
		}
		// put * back for the next round through frontend
		m = focusOn(t, m, secRole)
		m, _ = press(t, m, "home", "down", "down", "space") // frontend
		m = focusOn(t, m, secEnvironment)
		m, _ = press(t, m, "end", "space")
		if m.pickedEnvironment() != "*" {
			t.Fatalf("* not offered again for frontend:\n%s", view(m))
		}
	}
}

func TestUnleashRequest(t *testing.T) {
	m := newForm(unleashCatalog())
	m = typeText(t, m, "shop-backend")
	m, _ = press(t, m, "tab", "down", "space") // backend
	m, _ = press(t, m, "tab", "down", "down", "space")
	m, _ = press(t, m, "tab", "down", "space") // production
	_, msgs := press(t, m, "ctrl+s")
	req := submitted(t, msgs)
	if req.Role != "backend" || !reflect.DeepEqual(req.Projects, []string{"web"}) || req.Environment != "production" {
		t.Fatalf("request = %+v", req)
	}
	if req.Scopes != nil || req.AllowedIPs != nil {
		t.Fatalf("Unleash request carries fields it cannot take: %+v", req)
	}
	if want := fixedNow().AddDate(0, 0, 30).UTC(); !req.ExpiresAt.Equal(want) || req.ExpiresAt.Location().String() != "UTC" {
		t.Fatalf("ExpiresAt = %v, want %v in UTC", req.ExpiresAt, want)
	}
}

func TestUnleashNonCreatableAdminType(t *testing.T) {
	m := focusOn(t, newForm(unleashCatalog()), secRole)
	m, _ = press(t, m, "end", "enter")
	if m.pickedRole() != "" || !strings.Contains(flat(m), "admin cannot be picked: Unleash 8.2 creates admin tokens only from server start-up configuration") {
		t.Fatalf("admin type picked or not explained:\n%s", view(m))
	}
}

func contains(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
