package goodaccess

import (
	"encoding/json"
	"net/http"
	"reflect"
	"testing"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/hostile"
	"github.com/tokentui/tokentui/client/internal/rest"
)

// FuzzScopeList: a scope list decodes as encoding/json decodes a []string,
// sanitised, whether it was seen before (shared) or not, inside a token or
// alone; and errors where that errs.
func FuzzScopeList(f *testing.F) {
	for _, s := range []string{`["members.read","logs.read"]`, `[]`, `null`, `"x"`, `[1]`, `["a",null,"b"]`, `["\u001b[31mred"]`, "[\"\xff\"]", `{}`, `[`, ` ["a"] `} {
		f.Add([]byte(s))
	}
	for _, name := range hostile.Names {
		b, _ := json.Marshal([]string{name})
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var want []string
		wantErr := json.Unmarshal(raw, &want)
		want = client.SanitizeAll(want)
		for range 2 { // the second time from the cache, if it was kept
			var got scopeList
			err := json.Unmarshal(raw, &got)
			if (err == nil) != (wantErr == nil) || err == nil && !reflect.DeepEqual([]string(got), want) {
				t.Fatalf("%q: %q %v, want %q %v", raw, got, err, want, wantErr)
			}
			var tok listToken
			doc := append(append([]byte(`{"scopes":`), raw...), '}')
			var plain struct{ Scopes []string }
			plainErr := json.Unmarshal(doc, &plain)
			if err := json.Unmarshal(doc, &tok); (err == nil) != (plainErr == nil) || err == nil && !reflect.DeepEqual([]string(tok.Scopes), client.SanitizeAll(plain.Scopes)) {
				t.Fatalf("%s: %q %v, want %q %v", doc, tok.Scopes, err, plain.Scopes, plainErr)
			}
		}
	})
}

// Tokens with the same scopes share one list, decoded once.
func TestScopeListsAreShared(t *testing.T) {
	body := `[{"id":"a","scopes":["logs.read","token.read"]},{"id":"b","scopes":["logs.read","token.read"]},{"id":"c","scopes":["logs.read"]}]`
	tokens, err := decodeList(rest.Response{Status: http.StatusOK, Body: []byte(body)})
	if err != nil || len(tokens) != 3 {
		t.Fatal(len(tokens), err)
	}
	if &tokens[0].Scopes[0] != &tokens[1].Scopes[0] || cap(tokens[0].Scopes) != 2 {
		t.Error("the same scopes are not one clipped list")
	}
	if tokens[2].Scopes[0] != "logs.read" {
		t.Errorf("%q", tokens[2].Scopes)
	}
}
