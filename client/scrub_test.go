package client

import (
	"fmt"
	"html"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tokentui/tokentui/client/hostile/leak"
)

const (
	scrubHash   = "be4436a9c1f0e2d3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f3a2b"
	scrubSecret = "*:*." + scrubHash
)

// percentAll percent-encodes every byte of s, in upper or lower case hex.
func percentAll(s string, lower bool) string {
	if lower {
		return strings.ToLower(leak.Percent(s, true))
	}
	return leak.Percent(s, true)
}

// jsonAll writes every character of s as a \u escape.
func jsonAll(s string) string { return leak.JSONEscaped(s) }

// between puts sep between every character of s.
func between(s, sep string) string {
	return strings.Join(strings.Split(s, ""), sep)
}

// Every encoding a server might echo the secret in, in a sentence as a 404
// quotes a path: each must come out without a usable run of the secret.
func TestScrubMasksEveryEncoding(t *testing.T) {
	cases := map[string]string{
		"raw":                        scrubSecret,
		"path-escaped":               url.PathEscape(scrubSecret),
		"lower-case percent prefix":  "%2a:%2a." + scrubHash,
		"upper-case percent prefix":  "%2A%3A%2A." + scrubHash,
		"every byte percent, upper":  percentAll(scrubSecret, false),
		"every byte percent, lower":  percentAll(scrubSecret, true),
		"some bytes percent":         "%2A:*.be%34436a9c1%66" + scrubHash[10:],
		"double percent":             strings.ReplaceAll(percentAll(scrubSecret, false), "%", "%25"),
		"upper-cased":                strings.ToUpper(scrubSecret),
		"JSON-escaped prefix":        `\u002a\u003a\u002a.` + scrubHash,
		"JSON-escaped every char":    jsonAll(scrubSecret),
		"JSON-escaped upper hex":     strings.ToUpper(jsonAll(scrubSecret)),
		"escaped slash and quotes":   `\"` + scrubSecret + `\"`,
		"HTML decimal references":    html.EscapeString("&#98;&#101;") + "&#98;&#101;4436a9c1f0e2d3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f3a2b",
		"HTML hex references":        "&#x62;&#x65;" + scrubHash[2:],
		"truncated":                  "*:*." + scrubHash[:20],
		"truncated with ellipsis":    "*:*." + scrubHash[:30] + "...",
		"a run from the middle":      "x" + scrubHash[17:31] + "y",
		"zero-width between chars":   between(scrubHash, "\u200b"),
		"markers between chars":      between(scrubHash, "⟨U+200B⟩"),
		"tag characters between":     between(scrubHash, "\U000E0041"),
		"JSON zero-width between":    between(scrubHash, `\u200b`),
		"percent zero-width between": between(scrubHash, "%E2%80%8B"),
		"twice in one message":       scrubSecret + " and again " + strings.ToUpper(scrubHash),
	}
	x := &secretIndex{}
	x.add(scrubSecret)
	for name, echo := range cases {
		in := "The path you were looking for (/api/admin/api-tokens/" + echo + ") is not available."
		out := x.scrub(in)
		if run := leakedRun(out, scrubHash); run != "" {
			t.Errorf("%s: %q\n  -> %q still holds %q", name, in, out, run)
		}
		if !strings.HasPrefix(out, "The path you were looking for (/api/admin/api-tokens/") || !strings.HasSuffix(out, ") is not available.") {
			t.Errorf("%s: the words around the secret were lost: %q", name, out)
		}
		if again := x.scrub(out); again != out {
			t.Errorf("%s: not idempotent: %q -> %q", name, out, again)
		}
	}
}

// leakedRun is the first run of minRun characters of hash that text still
// holds, decoded independently of Scrub (leak.Run).
func leakedRun(text, hash string) string { return leak.Run(text, hash, minRun) }

// What the mask shows: a whole echo keeps the secret's first four and last
// two characters (as MaskSecret does) and the readable Unleash prefix; a cut
// run keeps only the end it shares with the secret.
func TestScrubMaskShape(t *testing.T) {
	x := &secretIndex{}
	x.add("default:development." + scrubHash)
	cases := map[string]string{
		"token default:development." + scrubHash + " not found":       "token default:development.be44…2b not found",
		"token default%3Adevelopment." + strings.ToUpper(scrubHash):   "token default%3Adevelopment.be44…2b",
		"cut: " + scrubHash[:20] + "…":                                "cut: be44……",
		"middle: " + scrubHash[10:40] + ".":                           "middle: ….",
		"end: " + scrubHash[30:]:                                      "end: …2b",
		"short runs stay: " + scrubHash[:11] + " " + scrubHash[20:31]: "short runs stay: " + scrubHash[:11] + " " + scrubHash[20:31],
	}
	for in, want := range cases {
		if got := x.scrub(in); got != want {
			t.Errorf("scrub(%q)\n = %q\nwant %q", in, got, want)
		}
	}
}

// Secrets too short to look for in runs are masked only whole, and one
// shorter than minWhole not at all, so ordinary words survive.
func TestScrubShortSecrets(t *testing.T) {
	x := &secretIndex{}
	x.add("*:*.admin")
	x.add("secret") // too short to mask without masking the word
	cases := map[string]string{
		"token *:*.admin is not valid":         "token *:*.•••••• is not valid",
		"token %2A%3A%2A.ADMIN is not valid":   "token *:*.•••••• is not valid",
		"the admin token lacks the admin role": "the admin token lacks the admin role",
		"this token has no secret":             "this token has no secret",
	}
	for in, want := range cases {
		if got := x.scrub(in); got != want {
			t.Errorf("scrub(%q) = %q, want %q", in, got, want)
		}
	}
}

// The quick check that lets clean text through looks at four bytes at
// every fourth offset only: a run of minRun characters, and a whole short
// secret, must be found wherever in a plain text it starts, in any case,
// however long the text around it.
func TestScrubFindsRunsAtEveryOffset(t *testing.T) {
	x := &secretIndex{}
	x.add(scrubSecret)
	x.add("*:*.admin9") // matched whole
	echoes := []string{"*:*.ADMIN9", "*:*.admin9"}
	for from := 0; from+minRun <= len(scrubHash); from++ {
		run := scrubHash[from : from+minRun]
		echoes = append(echoes, run, strings.ToUpper(run))
	}
	for _, echo := range echoes {
		for pad := 0; pad < 9; pad++ {
			for _, tail := range []string{"", "x", " and then some more words"} {
				in := strings.Repeat("a", pad) + echo + tail
				if got := x.scrub(in); got == in {
					t.Fatalf("scrub(%q) missed %q", in, echo)
				}
			}
		}
	}
}

// An admin token may be any text, escapes included: its raw echo and its
// encoded echo are both found, as both decode to the same text.
func TestScrubSecretsWithEscapeCharacters(t *testing.T) {
	x := &secretIndex{}
	secret := `q%41w%42e%43r\u0044t&#69;y%46u%47i%48o%49`
	x.add(secret)
	for _, echo := range []string{secret, url.PathEscape(secret), strings.ToUpper(secret), "qAwBeCrDtEyFuGiHoI"} {
		got := x.scrub("token " + echo + " is not valid")
		if got == "token "+echo+" is not valid" || !strings.HasSuffix(got, " is not valid") {
			t.Errorf("scrub(%q) = %q", echo, got)
		}
	}
}

// Text that holds no secret comes back as it was, however it is encoded.
func TestScrubLeavesOtherTextAlone(t *testing.T) {
	x := &secretIndex{}
	x.add(scrubSecret)
	x.add("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJvcmdfaWQiOiJvcmcifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ")
	for _, s := range []string{
		"",
		"rate limited by the server; try again shortly",
		"The path you were looking for (/api/admin/api-tokens/default%3Adevelopment.0123456789abcdef0123) is not available.",
		`{"message":"\u00e9t\u00e9 &amp; hiver","path":"%2Fapi%2Fadmin"}`,
		"prod⟨U+200B⟩-deploy",
		strings.Repeat("be4436a9c1f", 20), // runs of 11: too short
	} {
		if got := x.scrub(s); got != s {
			t.Errorf("scrub(%q) = %q", s, got)
		}
	}
}

// The process registry: what a provider remembers is masked by Scrub and by
// every typed error.
func TestRememberedSecretsLeaveNoError(t *testing.T) {
	secret := "tt-" + scrubHash
	RememberSecret(secret)
	echo := "token Bearer " + strings.ToUpper(secret) + " is not valid"
	errs := []error{
		&UnauthorizedError{Message: echo},
		&ForbiddenError{Message: echo},
		&ForbiddenError{Need: echo},
		&NotFoundError{What: echo},
		&ValidationError{Message: echo, Fields: map[string][]string{FieldName: {echo}}},
		&ServerError{Status: 500, Message: echo},
		&ServerError{Message: echo},
		&NetworkError{Op: "connect", Err: fmt.Errorf("%s", echo)},
	}
	for _, err := range errs {
		if run := leakedRun(err.Error(), scrubHash); run != "" {
			t.Errorf("%T: %q holds %q", err, err.Error(), run)
		}
	}
	if got := Scrub(echo); strings.Contains(got, scrubHash[:minRun]) {
		t.Errorf("Scrub = %q", got)
	}
}

// FuzzScrub: whatever text and encoding, Scrub never leaves a run of the
// secret (decoded independently), never panics, keeps valid UTF-8 valid and
// is idempotent.
func FuzzScrub(f *testing.F) {
	for _, s := range []string{
		scrubSecret, url.PathEscape(scrubSecret), percentAll(scrubSecret, true), jsonAll(scrubSecret),
		strings.ToUpper(scrubSecret), between(scrubHash, "\u200b"), "%", "\\u", "&#", "\\ud800\\udc00", "&#x110000;", "⟨U+",
	} {
		f.Add("before ", s, " after")
	}
	x := &secretIndex{}
	x.add(scrubSecret)
	f.Fuzz(func(t *testing.T, before, echo, after string) {
		in := before + echo + after
		out := x.scrub(in)
		if utf8.ValidString(in) && !utf8.ValidString(out) {
			t.Fatalf("scrub(%q) = %q is not valid UTF-8", in, out)
		}
		if strings.Contains(in, scrubHash) && strings.Contains(out, scrubHash[:minRun]) {
			t.Fatalf("scrub(%q) = %q keeps the secret", in, out)
		}
		if again := x.scrub(out); again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", in, out, again)
		}
	})
}
