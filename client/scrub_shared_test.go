package client

import (
	"crypto/rand"
	"strings"
	"testing"
)

// A shared list is scrubbed as ScrubToken scrubs a token's list, and again
// when a secret is remembered after it was scrubbed: the secrets it holds
// are masked wherever the list is handed out, the list given stays as it
// was, and a clean list is the list itself.
func TestSharedStringsScrubbedAgainstLaterSecrets(t *testing.T) {
	// New on every run (-count): secrets are remembered for the process.
	later := strings.ToLower(rand.Text())
	list := []string{"token.read", "deploy " + later + " done", strings.ToUpper(later)}
	s := ShareStrings(list)
	if got := s.Scrubbed(); &got[0] != &list[0] || got[1] != list[1] {
		t.Fatalf("before the secret is known: %q", got)
	}
	RememberSecret(later)
	for range 2 { // checked again, then kept
		got := s.Scrubbed()
		for _, text := range got[1:] {
			if strings.Contains(strings.ToLower(text), later[12:24]) {
				t.Errorf("%q still holds the secret", text)
			}
		}
		if got[0] != "token.read" || !strings.HasPrefix(got[1], "deploy ") {
			t.Errorf("%q", got)
		}
		want := Token{Scopes: append([]string(nil), list...)}
		ScrubToken(&want)
		if strings.Join(got, "\n") != strings.Join(want.Scopes, "\n") {
			t.Errorf("%q, ScrubToken made %q", got, want.Scopes)
		}
	}
	if list[1] != "deploy "+later+" done" || &s.Strings()[0] != &list[0] {
		t.Error("the list given was changed")
	}
}
