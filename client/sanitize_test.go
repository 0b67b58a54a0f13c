package client

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	cases := map[string]struct{ in, want string }{
		"CSI colour":         {"\x1b[31mred\x1b[0m", "red"},
		"CSI clear and move": {"a\x1b[2J\x1b[1;1Hb", "ab"},
		"CSI private mode":   {"\x1b[?25lhidden cursor", "hidden cursor"},
		"OSC 52 clipboard":   {"\x1b]52;c;cm0gLXJmIH4K\x07after", "after"},
		"OSC 52 with ST":     {"x\x1b]52;c;cm0gLXJmIH4K\x1b\\y", "xy"},
		"OSC title BEL":      {"\x1b]0;pwned\x07name", "name"},
		"OSC title ST":       {"\x1b]2;pwned\x1b\\name", "name"},
		"OSC 8 hyperlink":    {"\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "click"},
		"unterminated OSC":   {"ok\x1b]52;c;AAAA", "ok"},
		"DCS":                {"\x1bPq#0;2;0;0;0\x1b\\x", "x"},
		"APC":                {"\x1b_Gf=100;AAAA\x1b\\x", "x"},
		"two-byte escape":    {"\x1b7saved\x1b8", "saved"},
		"charset escape":     {"\x1b(Bascii", "ascii"},
		"lone ESC at end":    {"abc\x1b", "abc"},
		"C1 CSI":             {"\u009b31mred", "red"},
		"C1 OSC with C1 ST":  {"\u009d0;title\u009cname", "name"},
		"C1 DCS with BEL":    {"\u0090junk\u0007x", "x"},
		"other C1 controls":  {"a\u0085b\u0084c", "abc"},
		"C0 controls":        {"a\x00b\x07c\x08d\x7fe", "abcde"},
		"newlines and tabs":  {"line1\r\nline2\tend", "line1  line2 end"},
		"bidi override":      {"\u202etxt.exe\u202c", "⟨U+202E⟩txt.exe⟨U+202C⟩"},
		"bidi isolates":      {"\u2066a\u2067b", "⟨U+2066⟩a⟨U+2067⟩b"},
		"bidi marks":         {"x\u200ey\u200fz", "x⟨U+200E⟩y⟨U+200F⟩z"},
		"invalid UTF-8":      {"a\xffb\xc3", "a\uFFFDb\uFFFD"},
		"plain ASCII":        {"terraform-prod (CI) #42", "terraform-prod (CI) #42"},
		"plain unicode":      {"Žluťoučký kůň 🚀 — ok", "Žluťoučký kůň 🚀 — ok"},
		"empty":              {"", ""},
		"zero-width joiner":  {"👩\u200d💻", "👩⟨U+200D⟩💻"},
		"mixed attack":       {"\x1b[31m\u202e\x1b]52;c;AA==\x07evil\r\n\u009b2J", "⟨U+202E⟩evil  "},
	}
	for name, c := range cases {
		if got := Sanitize(c.in); got != c.want {
			t.Errorf("%s: Sanitize(%q) = %q, want %q", name, c.in, got, c.want)
		}
	}
}

func TestSanitizeAllInPlace(t *testing.T) {
	ss := []string{"\x1b[1mbold", "plain"}
	out := SanitizeAll(ss)
	if ss[0] != "bold" || ss[1] != "plain" || &out[0] != &ss[0] {
		t.Fatalf("SanitizeAll = %q", ss)
	}
	if SanitizeAll(nil) != nil {
		t.Fatal("SanitizeAll(nil) should stay nil")
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"\x1b[31mx", "\x1b]52;c;AA\x07", "\u009b1m", "\xff\xfe", "\u202e", "ok", "\x1b", "\x1b]", "\u009d\u009c",
		"prod\u200b-deploy", "\ufeffbom", "tag\U000E0041\U000E007F", "line\u2028para\u2029", "⟨U+200B⟩", "⟨U+0041⟩", "⟨U+00200B⟩", "nb\u00a0sp", "\u2800"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Sanitize(in)
		if !utf8.ValidString(out) {
			t.Fatalf("Sanitize(%q) = %q is not valid UTF-8", in, out)
		}
		for _, r := range out {
			if unicode.IsControl(r) || IsInvisible(r) {
				t.Fatalf("Sanitize(%q) = %q keeps %U", in, out, r)
			}
		}
		if strings.ContainsRune(in, '\x1b') && strings.ContainsRune(out, '\x1b') {
			t.Fatalf("Sanitize(%q) = %q keeps an ESC", in, out)
		}
		if again := Sanitize(out); again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", in, out, again)
		}
		if len(out) > len(in)*len("⟨U+E0041⟩") {
			t.Fatalf("output grew: %d -> %d", len(in), len(out))
		}
	})
}

func BenchmarkSanitizePlain(b *testing.B) {
	s := strings.Repeat("github-actions deploy ", 4)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_ = Sanitize(s)
	}
}
