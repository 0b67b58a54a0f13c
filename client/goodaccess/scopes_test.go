package goodaccess

import (
	"crypto/rand"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
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
			if (err == nil) != (wantErr == nil) || err == nil && !reflect.DeepEqual(got.strings(), want) {
				t.Fatalf("%q: %q %v, want %q %v", raw, got.strings(), err, want, wantErr)
			}
			var tok listToken
			doc := append(append([]byte(`{"scopes":`), raw...), '}')
			var plain struct{ Scopes []string }
			plainErr := json.Unmarshal(doc, &plain)
			if err := json.Unmarshal(doc, &tok); (err == nil) != (plainErr == nil) || err == nil && !reflect.DeepEqual(tok.Scopes.strings(), client.SanitizeAll(plain.Scopes)) {
				t.Fatalf("%s: %q %v, want %q %v", doc, tok.Scopes.strings(), err, plain.Scopes, plainErr)
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

// A scope list that holds a secret tokentui sends is masked in every token
// that has it, when it is first decoded and when it comes from the cache,
// and so is one that holds a secret remembered after it was cached.
func TestSharedScopeListsAreScrubbed(t *testing.T) {
	// Secrets are remembered for the life of the process: these are new
	// on every run (-count).
	admin, later := "ga_"+rand.Text(), "ga_"+rand.Text()
	client.RememberSecret(admin)
	body := `[{"id":"a","scopes":["token.read","` + admin + `"]},{"id":"b","scopes":["token.read","` + admin + `"]},` +
		`{"id":"c","scopes":["token.read","x` + later + `"]},{"id":"d","scopes":["token.read","x` + later + `"]}]`
	holds := func(tokens []client.Token, secret string) bool {
		for _, tok := range tokens {
			if strings.Contains(strings.Join(tok.Scopes, " "), secret[3:20]) {
				return true
			}
		}
		return false
	}
	for round := range 2 {
		tokens, err := decodeList(rest.Response{Status: http.StatusOK, Body: []byte(body)})
		if err != nil || len(tokens) != 4 {
			t.Fatal(len(tokens), err)
		}
		if holds(tokens, admin) {
			t.Errorf("round %d: a scope shows the admin token: %q", round, tokens[0].Scopes)
		}
		if round == 0 && !holds(tokens, later) {
			t.Fatal("a scope was masked before its secret was known")
		}
		if round == 1 && holds(tokens, later) {
			t.Errorf("a cached scope list shows a secret remembered since: %q", tokens[2].Scopes)
		}
		if tokens[0].Scopes[0] != "token.read" {
			t.Errorf("%q", tokens[0].Scopes)
		}
		client.RememberSecret(later)
	}
}

// A list is found by its first bytes only when they are all of its text:
// not when the text there goes on, ends sooner or differs at its end, and
// only among the first lists of each head (maxPerHead), however many
// begin alike.
func TestListCachePrefix(t *testing.T) {
	var c listCache
	texts := []string{`["members.create","members.read","x"]`, `["members.create","members.read","y"]`, `["members.create","members.read"]`,
		`["members.create","members.read","z"]`, `["members.create","members.read","w"]`, `["members.create"]`, `"members.create,members.read"`}
	for _, text := range texts {
		c.put([]byte(text), client.ShareStrings([]string{text}))
	}
	for _, tc := range []struct {
		data string
		want int // index in texts, -1 none
	}{
		{`["members.create","members.read","x"],"n":1}`, 0},
		{`["members.create","members.read","y"]}`, 1},
		{`["members.create","members.read"]`, 2},
		{`["members.create","members.read","z"]`, 3},
		{`["members.create","members.read","w"]`, -1}, // a fifth of its head: found by its whole text only
		{`["members.create"]`, -1},                    // its head holds four already
		{`"members.create,members.read"`, -1},         // not an array
		{`["members.create","members.read","x","y"]`, -1},
		{`["members.create","members.read" ,"x"]`, -1},
		{`["members.create","members.read","x"`, -1},
		{`["members.create","members.read","v"]`, -1},
	} {
		l, n := c.prefix([]byte(tc.data))
		switch {
		case tc.want < 0 && n != 0:
			t.Errorf("%s: found %q", tc.data, l.Strings())
		case tc.want >= 0 && (n != len(texts[tc.want]) || l.Strings()[0] != texts[tc.want]):
			t.Errorf("%s: found %d bytes, want %s", tc.data, n, texts[tc.want])
		}
	}
	if l, ok := c.get([]byte(texts[4])); !ok || l.Strings()[0] != texts[4] {
		t.Error("a list beyond its head's few is not found by its text")
	}
}
