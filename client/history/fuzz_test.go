package history

import (
	"bytes"
	"strings"
	"testing"
	"unicode"
)

// A history file edited by hand, cut or corrupt is read without a panic,
// and nothing read carries a control character to the screen.
func FuzzParseHistory(f *testing.F) {
	f.Add([]byte(`{"time":"2026-12-01T12:00:00Z","action":"revoke","name":"x"}` + "\n"))
	f.Add([]byte("not json\n{\"action\":\"\"}\n\n"))
	f.Add([]byte(`{"time":"2026-12-01T12:00:00Z","action":"create","name":"\u001b[2Jx","scopes":["a\u0007"]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, bad, err := parse(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("parse: %v", err)
		}
		if len(recs)+len(bad) > bytes.Count(data, []byte("\n"))+1 {
			t.Fatalf("%d records and %d bad lines from %d lines", len(recs), len(bad), bytes.Count(data, []byte("\n"))+1)
		}
		for _, r := range recs {
			for _, s := range append([]string{r.Action, r.Name, r.Profile, r.TokenID, r.Error, r.Summary()}, r.Scopes...) {
				if strings.IndexFunc(s, func(c rune) bool { return unicode.IsControl(c) }) >= 0 {
					t.Fatalf("a control character survived: %q", s)
				}
			}
		}
	})
}
