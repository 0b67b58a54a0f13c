package form

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
)

func ipForm(t *testing.T) Model {
	t.Helper()
	return focusOn(t, newForm(goodAccessCatalog()), secIPs)
}

func TestInvalidIPRefusedWithAMessage(t *testing.T) {
	m := ipForm(t)
	m = typeText(t, m, "10.1.2.300")
	if !strings.Contains(view(m), "not an IP address: 300 is more than 255") {
		t.Fatalf("not explained as typed:\n%s", view(m))
	}
	m, _ = press(t, m, "enter")
	if len(m.ips.entries) != 0 {
		t.Fatal("invalid address added")
	}
	if m.ips.input.Value() != "10.1.2.300" {
		t.Fatal("the invalid input was thrown away instead of kept for fixing")
	}
	for in, want := range map[string]string{
		"10.0.0.0/33":   "not a CIDR range: the length after / must be a number from 0 to 32",
		"fe80::1%eth0":  "has a zone",
		"example.com":   `"example" is not a number`,
		"10.0.0":        "four numbers (this has 3)",
		"10..0.1":       "two dots with no number between them",
		"10.01.0.1":     "01 starts with 0: write 1",
		"2001:db8:::1":  "empty group",
		"2001:db8::g":   "a character an address cannot have",
		"1:2:3:4:5:6:7": "too few groups",
	} {
		m.ips.input.SetValue("")
		m = typeText(t, m, in)
		m, _ = press(t, m, "enter")
		if len(m.ips.entries) != 0 || !strings.Contains(view(m), want) {
			t.Fatalf("%s: want %q:\n%s", in, want, view(m))
		}
		for _, programmerWords := range []string{"ParseAddr", "field has value", "netip"} {
			if strings.Contains(view(m), programmerWords) {
				t.Errorf("%s: explained in %q:\n%s", in, programmerWords, view(m))
			}
		}
	}
}

// A pasted list (commas or spaces) adds every entry with one enter; what
// cannot be added stays in the input, with why.
func TestPastedIPListAddsEachEntry(t *testing.T) {
	m := ipForm(t)
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("203.0.113.7, 10.0.0.0/8  2001:db8::/32"), Paste: true})
	if !strings.Contains(view(m), "enter adds 3: 203.0.113.7, 10.0.0.0/8, 2001:db8::/32") {
		t.Fatalf("the pasted list is not read as three entries:\n%s", view(m))
	}
	m, _ = press(t, m, "enter")
	if got := m.ips.values(); !reflect.DeepEqual(got, []string{"203.0.113.7", "10.0.0.0/8", "2001:db8::/32"}) || m.ips.input.Value() != "" {
		t.Fatalf("entries %v, input %q", got, m.ips.input.Value())
	}
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("198.51.100.1,10.1.2.300"), Paste: true})
	m, _ = press(t, m, "enter")
	if got := m.ips.values(); len(got) != 4 || got[3] != "198.51.100.1" || m.ips.input.Value() != "10.1.2.300" {
		t.Fatalf("entries %v, input %q", got, m.ips.input.Value())
	}
	if !strings.Contains(view(m), "added 1; not an IP address: 300 is more than 255") {
		t.Errorf("the partial add is not explained:\n%s", view(m))
	}
}

func TestDuplicateIPRefused(t *testing.T) {
	m := ipForm(t)
	m = typeText(t, m, "192.0.2.7")
	m, _ = press(t, m, "enter")
	m = typeText(t, m, "192.0.2.7/32")
	if !strings.Contains(view(m), "already in the list (as 192.0.2.7)") {
		t.Fatalf("duplicate not flagged as typed:\n%s", view(m))
	}
	m, _ = press(t, m, "enter")
	if len(m.ips.entries) != 1 || !strings.Contains(view(m), "is already in the list") {
		t.Fatalf("duplicate added: %v\n%s", m.ips.values(), view(m))
	}
	m.ips.input.SetValue("")
	m = typeText(t, m, "2001:DB8:0::1")
	m, _ = press(t, m, "enter")
	m = typeText(t, m, "2001:db8::1")
	m, _ = press(t, m, "enter")
	if got := m.ips.values(); !reflect.DeepEqual(got, []string{"192.0.2.7", "2001:db8::1"}) {
		t.Fatalf("entries = %v", got)
	}
}

func TestCIDRNormalised(t *testing.T) {
	m := ipForm(t)
	m = typeText(t, m, "10.1.2.3/24")
	m, _ = press(t, m, "enter")
	m = typeText(t, m, "203.0.113.9")
	m, _ = press(t, m, "enter")
	if got := m.ips.values(); !reflect.DeepEqual(got, []string{"10.1.2.0/24", "203.0.113.9"}) {
		t.Fatalf("entries = %v (a plain address must stay plain, a range masked)", got)
	}
	m, _ = press(t, m, "up") // the note of the first add is gone; re-add to see it
	m.ips.input.SetValue("")
	m = typeText(t, m, "10.9.8.7/16")
	m, _ = press(t, m, "enter")
	if !strings.Contains(view(m), "10.9.8.7/16 → 10.9.0.0/16 (host bits cleared)") {
		t.Fatalf("normalising not explained:\n%s", view(m))
	}
}

func TestRemoveIPs(t *testing.T) {
	m := ipForm(t)
	for _, ip := range []string{"192.0.2.1", "192.0.2.2", "2001:db8::d"} {
		m = typeText(t, m, ip)
		m, _ = press(t, m, "enter")
	}
	// "d" typed into the input is part of an IPv6 address, not a removal.
	if got := m.ips.values(); len(got) != 3 || got[2] != "2001:db8::d" {
		t.Fatalf("entries = %v", got)
	}
	m, _ = press(t, m, "down", "down", "d")
	if got := m.ips.values(); !reflect.DeepEqual(got, []string{"192.0.2.1", "2001:db8::d"}) {
		t.Fatalf("d on the second entry left %v", got)
	}
	m, _ = press(t, m, "up", "up") // back to the input
	m, _ = press(t, m, "backspace")
	if got := m.ips.values(); !reflect.DeepEqual(got, []string{"192.0.2.1"}) {
		t.Fatalf("backspace on an empty input left %v", got)
	}
	m, _ = press(t, m, "backspace")
	if len(m.ips.entries) != 0 || !strings.Contains(view(m), "any IP address can use this token") {
		t.Fatalf("empty list not warned about:\n%s", view(m))
	}
}

func TestTypedButNotAddedIPBlocksSubmit(t *testing.T) {
	m := newForm(goodAccessCatalog())
	m.scopes.selected["token.read"] = true
	m = focusOn(t, m, secIPs)
	m = typeText(t, m, "192.0.2.1")
	m, msgs := press(t, m, "ctrl+s")
	if len(msgs) != 0 || !strings.Contains(m.errFor(secIPs), "typed but not added") {
		t.Fatalf("submitted with a pending IP (err %q)", m.errFor(secIPs))
	}
	m, _ = press(t, m, "enter", "ctrl+s")
	if !m.Submitting() {
		t.Fatalf("not submitted after adding: %v", m.localErrs)
	}
}

func expiryForm(t *testing.T) Model {
	t.Helper()
	m := newForm(border0Catalog())
	m = typeText(t, m, "x")
	m = focusOn(t, m, secRole)
	m, _ = press(t, m, "down", "space") // member
	return focusOn(t, m, secExpiry)
}

// toCustom moves to the custom row and types a date.
func toCustom(t *testing.T, m Model, date string) Model {
	t.Helper()
	m, _ = press(t, m, "end")
	m.expiry.cursor = len(m.expiry.options) - 1
	m.expiry.syncFocus()
	return typeText(t, m, date)
}

func TestExpiryDefaultsTo30Days(t *testing.T) {
	m := expiryForm(t)
	at, err := m.expiresAt()
	if err != nil || !at.Equal(time.Date(2025, 7, 1, 8, 0, 0, 0, time.UTC)) {
		t.Fatalf("default expiry %v, %v", at, err)
	}
}

func TestCustomPastDateRefused(t *testing.T) {
	m := toCustom(t, expiryForm(t), "2025-06-01 09:59")
	if !strings.Contains(view(m), "Sun 2025-06-01 09:59 CEST is in the past") {
		t.Fatalf("past date not refused as typed:\n%s", view(m))
	}
	m, msgs := press(t, m, "ctrl+s")
	if len(msgs) != 0 || !strings.Contains(m.errFor(secExpiry), "in the past") {
		t.Fatalf("submitted a past date (err %q)", m.errFor(secExpiry))
	}
	m.expiry.custom.SetValue("")
	m = typeText(t, m, "2025-02-30")
	if !strings.Contains(view(m), "no such date: day out of range") {
		t.Fatalf("impossible date not explained:\n%s", view(m))
	}
	m.expiry.custom.SetValue("")
	m = typeText(t, m, "next week")
	if !strings.Contains(view(m), "not a date: type YYYY-MM-DD or YYYY-MM-DD HH:MM") {
		t.Fatalf("garbage not explained:\n%s", view(m))
	}
}

func TestCustomFutureDateInLocalTimeSentAsUTC(t *testing.T) {
	m := toCustom(t, expiryForm(t), "2025-12-24 18:30")
	if !strings.Contains(view(m), "→ expires Wed 2025-12-24 18:30 CEST (2025-12-24 16:30 UTC, in 206 days)") {
		t.Fatalf("resulting time not shown:\n%s", view(m))
	}
	_, msgs := press(t, m, "ctrl+s")
	req := submitted(t, msgs)
	want := time.Date(2025, 12, 24, 16, 30, 0, 0, time.UTC)
	if !req.ExpiresAt.Equal(want) || req.ExpiresAt.Location() != time.UTC {
		t.Fatalf("ExpiresAt = %v, want %v", req.ExpiresAt, want)
	}

	// A date alone is valid through that day: it expires at the next
	// local midnight, as create --expires reads it, and says so.
	m = toCustom(t, expiryForm(t), "2026-01-01")
	at, err := m.expiresAt()
	if err != nil || !at.Equal(time.Date(2026, 1, 1, 22, 0, 0, 0, time.UTC)) {
		t.Fatalf("date-only = %v, %v", at, err)
	}
	if !strings.Contains(view(m), "valid through Thu 2026-01-01: expires Fri 2026-01-02 00:00 CEST") {
		t.Fatalf("the date-only rule is not shown:\n%s", view(m))
	}
	// Today is still valid: it ends at midnight.
	m = toCustom(t, expiryForm(t), "2025-06-01")
	if at, err := m.expiresAt(); err != nil || !at.Equal(time.Date(2025, 6, 1, 22, 0, 0, 0, time.UTC)) {
		t.Fatalf("today = %v, %v", at, err)
	}
}

func TestNeverExpiresWarns(t *testing.T) {
	m := expiryForm(t)
	m, _ = press(t, m, "down", "down", "down", "space") // never
	if at, err := m.expiresAt(); err != nil || !at.IsZero() {
		t.Fatalf("never = %v, %v", at, err)
	}
	if !strings.Contains(view(m), "never ⚠") || !contains(m.warnings(), "never expires") {
		t.Fatalf("never not warned about:\n%s", view(m))
	}
	cat := border0Catalog()
	cat.NeverExpires = false
	if strings.Contains(view(focusOn(t, New(cat, Options{Now: fixedNow}), secExpiry)), "never") {
		t.Fatal("never offered though the catalog does not allow it")
	}
}

func TestNameLengthCounterAndRequired(t *testing.T) {
	m := newForm(border0Catalog()) // NameMaxLen 64, required
	m = typeText(t, m, strings.Repeat("n", 58))
	if !strings.Contains(view(m), "58/64") || m.name.counter() == "58/64" && false {
		t.Fatalf("counter:\n%s", view(m))
	}
	m = typeText(t, m, strings.Repeat("n", 7))
	m, msgs := press(t, m, "ctrl+s")
	if len(msgs) != 0 || m.errFor(secName) != "too long: 65 of at most 64 characters" {
		t.Fatalf("over-long name accepted (err %q)", m.errFor(secName))
	}
	if m.name.input.Value() != strings.Repeat("n", 65) {
		t.Fatal("the typed name was cut")
	}
	m.name.input.SetValue("   ")
	m, _ = press(t, m, "ctrl+s")
	if m.errFor(secName) != "a name is required" || m.focused() != secName {
		t.Fatalf("blank name accepted (err %q)", m.errFor(secName))
	}
}

func TestNameCounterColours(t *testing.T) {
	f := nameField{max: 10}
	for value, wantStyle := range map[string]string{"12345": "hint", "123456789": "warn", "12345678901": "error"} {
		f.input = newInput("")
		f.input.SetValue(value)
		got := f.counter()
		var want string
		switch wantStyle {
		case "hint":
			want = themeHint(got)
		case "warn":
			want = themeWarn(got)
		case "error":
			want = themeError(got)
		}
		if got != want {
			t.Errorf("%q: counter %q not in %s style", value, got, wantStyle)
		}
	}
}

func TestServerValidationErrorLandsOnTheField(t *testing.T) {
	m := newForm(unleashCatalog())
	m = typeText(t, m, "shop")
	m, _ = press(t, m, "tab", "space", "tab", "space", "tab", "space") // client, *, development
	m, msgs := press(t, m, "ctrl+s")
	req := submitted(t, msgs)

	m.SetError(&client.ValidationError{
		Message: "Request validation failed",
		Fields: map[string][]string{
			client.FieldEnvironment: {"Environment=development does not exist"},
			"alias":                 {"not allowed"},
		},
	})
	if m.Submitting() {
		t.Fatal("still submitting after an error")
	}
	if m.focused() != secEnvironment {
		t.Fatalf("focus on %d, want the environment", m.focused())
	}
	v := view(m)
	if !strings.Contains(v, "✗ Environment=development does not exist") {
		t.Fatalf("field error not on the field:\n%s", v)
	}
	if !strings.Contains(v, "The server refused: Request validation failed; alias: not allowed") {
		t.Fatalf("message and unknown field not in the banner:\n%s", v)
	}
	// Everything typed is kept: the same request goes out again.
	m, msgs = press(t, m, "ctrl+s")
	if again := submitted(t, msgs); !reflect.DeepEqual(again, req) {
		t.Fatalf("resubmitted %+v, want %+v", again, req)
	}
	// Editing the field drops the server's complaint about it.
	m.SetError(&client.ValidationError{Fields: map[string][]string{client.FieldEnvironment: {"nope"}}})
	m, _ = press(t, m, "down", "space")
	if m.errFor(secEnvironment) != "" {
		t.Fatal("server error stayed after the field was edited")
	}
}

func TestValidationErrorOnFieldTheFormLacks(t *testing.T) {
	m := newForm(border0Catalog())
	m.SetError(&client.ValidationError{Fields: map[string][]string{client.FieldAllowedIPs: {"not supported"}}})
	if !strings.Contains(view(m), "allowed_ips: not supported") {
		t.Fatalf("error for a hidden field lost:\n%s", view(m))
	}
}

func TestNetworkErrorBannerAndRetry(t *testing.T) {
	m := newForm(border0Catalog())
	m = typeText(t, m, "deploy")
	m, _ = press(t, m, "tab", "down", "space")
	m, msgs := press(t, m, "ctrl+s")
	req := submitted(t, msgs)
	m, msgs = press(t, m, "ctrl+s", "x")
	if len(msgs) != 0 || m.name.value() != "deploy" {
		t.Fatal("keys acted while submitting")
	}
	if !strings.Contains(view(m), "Creating…") {
		t.Fatalf("no progress shown:\n%s", view(m))
	}
	m.SetError(&client.NetworkError{Op: "timeout"})
	if !strings.Contains(view(m), "the server did not answer in time — ctrl+s to retry") {
		t.Fatalf("no retry banner:\n%s", view(m))
	}
	m, msgs = press(t, m, "ctrl+s")
	if again := submitted(t, msgs); !reflect.DeepEqual(again, req) {
		t.Fatalf("retry sent %+v, want %+v", again, req)
	}
	m.SetError(errors.New("server error (HTTP 502)"))
	if !strings.Contains(view(m), "server error (HTTP 502) — ctrl+s to retry") {
		t.Fatalf("no banner for a server error:\n%s", view(m))
	}
}

func TestEscAsksOnlyWhenSomethingWasTyped(t *testing.T) {
	m := newForm(goodAccessCatalog())
	_, msgs := press(t, m, "esc")
	if len(msgs) != 1 {
		t.Fatalf("esc on an untouched form: %v", msgs)
	}
	if _, ok := msgs[0].(CancelledMsg); !ok {
		t.Fatalf("emitted %T", msgs[0])
	}

	m = typeText(t, m, "half")
	m, msgs = press(t, m, "esc")
	if len(msgs) != 0 || !strings.Contains(view(m), "Discard this token?") {
		t.Fatalf("esc with typed input did not ask:\n%s", view(m))
	}
	m, msgs = press(t, m, "n")
	if len(msgs) != 0 || m.confirmCancel || m.name.value() != "half" {
		t.Fatal("n did not return to the form intact")
	}
	m, _ = press(t, m, "esc")
	_, msgs = press(t, m, "y")
	if len(msgs) != 1 {
		t.Fatal("y did not cancel")
	}
	if _, ok := msgs[0].(CancelledMsg); !ok {
		t.Fatalf("emitted %T", msgs[0])
	}
}

func TestReviewWarnings(t *testing.T) {
	m := newForm(goodAccessCatalog())
	for _, s := range []string{"members.read", "members.delete", "member-group-relation.add", "token.create"} {
		m.scopes.selected[s] = true
	}
	m = focusOn(t, m, secExpiry)
	m, _ = press(t, m, "down", "down", "down", "space") // never
	m = focusOn(t, m, secReview)
	v := flat(m)
	for _, want := range []string{
		"never expires",
		"no IP restriction: any address can use it",
		"can change data (2 write/delete scopes): members.delete, member-group-relation.add",
		"can mint tokens (token.create)",
		"4 warnings",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("review lacks %q:\n%s", want, view(m))
		}
	}
	// Warnings never block: enter on the review submits.
	_, msgs := press(t, m, "enter")
	req := submitted(t, msgs)
	if !req.ExpiresAt.IsZero() || len(req.Scopes) != 4 {
		t.Fatalf("request = %+v", req)
	}

	clean := newForm(goodAccessCatalog())
	clean.scopes.selected["admin-logs.read"] = true
	clean = focusOn(t, clean, secIPs)
	clean = typeText(t, clean, "192.0.2.1")
	clean, _ = press(t, clean, "enter")
	if ws := clean.warnings(); len(ws) != 0 {
		t.Fatalf("least-privilege token warned about: %v", ws)
	}
}

func TestRotatePrefill(t *testing.T) {
	old := client.Token{
		Name:       "ci-logs-rotated-2025-01-01",
		Scopes:     []string{"admin-logs.read", "system-logs.read", "retired.scope"},
		AllowedIPs: []string{"10.0.0.0/8", "192.0.2.1"},
		CreatedAt:  time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		ExpiresAt:  time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), // 90 days
	}
	opts := RotateOptions(old, Options{Now: fixedNow, Location: zone, Width: 80, Height: 24})
	m := New(goodAccessCatalog(), opts)
	if !strings.HasPrefix(view(m), "Rotate ci-logs-rotated-2025-01-01") {
		t.Fatalf("title:\n%s", view(m))
	}
	if got := m.name.value(); got != "ci-logs-rotated-2025-06-01" {
		t.Fatalf("name = %q", got)
	}
	if m.expiry.options[m.expiry.picked].label != "90 days" {
		t.Fatalf("lifetime not kept: %s", m.expiry.options[m.expiry.picked].label)
	}
	// The name is editable.
	m = typeText(t, m, "-b")
	m = focusOn(t, m, secReview)
	if !strings.Contains(flat(m), "scopes not offered by this server, left out: retired.scope") {
		t.Fatalf("dropped scope not reported:\n%s", view(m))
	}
	_, msgs := press(t, m, "ctrl+s")
	req := submitted(t, msgs)
	if req.Name != "ci-logs-rotated-2025-06-01-b" ||
		!reflect.DeepEqual(req.Scopes, []string{"system-logs.read", "admin-logs.read"}) ||
		!reflect.DeepEqual(req.AllowedIPs, []string{"10.0.0.0/8", "192.0.2.1"}) ||
		!req.ExpiresAt.Equal(fixedNow().AddDate(0, 0, 90)) {
		t.Fatalf("request = %+v", req)
	}

	// A lifetime that is no preset becomes a custom date; no expiry stays none.
	odd := old
	odd.ExpiresAt = old.CreatedAt.Add(45 * 24 * time.Hour)
	m = New(goodAccessCatalog(), RotateOptions(odd, Options{Now: fixedNow, Location: zone}))
	if at, _ := m.expiresAt(); !at.Equal(fixedNow().Add(45 * 24 * time.Hour)) {
		t.Fatalf("45-day lifetime → %v", at)
	}
	never := old
	never.ExpiresAt = time.Time{}
	m = New(goodAccessCatalog(), RotateOptions(never, Options{Now: fixedNow, Location: zone}))
	if at, err := m.expiresAt(); err != nil || !at.IsZero() {
		t.Fatalf("never-expiring original → %v, %v", at, err)
	}
	// An untouched rotate form cancels without asking.
	if _, msgs := press(t, m, "esc"); len(msgs) != 1 {
		t.Fatal("esc on an untouched rotate form asked")
	}
}

func TestRotatePrefillUnleash(t *testing.T) {
	old := client.Token{Name: "shop", Role: "client", Projects: []string{"web", "gone"}, Environment: "production"}
	m := New(unleashCatalog(), RotateOptions(old, Options{Now: fixedNow, Location: zone}))
	if m.pickedRole() != "client" || m.pickedEnvironment() != "production" || !reflect.DeepEqual(m.projects.chosen(), []string{"web"}) {
		t.Fatalf("prefill: role %q env %q projects %v", m.pickedRole(), m.pickedEnvironment(), m.projects.chosen())
	}
	if !contains(m.prefillNote, "projects not available here, pick again: gone") {
		t.Fatalf("notes = %v", m.prefillNote)
	}
}

func TestRotatedName(t *testing.T) {
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	for in, want := range map[string]string{
		"ci":                    "ci-rotated-2025-06-01",
		"ci-rotated-2024-12-31": "ci-rotated-2025-06-01",
		"ci-rotated":            "ci-rotated-rotated-2025-06-01",
	} {
		if got := RotatedName(in, now); got != want {
			t.Errorf("RotatedName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPasteReachesTheFocusedInput(t *testing.T) {
	m := newForm(goodAccessCatalog())
	// Bracketed paste arrives as one key message with every rune.
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("pasted-name"), Paste: true})
	if m.name.value() != "pasted-name" {
		t.Fatalf("name = %q", m.name.value())
	}
	m = focusOn(t, m, secIPs)
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("192.0.2.0/24"), Paste: true})
	m, _ = press(t, m, "enter")
	if got := m.ips.values(); len(got) != 1 || got[0] != "192.0.2.0/24" {
		t.Fatalf("pasted IP: %v", got)
	}
}

func TestHostileCatalogTextIsSanitised(t *testing.T) {
	cat := unleashCatalog()
	cat.Projects = append(cat.Projects, client.Option{ID: "evil", Label: "evil\x1b]52;c;AAAA\x07project"})
	m := focusOn(t, newForm(cat), secProjects)
	if strings.Contains(m.View(), "\x1b]52") {
		t.Fatal("an escape sequence from the catalog reached the screen")
	}
}

// A Border0 catalog with owners: a token of a service account is rotated
// for the same account, whose role it takes; none is the default for a
// new token.
func TestOwnerSection(t *testing.T) {
	cat := border0Catalog()
	cat.OwnerLabel, cat.OwnerNone, cat.OwnerSetsRole = "Owner", "none: an organisation token", true
	cat.Owners = []client.Option{{ID: "ci-bot", Label: "ci-bot", Description: "service account · role admin"},
		{ID: "connector:c1", Label: "connector edge", Description: "connector"}}
	m := newForm(cat)
	if !m.has(secOwner) || m.pickedOwner() != noOwner || !m.ownerPicked() || m.roleFromOwner() {
		t.Fatalf("a new form: owner %q picked %v", m.pickedOwner(), m.ownerPicked())
	}
	old := client.Token{Name: "deploy", OwnerID: "ci-bot", Owner: "ci-bot", Role: "admin"}
	m = New(cat, RotateOptions(old, Options{Now: fixedNow, Location: zone}))
	req := m.request()
	if req.Owner != "ci-bot" || req.Role != "" || len(m.validate()) != 0 || !strings.Contains(ansiStrip(m.choiceSummary(secRole)), "from ci-bot") {
		t.Fatalf("rotate of a service-account token: %+v, errors %v", req, m.validate())
	}
	gone := client.Token{Name: "x", OwnerID: "deleted-bot", Role: "member"}
	m = New(cat, RotateOptions(gone, Options{Now: fixedNow, Location: zone}))
	if m.ownerPicked() || !contains(m.prefillNote, "owner not available here, pick again: deleted-bot") {
		t.Fatalf("an owner that is gone: picked %v, notes %v", m.ownerPicked(), m.prefillNote)
	}
	if errs := m.validate(); errs[secOwner] == "" {
		t.Errorf("no owner picked is not refused: %v", errs)
	}
}
