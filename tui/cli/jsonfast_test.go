package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
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
	var fast bytes.Buffer
	if err := writeTokensJSON(bufio.NewWriter(&fast), len(tokens), func(i int) jsonToken { return tokens[i] }); err != nil {
		t.Fatal(err)
	}
	var std bytes.Buffer
	enc := json.NewEncoder(&std)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(tokens); err != nil {
		t.Fatal(err)
	}
	if fast.String() != std.String() {
		t.Fatalf("fast:\n%s\nencoding/json:\n%s", fast.String(), std.String())
	}
	if err := writeTokensJSON(bufio.NewWriter(&fast), 0, nil); err != nil || fast.String()[len(fast.String())-3:] != "[]\n" {
		t.Fatalf("empty list: %q", fast.String())
	}
}
