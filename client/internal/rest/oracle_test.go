package rest

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/tokentui/tokentui/client/internal/rest/resttest"
)

// shape is a list element with every kind of field the providers decode:
// strings, string lists, numbers, booleans, a method of its own, a pointer
// and a map. (Not raw JSON: inside an element, runs of whitespace are cut
// to one space, which a json.RawMessage would keep. No provider's list
// element has one.)
type shape struct {
	ID     string            `json:"id"`
	Name   string            `json:"name"`
	Scopes []string          `json:"scopes"`
	N      int               `json:"n"`
	F      float64           `json:"f"`
	Secure bool              `json:"secure"`
	When   rawWhen           `json:"when"`
	Inner  *struct{ X int }  `json:"inner"`
	Labels map[string]string `json:"labels"`
}

// rawWhen keeps what its UnmarshalJSON is given, as a provider's date type
// reads it.
type rawWhen struct{ Got string }

func (w *rawWhen) UnmarshalJSON(b []byte) error {
	if string(b) == `"fail"` {
		return fmt.Errorf("refused %s", b)
	}
	w.Got = string(b)
	return nil
}

func keep(s *shape) (shape, error) {
	if s.N < 0 {
		return shape{}, fmt.Errorf("negative n")
	}
	return *s, nil
}

// decodeBoth decodes body with DecodeList and with encoding/json alone,
// with batches of two elements, so every path of the parallel decoder runs
// on a short body.
func decodeBoth(t *testing.T, body []byte, key string) {
	t.Helper()
	defer func(e, b int) { batchElements, batchBytes = e, b }(batchElements, batchBytes)
	batchElements, batchBytes = 2, 64
	got, gotFound, err := DecodeList(Response{Status: 200, Body: body}, key, keep)
	want, wantFound, wantErr := resttest.DecodeList(body, key, keep)
	// Read a few bytes at a time, every value crosses refills.
	trickled, _, trickledErr := decodeListFrom(Body{Reader: &chunkReader{data: body, size: 3}, Status: 200}, key, keep, nil)
	if (err == nil) != (trickledErr == nil) || !reflect.DeepEqual(got, trickled) {
		t.Fatalf("%q key %q: read whole %+v %v, three bytes at a time %+v %v", body, key, got, err, trickled, trickledErr)
	}
	if (err == nil) != (wantErr == nil) {
		t.Fatalf("%q key %q: error %v, encoding/json's %v", body, key, err, wantErr)
	}
	if err == nil && (gotFound != wantFound || !reflect.DeepEqual(got, want)) {
		t.Fatalf("%q key %q:\n got %+v (found %v)\nwant %+v (found %v)", body, key, got, gotFound, want, wantFound)
	}
}

var oracleSeeds = []string{
	`[{"id":"a","name":"b","scopes":["x","y"],"n":3,"secure":true,"when":"2024-01-01","inner":{"X":1},"labels":{"k":"v"},"inner" : {"X" :2}}]`,
	`[{"ID":"a","NAME":"\u00e9\ud800x","scopes":null,"n":1e2},{},null,{"n":-0}]`,
	`[{"id":"a","id":"b","scopes":["x"],"scopes":[]},{"ſcopes":["k"],"\u017fcopes":["s"],"\u212Aey":1}]`,
	"[{\"name\":\"\xff\xfe\"},{\"name\":\"a\\u0000b\"}]",
	`[{"name":1}]`, `[{"scopes":"x"}]`, `[{"n":"1"}]`, `[{"n":1.5}]`, `[{"when":"fail"}]`, `[{"n":-1}]`,
	`[{"n":1},{"n":"x"},{"n":2`, `[{"n":1},{"n":2}] x`, `[{"n":1}] []`, `[1,2]`, `[[]]`, `["s"]`, `[true]`,
	`{"list":[{"n":1}],"LIST":[{"n":2},{"n":3}],"other":{"a":[1,{"b":null}]}}`, `{"list":null}`, `{"other":1}`, `{"list":{}}`,
	`{"list":[{"n":1}]`, `{"a":tru,"list":[]}`, `{}`, `[]`, `null`, ` [ ] `, `<html>`, ``, `{"list":[{"n":1},{"n":2},{"n":3},{"n":4},{"n":5}]}`,
}

// FuzzDecodeListMatchesEncodingJSON: whatever the answer, the list decoder
// (segmentio's decoder on elements the scanner cut out, several at once)
// fails when encoding/json fails and otherwise gives its very results.
func FuzzDecodeListMatchesEncodingJSON(f *testing.F) {
	for _, s := range oracleSeeds {
		f.Add([]byte(s), "list")
		f.Add([]byte(s), "")
	}
	f.Fuzz(func(t *testing.T, body []byte, key string) {
		if strings.Contains(key, bareMark) {
			return
		}
		decodeBoth(t, body, key)
		decodeBoth(t, body, BareOrKey(key))
	})
}

func TestDecodeListMatchesEncodingJSON(t *testing.T) {
	for _, s := range oracleSeeds {
		for _, key := range []string{"list", "", BareOrKey("list")} {
			decodeBoth(t, []byte(s), key)
		}
	}
	// A long list, with a failing element at every place a batch can be.
	var b bytes.Buffer
	b.WriteString("[")
	for i := range 40 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"id":"%d","scopes":["a","b"],"n":%d}`, i, i)
	}
	list := b.String()
	decodeBoth(t, []byte(list+"]"), "")
	for i := range 40 {
		for _, bad := range []string{`"n":"x"`, `"n":-1`} {
			body := strings.Replace(list, fmt.Sprintf(`"n":%d}`, i), bad+"}", 1) + "]"
			decodeBoth(t, []byte(body), "")
		}
	}
}
