package border0

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/hostile"
	"github.com/tokentui/tokentui/client/internal/rest"
	"github.com/tokentui/tokentui/client/internal/rest/resttest"
)

// FuzzDecodeList: whatever the list answer, decoding never panics, every
// token it returns, or the error, is fit to show (no control or invisible
// character, dates valid or marked invalid), and the tokens are those
// encoding/json alone would give.
func FuzzDecodeList(f *testing.F) {
	seeds := []string{`{"list":[{"id":"a","name":"n","role":"admin","created_at":"2025-01-02T03:04:05Z","expires_at":1767323045}]}`,
		`[{"id":1,"created_at":1735787045000}]`, `{"list":null}`, `{}`, ``, `<html>`, `{"list":[` + strings.Repeat(" ", 5000) + `]}`,
		`{"list":[{"id":"a","created_at":"0001-01-01T00:00:00Z","expires_at":9223372036854775807}]}`,
		`{"list":[{"id":"a","created_at":"0000-01-01T00:00:00Z","expires_at":"292278994-08-17T07:12:55Z"}]}`,
		`{"list":[{"id":{"x":1}}]}`}
	for _, name := range hostile.Names {
		b, _ := json.Marshal(map[string]any{"list": []map[string]string{{"id": name, "name": name, "role": name, "created_by": name}}})
		seeds = append(seeds, string(b))
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		tokens, err := decodeList(rest.Response{Status: http.StatusOK, Body: body})
		hostile.Decoded(t, tokens, err)
		want, found, wantErr := resttest.DecodeList(body, listKey, resttest.Returning(convertToken))
		if wantErr == nil {
			want, wantErr = tokenList(want, found, http.StatusOK)
		}
		resttest.Same(t, body, tokens, err, want, wantErr)
	})
}

// FuzzDecodeCreate: the create answer in any shape yields a secret, claims
// and a token fit to show, and never panics.
func FuzzDecodeCreate(f *testing.F) {
	for _, s := range []string{`{"name":"n","token":"` + fakeJWT(`{"org_id":"o","token_id":"t","exp":1767323045}`) + `","created_at":"2026-03-14T09:26:53Z"}`,
		`{"name":"n","token":"` + fakeJWT(`{"org_id":"o","exp":1e300,"iat":"x"}`) + `","created_at":-1}`,
		`{"name":{"first":"x"},"token":"s3cr3t-not-jwt","created_at":1}`, `{"token":"\u001b[2Jx\u200b"}`, `{}`, ``, `[`} {
		f.Add([]byte(s))
	}
	now := testNow
	f.Fuzz(func(t *testing.T, body []byte) {
		var out createResponse
		if err := rest.Decode(rest.Response{Status: http.StatusOK, Body: body}, &out); err != nil {
			if e := hostile.Shown(err.Error()); e != nil {
				t.Fatalf("error: %v", e)
			}
		}
		secret := client.Sanitize(strings.TrimSpace(out.Token))
		claims, _ := DecodeClaims(secret)
		tok := requested(createRequest{Name: "n", Role: "member"}, out, claims)
		if e := hostile.Token(tok); e != nil {
			t.Fatal(e)
		}
		facts, _ := recognise(secret, now)
		for _, fact := range facts.Fields {
			if e := hostile.Shown(fact.Value); e != nil {
				t.Fatal(e)
			}
		}
	})
}
