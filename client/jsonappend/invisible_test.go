package jsonappend

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tokentui/tokentui/client"
)

// Invisible characters, raw or as markers, come out of JSON as escapes:
// decoded, the string is the server's again; read raw, nothing is hidden.
func TestEscapeInvisible(t *testing.T) {
	server := "prod\u200b-deploy \ufeff\U000E0041\u2028 ⟨x⟩ ok"
	sanitised := client.Sanitize(server)
	for _, in := range []string{server, sanitised} {
		enc, _ := json.Marshal(map[string]string{"name": in})
		out := EscapeInvisible(nil, enc)
		want := `{"name":"prod\u200b-deploy \ufeff\udb40\udc41\u2028 ⟨x⟩ ok"}`
		if string(out) != want {
			t.Errorf("EscapeInvisible(%s)\n = %s\nwant %s", enc, out, want)
		}
		var back map[string]string
		if err := json.Unmarshal(out, &back); err != nil || back["name"] != server {
			t.Errorf("decoded %q, %v", back["name"], err)
		}
		for _, r := range string(out) {
			if client.IsInvisible(r) {
				t.Errorf("%s keeps %U", out, r)
			}
		}
	}
	plain := []byte(`{"a":"b é 🚀"}`)
	if got := EscapeInvisible(nil, plain); string(got) != string(plain) {
		t.Errorf("changed %s to %s", plain, got)
	}
}

func FuzzEscapeInvisible(f *testing.F) {
	for _, s := range []string{"a\u200bb", "⟨U+200B⟩", "⟨U+E0041⟩", "⟨U+0041⟩", "\xff", "⟨U+"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		enc, _ := json.Marshal(s)
		out := EscapeInvisible(nil, enc)
		var back string
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("%q -> %s: %v", s, out, err)
		}
		for _, r := range string(out) {
			if client.IsInvisible(r) {
				t.Fatalf("%s keeps %U", out, r)
			}
		}
		var want string
		_ = json.Unmarshal(enc, &want)
		if !strings.Contains(s, "⟨") && back != want {
			t.Fatalf("%q came back as %q, not %q", s, back, want)
		}
	})
}

// visibleCases add invisible characters and markers, whole and cut, to
// the escape cases.
var visibleCases = append([]string{
	"prod\u200b-deploy", "\ufeff\U000E0041 \u00a0 \u2800 \ufe0f", "⟨U+200B⟩", "⟨U+E0041⟩", "⟨U+0041⟩", "⟨U+200B", "⟨U+2028⟩",
	"a⟨U+200B⟩⟨U+FEFF⟩b", "⟨U+0200B⟩", "⟨U+10FFFF⟩", "⟨⟨U+200B⟩", "\u0378 unassigned", "end⟨",
}, hostile...)

func TestVisibleStringIsStringEscaped(t *testing.T) {
	for _, s := range visibleCases {
		if got, want := VisibleString(nil, s), EscapeInvisible(nil, String(nil, s)); string(got) != string(want) {
			t.Errorf("VisibleString(%q) = %s, EscapeInvisible(String) = %s", s, got, want)
		}
	}
	for _, ss := range [][]string{nil, {}, visibleCases} {
		if got, want := NullableVisibleStrings(nil, ss), EscapeInvisible(nil, NullableStrings(nil, ss)); string(got) != string(want) {
			t.Errorf("NullableVisibleStrings(%q) = %s, want %s", ss, got, want)
		}
	}
	if got := string(VisibleString(nil, "a\u200bb")); got != `"a\u200bb"` {
		t.Errorf("a zero-width space written as %s", got)
	}
}

func FuzzVisibleString(f *testing.F) {
	for _, s := range visibleCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := VisibleString(nil, s), EscapeInvisible(nil, String(nil, s)); string(got) != string(want) {
			t.Fatalf("VisibleString(%q) = %s, EscapeInvisible(String) = %s", s, got, want)
		}
	})
}
