package client

import (
	"strings"
	"testing"
)

// An Unleash admin token from INIT_ADMIN_API_TOKENS is "*:*." followed by
// any text, dots included; the mask must not show that text up to its last
// dot. Only the "projects:environment." prefix is readable.
func TestMaskSecretShowsOnlyTheUnleashPrefix(t *testing.T) {
	cases := map[string]string{
		"*:*.unleash.insecure.admin-api-token": "*:*.unle…en",
		"*:*.unleash-insecure-admin-api-token": "*:*.unle…en",
		"my.proj:development.0123456789abcdef": "my.proj:development.0123…ef",
	}
	for in, want := range cases {
		if got := MaskSecret(in); got != want {
			t.Errorf("MaskSecret(%q) = %q, want %q", in, got, want)
		}
	}
	// Not an Unleash prefix: no part of it is shown.
	for _, in := range []string{"user pass:hunter2 x.yz0123456789", "pa$$w0rd:secret.0123456789"} {
		if got := MaskSecret(in); strings.Contains(got, "hunter2") || strings.Contains(got, "secret") {
			t.Errorf("MaskSecret(%q) = %q shows the secret", in, got)
		}
	}
}

// A pasted secret may hold anything (inspect reads it from stdin): the
// characters the mask keeps never carry an escape sequence or an invisible
// character to the terminal.
func TestMaskSecretIsSanitised(t *testing.T) {
	for _, in := range []string{"\x1b]0;pwned\x07abcdefghijklmnop", "abcdefghijklmn\x1b[2J", "ab\u200bcdefghijklmnopq\u202e", "\x9b31mxxxxxxxxxxxxxxxxxx"} {
		got := MaskSecret(in)
		for _, r := range got {
			if r < 0x20 || (r >= 0x7f && r < 0xa0) || IsInvisible(r) {
				t.Errorf("MaskSecret(%q) = %q keeps %U", in, got, r)
			}
		}
	}
}
