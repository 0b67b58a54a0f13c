package form

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tokentui/tokentui/client"
)

// namedCatalog is the GoodAccess catalog with a name required.
func namedCatalog() client.Catalog {
	c := goodAccessCatalog()
	c.NameRequired = true
	return c
}

// The banner counts the fields still wrong, and goes when none is.
func TestFixBannerFollowsTheFields(t *testing.T) {
	m := newForm(namedCatalog())
	m, _ = press(t, m, "ctrl+s")
	if !strings.Contains(view(m), "Fix 2 fields before creating.") {
		t.Fatalf("no banner for a name and scopes missing:\n%s", view(m))
	}
	m = typeText(t, m, "ci")
	if v := view(m); !strings.Contains(v, "Fix 1 field before creating.") || strings.Contains(v, "Fix 2") {
		t.Fatalf("the banner did not count down:\n%s", v)
	}
	m, _ = press(t, m, "tab", "home", "enter") // the read-only preset
	if v := view(m); strings.Contains(v, "Fix ") {
		t.Fatalf("a stale banner after every field was fixed:\n%s", v)
	}
}

// Review lists every blocking problem, and offers enter only when it can
// create.
func TestReviewListsEveryProblem(t *testing.T) {
	m := focusOn(t, newForm(namedCatalog()), secReview)
	v := view(m)
	for _, want := range []string{"Cannot create it yet:", "✗ Name: a name is required", "✗ Scopes: pick at least one scope",
		"fix the problems above first", "2 to fix before creating"} {
		if !strings.Contains(v, want) {
			t.Errorf("review lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "enter or ctrl+s creates it") {
		t.Errorf("review offers to create what it cannot:\n%s", v)
	}
	for _, b := range m.KeyMap().ShortHelp() {
		if b.Help().Desc == "create" && b.Help().Key == "enter" {
			t.Error("the help line offers enter to create")
		}
	}
	m = focusOn(t, m, secName)
	m = typeText(t, m, "ci")
	m, _ = press(t, m, "tab", "home", "enter")
	m = focusOn(t, m, secReview)
	if v := view(m); !strings.Contains(v, "enter or ctrl+s creates it") || strings.Contains(v, "Cannot create") {
		t.Errorf("a valid form's review:\n%s", v)
	}
}

// The name's error and counter show once, in the focused field.
func TestNameErrorAndCounterShowOnce(t *testing.T) {
	m := newForm(namedCatalog())
	m, _ = press(t, m, "ctrl+s")
	v := view(m)
	if n := strings.Count(v, "a name is required"); n != 1 {
		t.Errorf("the name error shows %d times:\n%s", n, v)
	}
	if n := strings.Count(v, "0/255"); n != 1 {
		t.Errorf("the counter shows %d times:\n%s", n, v)
	}
	m, _ = press(t, m, "tab")
	if v := view(m); !strings.Contains(v, "a name is required") || strings.Count(v, "0/255") != 1 {
		t.Errorf("unfocused, the name line must carry its error and counter:\n%s", v)
	}
}

// Review warns about a name in use; a rotation picks one that is free.
func TestDuplicateNamesAreWarnedAndRotationsNumbered(t *testing.T) {
	taken := map[string]bool{"ci": true, "ci-rotated-2025-06-01": true, "ci-rotated-2025-06-01-2": true}
	opts := Options{Now: fixedNow, Location: zone, Width: 80, Height: 24, NameTaken: func(n string) bool { return taken[strings.ToLower(n)] }}
	m := New(goodAccessCatalog(), opts)
	m = typeText(t, m, "CI")
	m = focusOn(t, m, secReview)
	if v := flat(m); !strings.Contains(v, `a token named "CI" exists already`) {
		t.Errorf("no warning about the duplicate name:\n%s", view(m))
	}
	r := RotateOptions(client.Token{Name: "ci-rotated-2025-06-01-2", Scopes: []string{"token.read"}}, opts)
	if got := r.Prefill.Name; got != "ci-rotated-2025-06-01-3" {
		t.Errorf("rotated name %q, want ci-rotated-2025-06-01-3", got)
	}
}

// A preset over picks made by hand can be undone.
func TestPresetOverManualPicksCanBeUndone(t *testing.T) {
	m := focusOn(t, newForm(goodAccessCatalog()), secScopes)
	m = onGroup(t, m, "Members")
	m, _ = press(t, m, "a") // six picks by hand
	mine := m.scopes.chosen()
	m, _ = press(t, m, "home", "down", "enter") // logs-only
	if v := view(m); !strings.Contains(v, "instead of your 6; u undoes") {
		t.Fatalf("the replaced picks are not mentioned:\n%s", v)
	}
	m, _ = press(t, m, "u")
	if got := m.scopes.chosen(); !reflect.DeepEqual(got, mine) {
		t.Fatalf("u restored %v, want %v", got, mine)
	}
	// A preset over a preset loses nothing: nothing to undo.
	m, _ = press(t, m, "home", "enter", "down", "enter")
	if m.scopes.undo != nil || strings.Contains(view(m), "u undoes") {
		t.Error("a preset replacing a preset offers an undo")
	}
}

// Clearing the checklist filter keeps the cursor on its scope, not on the
// preset that now sits at its position.
func TestClearingTheScopeFilterKeepsTheCursor(t *testing.T) {
	m := focusOn(t, newForm(goodAccessCatalog()), secScopes)
	m, _ = press(t, m, "/")
	m = typeText(t, m, "disconnect")
	m, _ = press(t, m, "esc")
	r, ok := m.scopes.current()
	if !ok || r.kind == rowPreset {
		t.Fatalf("after clearing the filter the cursor is on %+v", r)
	}
	if r.kind == rowGroup && m.scopes.groups[r.index].Name != "Members" {
		t.Errorf("the cursor went to group %s", m.scopes.groups[r.index].Name)
	}
}
