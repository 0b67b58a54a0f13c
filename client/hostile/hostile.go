// Package hostile holds what tests use to stand in for a hostile server
// and to check what tokentui makes of it: nothing a server sends reaches a
// person raw, no secret comes back out, nothing takes unbounded time or
// memory. It is imported by tests only.
package hostile

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/tokentui/tokentui/client"
)

// Shown reports what is wrong with s as text shown to a person: invalid
// UTF-8, a control character (ESC, BEL, C1), or an invisible one.
func Shown(s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("%q is not valid UTF-8", s)
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' || client.IsInvisible(r) {
			return fmt.Errorf("%q holds %U", s, r)
		}
	}
	return nil
}

// Token reports what is wrong with a token a provider returned: a text
// field that is not Shown-clean, or a date out of range.
func Token(t client.Token) error {
	fields := append([]string{t.ID, t.Name, t.Role, t.Environment, t.CreatedBy, t.Secret, t.Owner, t.OwnerID, t.SecretNote}, t.Scopes...)
	fields = append(append(fields, t.Projects...), t.AllowedIPs...)
	for _, f := range fields {
		if err := Shown(f); err != nil {
			return err
		}
	}
	for _, d := range []struct {
		field client.DateFields
		value interface{ IsZero() bool }
	}{{client.DateCreated, t.CreatedAt}, {client.DateExpires, t.ExpiresAt}, {client.DateLastUsed, t.LastUsedAt}} {
		if t.InvalidDates.Has(d.field) && !d.value.IsZero() {
			return fmt.Errorf("%v is invalid but kept", d.field)
		}
	}
	for _, at := range []struct {
		name string
		zero bool
		ok   bool
	}{
		{"created", t.CreatedAt.IsZero(), client.ValidTime(t.CreatedAt)},
		{"expires", t.ExpiresAt.IsZero(), client.ValidTime(t.ExpiresAt)},
		{"last used", t.LastUsedAt.IsZero(), client.ValidTime(t.LastUsedAt)},
	} {
		if !at.zero && !at.ok {
			return fmt.Errorf("%s date out of range", at.name)
		}
	}
	return nil
}

// Decoded fails t when what a list decoder returned is not fit to show:
// the error's text, or any token (see Token).
func Decoded(t testing.TB, tokens []client.Token, err error) {
	t.Helper()
	if err != nil {
		if e := Shown(err.Error()); e != nil {
			t.Fatalf("error: %v", e)
		}
		return
	}
	for _, tok := range tokens {
		if e := Token(tok); e != nil {
			t.Fatalf("token: %v", e)
		}
	}
}

// Gzip compresses body.
func Gzip(body []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = zw.Write(body)
	_ = zw.Close()
	return buf.Bytes()
}

// Bomb is about 1 MB of gzip that inflates to open followed by mib MiB of
// spaces: gzip members of 1 MiB each, which Go's gzip reader (and so
// net/http) reads as one stream.
func Bomb(open string, mib int) []byte {
	member := Gzip(bytes.Repeat([]byte(" "), 1<<20))
	out := Gzip([]byte(open))
	for range mib {
		out = append(out, member...)
	}
	return out
}

// Names are token names a hostile server sends: look-alikes with invisible
// characters, terminal escape sequences, bidi overrides, line separators.
var Names = []string{
	"prod\u200b-deploy", "\ufeffci", "tag\U000E0041\U000E007F", "line\u2028break", "para\u2029graph",
	"\x1b]52;c;cm0gLXJmIH4=\x07clip", "\x1b[2J\x1b[31mred", "evil\u202etxt.exe", "nb\u00a0sp", "wj\u2060x",
}
