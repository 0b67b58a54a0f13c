package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
	"time"
)

func TestFastJSONMatchesEncodingJSON(t *testing.T) {
	tricky := []string{"", "plain", `q"uote\\back`, "new\nline\ttab\r\b\f", "\x00\x01\x1f\x7f", "caf\u00e9 \u2603 \U0001F600", "bad\xffutf8\xc3", "ls\u2028ps\u2029", "<html>&amp;"}
	var tokens []jsonToken
	for i, s := range tricky {
		tokens = append(tokens, jsonToken{
			ID: s, Name: s, Role: s, Environment: s, CreatedBy: s, SecretMasked: s,
			Scopes: []string{s, "x"}, Projects: []string{}, AllowedIPs: nil,
			CreatedAt: jsonTime{time.Date(2026, 1, 2, 3, 4, 5, 600, time.FixedZone("X", 3600))},
			ExpiresAt: jsonTime{}, LastUsedAt: jsonTime{time.Unix(int64(i)*1e8, 0)},
			Expired: i%2 == 0,
		})
	}
	// Enough tokens for many chunks on every core, written out of turn.
	for len(tokens) < 20*chunkTokens+7 {
		tokens = append(tokens, tokens...)
	}
	var fast bytes.Buffer
	if err := writeTokensJSON(&fast, len(tokens), func(i int) jsonToken { return tokens[i] }); err != nil {
		t.Fatal(err)
	}
	var std bytes.Buffer
	enc := json.NewEncoder(&std)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(tokens); err != nil {
		t.Fatal(err)
	}
	if fast.String() != std.String() {
		at := 0
		for at < min(fast.Len(), std.Len()) && fast.Bytes()[at] == std.Bytes()[at] {
			at++
		}
		t.Fatalf("fast differs from encoding/json at byte %d:\n%.300s\nencoding/json:\n%.300s", at, fast.String()[max(at-100, 0):], std.String()[max(at-100, 0):])
	}
	if err := writeTokensJSON(&fast, 0, nil); err != nil || fast.String()[len(fast.String())-3:] != "[]\n" {
		t.Fatalf("empty list: %q", fast.String())
	}
}

// A write that fails stops the writing, and its error is the answer.
func TestFastJSONStopsAtAWriteError(t *testing.T) {
	tok := jsonToken{ID: "x", Name: "y"}
	for _, after := range []int{0, 1, 5} {
		w := &failingWriter{left: after}
		err := writeTokensJSON(w, 50*chunkTokens, func(int) jsonToken { return tok })
		if !errors.Is(err, errWriteFailed) {
			t.Errorf("failing after %d writes: %v", after, err)
		}
	}
}

var errWriteFailed = errors.New("disk full")

type failingWriter struct{ left int }

func (f *failingWriter) Write(p []byte) (int, error) {
	if f.left == 0 {
		return 0, errWriteFailed
	}
	f.left--
	return len(p), nil
}
