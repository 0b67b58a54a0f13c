package goodaccess

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client/hostile"
	"github.com/tokentui/tokentui/client/internal/rest"
	"github.com/tokentui/tokentui/client/internal/rest/resttest"
)

// listSeeds are list answers a hostile or odd server sends.
func listSeeds() []string {
	seeds := []string{"[" + validToken + "]", "[]", "null", "", "[" + validToken, "{}", "[1,2]", "<html>",
		"[" + strings.Repeat(" \n", 1000) + validToken + strings.Repeat("\t", 1000) + "]",
		`[{"id":"x","expires_at":"0000-00-00 00:00:00","created_at":"0001-01-01T00:00:00Z","last_used_at":"yesterday"}]`,
		`[{"id":7,"name":{"a":1}}]`}
	// Scope lists that begin alike (more of them than one head keeps),
	// one the start of another, some as long as others and differing only
	// at the end, each given twice: the second time found by their first
	// bytes (UnmarshalPrefix), when the process's cache has room for them
	// (TestListCachePrefix tests the finding on a cache of its own).
	alike := []string{`["members.create","members.read","x"]`, `["members.create","members.read","y"]`, `["members.create","members.read"]`,
		`["members.create","members.read","z"]`, `["members.create"]`, `["members.create","members.read",null]`,
		`["members.create","members.read" ,"x"]`, `["members.create","members.r\u0065ad"]`}
	var list []string
	for i := range 2 * len(alike) {
		list = append(list, `{"id":"`+strings.Repeat("x", i+1)+`","scopes":`+alike[i%len(alike)]+`}`)
	}
	seeds = append(seeds, "["+strings.Join(list, ",")+"]")
	for _, name := range hostile.Names {
		seeds = append(seeds, `[{"id":"x","name":`+quote(name)+`,"scopes":[`+quote(name)+`],"allowed_ips":[`+quote(name)+`]}]`)
	}
	return seeds
}

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\x1b", `\u001b`, "\x07", `\u0007`).Replace(s) + `"`
}

// FuzzDecodeList: whatever the list answer, decoding never panics, every
// token it returns, or the error, is fit to show (no control or invisible
// character, dates valid or marked invalid), and the tokens are those
// encoding/json alone would give.
func FuzzDecodeList(f *testing.F) {
	for _, s := range listSeeds() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		tokens, err := decodeList(rest.Response{Status: http.StatusOK, Body: body})
		hostile.Decoded(t, tokens, err)
		want, _, wantErr := resttest.DecodeList(body, "", resttest.Returning(listConverter(time.UTC)))
		resttest.Same(t, body, tokens, err, nonNil(want), wantErr)
	})
}

// FuzzDecodeCreate: the create answer in any shape yields a secret and
// token fit to show, and never panics.
func FuzzDecodeCreate(f *testing.F) {
	for _, s := range []string{`{"created_id":"id","message":"ok","token":"ga_secret"}`, `{"secret":"s"}`, `{"token":{"id":"i","token":"t"}}`,
		validToken, `{"token":"\u001b]52;c;x\u0007s\u200be"}`, `{"token":7}`, `{"created_id":{"a":1},"token":"s"}`, `[]`, ``} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var cr createResponse
		err := rest.Decode(rest.Response{Status: http.StatusOK, Body: body}, &cr)
		if err != nil {
			if e := hostile.Shown(err.Error()); e != nil {
				t.Fatalf("error: %v", e)
			}
		}
		secret, id := cr.secretAndID()
		tok, _ := cr.apiToken.toToken(time.UTC)
		for _, s := range []string{secret, id} {
			if e := hostile.Shown(s); e != nil {
				t.Fatal(e)
			}
		}
		if e := hostile.Token(tok); e != nil {
			t.Fatal(e)
		}
	})
}
