package unleash

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/tokentui/tokentui/client/hostile"
	"github.com/tokentui/tokentui/client/internal/rest"
	"github.com/tokentui/tokentui/client/internal/rest/resttest"
)

const fuzzSecret = "default:development.be4436a9c1f0e2d3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f3a2b"

// FuzzDecodeList: whatever the list answer, decoding never panics, every
// token it returns, or the error, is fit to show (no control or invisible
// character, dates valid or marked invalid), and the tokens are those
// encoding/json alone would give.
func FuzzDecodeList(f *testing.F) {
	seeds := []string{`{"tokens":[{"secret":"` + fuzzSecret + `","tokenName":"n","type":"client","projects":["default"],"environment":"development","expiresAt":"2026-01-31T10:00:00.000Z","createdAt":"2025-01-31T10:00:00.000Z"}]}`,
		`{"tokens":[]}`, `{"tokens":null}`, `{}`, ``, `<html>`, `{"tokens":[` + strings.Repeat("\n ", 3000) + `]}`,
		`{"tokens":[{"secret":"s","expiresAt":"0001-01-01T00:00:00Z","createdAt":"0000-01-01T00:00:00Z","seenAt":12}]}`,
		`{"tokens":[{"secret":"s","project":"a,b,\u200bc"}]}`, `{"tokens":[{"secret":{"x":1}}]}`}
	for _, name := range hostile.Names {
		b, _ := json.Marshal(map[string]any{"tokens": []map[string]any{{"secret": name, "tokenName": name, "type": name, "environment": name, "projects": []string{name}}}})
		seeds = append(seeds, string(b))
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		tokens, err := decodeTokenList(rest.Response{Status: http.StatusOK, Body: body})
		hostile.Decoded(t, tokens, err)
		want, found, wantErr := resttest.DecodeList(body, "tokens", resttest.Returning(convertToken))
		if wantErr == nil {
			want, wantErr = tokenListOf(want, found, http.StatusOK)
		}
		resttest.Same(t, body, tokens, err, want, wantErr)
	})
}

// FuzzDecodeCreated: the create answer in any shape yields either an error
// fit to show or a secret, a token and a warning fit to show; the warning
// never holds the secret.
func FuzzDecodeCreated(f *testing.F) {
	for _, s := range []string{`{"secret":"` + fuzzSecret + `","tokenName":"n","type":"client","environment":"development","projects":["default"]}`,
		`{"secret":"` + fuzzSecret + `","environment":7}`, `{"secret":"\u001b]0;t\u0007s\u200b"}`, `{"tokenName":"n"}`, `{}`, ``, `[`, `{"secret":12}`} {
		f.Add([]byte(s))
	}
	sent := createBody{TokenName: "n", Type: "client", Environment: "development", Projects: []string{"default"}}
	f.Fuzz(func(t *testing.T, body []byte) {
		created, err := decodeCreated(rest.Response{Status: http.StatusCreated, Body: body}, sent)
		if err != nil {
			if e := hostile.Shown(err.Error()); e != nil {
				t.Fatalf("error: %v", e)
			}
			return
		}
		for _, s := range []string{created.Secret, created.Warning} {
			if e := hostile.Shown(s); e != nil {
				t.Fatal(e)
			}
		}
		if e := hostile.Token(created.Token); e != nil {
			t.Fatal(e)
		}
		if len(created.Secret) >= 12 && strings.Contains(created.Warning, created.Secret) {
			t.Fatalf("the warning quotes the secret: %q", created.Warning)
		}
	})
}
