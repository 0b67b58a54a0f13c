package client

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// The characters the issue reported reaching the table raw: each is shown
// as a marker, so look-alike names differ on screen and every character of
// the result is one cell wide.
func TestSanitizeShowsInvisibleCharacters(t *testing.T) {
	cases := map[string]struct{ in, want string }{
		"zero-width space":     {"prod\u200b-deploy", "prod⟨U+200B⟩-deploy"},
		"zero-width joiner":    {"a\u200db", "a⟨U+200D⟩b"},
		"BOM":                  {"\ufeffname", "⟨U+FEFF⟩name"},
		"tag characters":       {"x\U000E0041\U000E007F", "x⟨U+E0041⟩⟨U+E007F⟩"},
		"line separator":       {"a\u2028b", "a⟨U+2028⟩b"},
		"paragraph separator":  {"a\u2029b", "a⟨U+2029⟩b"},
		"no-break space":       {"a\u00a0b", "a⟨U+00A0⟩b"},
		"ideographic space":    {"a\u3000b", "a⟨U+3000⟩b"},
		"soft hyphen":          {"ad\u00admin", "ad⟨U+00AD⟩min"},
		"variation selector":   {"x\ufe0f", "x⟨U+FE0F⟩"},
		"Hangul filler":        {"\u3164", "⟨U+3164⟩"},
		"blank Braille":        {"\u2800", "⟨U+2800⟩"},
		"unassigned":           {"\U0003FFFD", "⟨U+3FFFD⟩"},
		"word joiner":          {"a\u2060b", "a⟨U+2060⟩b"},
		"marker kept as it is": {"⟨U+200B⟩", "⟨U+200B⟩"},
		"lone bracket kept":    {"⟨x⟩", "⟨x⟩"},
		"visible letters kept": {"Žluť 🚀 日本", "Žluť 🚀 日本"},
	}
	for name, c := range cases {
		got := Sanitize(c.in)
		if got != c.want {
			t.Errorf("%s: Sanitize(%q) = %q, want %q", name, c.in, got, c.want)
		}
		for _, r := range got {
			if IsInvisible(r) {
				t.Errorf("%s: %q keeps %U", name, got, r)
			}
		}
	}
	if Sanitize("prod\u200b-deploy") == Sanitize("prod-deploy") {
		t.Fatal("a look-alike name reads the same as the real one")
	}
	if w := ansi.StringWidth(Sanitize("ab\u200b\U000E0041")); w != 2+8+9 { // ⟨U+200B⟩ ⟨U+E0041⟩
		t.Fatalf("width %d", w)
	}
}

func TestParseMarkerAcceptsOnlyWhatSanitizeWrites(t *testing.T) {
	for _, ok := range []string{"⟨U+200B⟩", "⟨U+E0041⟩x", "⟨U+00A0⟩"} {
		if _, n, good := ParseMarker(ok); !good || !strings.HasPrefix(ok, ok[:n]) {
			t.Errorf("ParseMarker(%q) refused", ok)
		}
	}
	for _, bad := range []string{"⟨U+0041⟩", "⟨U+200b⟩", "⟨U+20B⟩", "⟨U+0200B⟩", "⟨U+200B", "U+200B⟩", "⟨U+110000⟩", ""} {
		if _, _, good := ParseMarker(bad); good {
			t.Errorf("ParseMarker(%q) accepted", bad)
		}
	}
}

func TestSplitMarkers(t *testing.T) {
	var parts []string
	SplitMarkers("a⟨U+200B⟩b⟨U+0041⟩⟨U+FEFF⟩", func(p string, m bool) {
		if m {
			p = "[" + p + "]"
		}
		parts = append(parts, p)
	})
	if got := strings.Join(parts, "|"); got != "a|[⟨U+200B⟩]|b⟨U+0041⟩|[⟨U+FEFF⟩]" {
		t.Fatalf("parts %s", got)
	}
}
