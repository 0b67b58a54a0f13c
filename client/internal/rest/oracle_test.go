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
// strings, string lists, numbers, booleans, a method of its own (and one
// that knows values from their first bytes), a pointer and a map. (Not
// raw JSON: inside an element, runs of whitespace are cut to one space,
// which a json.RawMessage would keep. No provider's list element has one.)
type shape struct {
	ID     string            `json:"id"`
	Name   string            `json:"name"`
	Scopes []string          `json:"scopes"`
	N      int               `json:"n"`
	F      float64           `json:"f"`
	Secure bool              `json:"secure"`
	When   rawWhen           `json:"when"`
	Known  knownList         `json:"known"`
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

// embedded is a list element of the kinds the plain decoder writes, laid
// out to try encoding/json's rules for which field a key names: fields
// promoted from embedded structs, a shallower field hiding a deeper one, a
// tagged field beating an untagged one, two at one depth hiding each
// other, names from Go, fields encoding/json ignores, and kinds the plain
// decoder leaves to the general one (a pointer, ",string").
type embedded struct {
	embeddedBase
	*embeddedPtr
	embeddedTie
	Name     string  `json:"name"`
	Untagged string  // "Untagged", in any case
	When     rawWhen `json:"when"`
	Ptr      *string `json:"ptr"`
	Quoted   bool    `json:"q,string"`
	Ignored  string  `json:"-"`
	//lint:ignore SA5008 a field named "-", as encoding/json reads it: the decoders must agree
	Dash string `json:"-,"`
	//lint:ignore SA5008 an invalid name, which encoding/json replaces by "Bad": the decoders must agree
	Bad    string `json:"a\\b"`
	hidden string
}

type embeddedBase struct {
	ID     string   `json:"id"`
	Scopes []string `json:"scopes"`
	Name   string   // not embedded.Name's "name", but first to match "NAME"
	Twin   string   // hidden by embeddedTie.Twin, and it by this
	Label  string   // hidden by the tagged embeddedTie.Tagged
	Secure bool
}

type embeddedTie struct {
	Twin   string
	Tagged string `json:"Label"`
	Flag   bool   `json:"deep"`
	Deep   string // another name: "Deep" is not "deep"
}

type embeddedPtr struct {
	Behind string `json:"behind"` // behind a pointer: left to the general decoder
}

func keepEmbedded(e *embedded) (embedded, error) {
	if e.hidden != "" {
		return embedded{}, fmt.Errorf("an unexported field was written")
	}
	return *e, nil
}

// decodeBoth decodes body into both kinds of element, shape and embedded.
func decodeBoth(t *testing.T, body []byte, key string) {
	t.Helper()
	decodeBothAs(t, body, key, keep)
	decodeBothAs(t, body, key, keepEmbedded)
}

// into makes a convert that returns its result (resttest.DecodeList's) one
// that writes it (DecodeList's).
func into[T, R any](convert func(*T) (R, error)) func(*T, *R) error {
	return func(t *T, r *R) (err error) {
		*r, err = convert(t)
		return err
	}
}

// decodeBothAs decodes body with DecodeList and with encoding/json alone,
// with batches of two elements, so every path of the parallel decoder runs
// on a short body.
func decodeBothAs[T, R any](t *testing.T, body []byte, key string, keep func(*T) (R, error)) {
	t.Helper()
	defer func(e, b, a int) { batchElements, batchBytes, estimateAfter = e, b, a }(batchElements, batchBytes, estimateAfter)
	batchElements, batchBytes, estimateAfter = 2, 64, 7
	got, gotFound, err := DecodeList(Response{Status: 200, Body: body}, key, into(keep))
	want, wantFound, wantErr := resttest.DecodeList(body, key, keep)
	// Read a few bytes at a time, every value crosses refills.
	trickled, _, trickledErr := decodeListFrom(Body{Reader: &chunkReader{data: body, size: 3}, Status: 200}, key, into(keep), nil, nil)
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
	// Plain elements, and each way the plain decoder must give up.
	`[{"id":"a","NAME":"b","untagged":"c","UNTAGGED":"d","twin":"t","label":"l","deep":true,"Deep":"x","secure":true,"-":"d","Bad":"b","Ignored":"i","hidden":"h"}]`,
	`[{"Label":"l","Twin":"t","Deep":"x","deep":false,"DEEP":true,"Name":"n"}]`,
	`[{"id" : "a" , "scopes" : [ "x" , null , "y" ] , "when" : { "a" : [ 1 , -2.5e+3 , true , null , "s" ] } , "other" : [ ] }]`,
	`[{"scopes":[]},{"scopes":null},{"scopes":["a"],"scopes":["b",null]},{"scopes":["a","b"],"scopes":[null]}]`,
	`[{"name":null},{"name":"a","name":null},{"secure":null},{"secure":false,"secure":true},{"id":1},{"secure":"yes"}]`,
	`[{"behind":"b"},{"ptr":"p"},{"q":"true"},{"when":"fail"},{"when":null},{"when":7}]`,
	`[{"x":01},{"x":1.},{"x":.5},{"x":1e},{"x":-},{"x":tru},{"x":nul},{"x":truex},{"x":1x},{"x":[1,]},{"x":{"a"}},{"x":{"a":1,}}]`,
	`[{"x":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}]`,
	`[{"id":"a",},{,"id":"a"},{"id":"a" "name":"b"},{"id"},{"id":},{"id":"a"]`, "[{\"id\":\"a\tb\"},{\"id\":\"\x7f\"},{\"i\x01d\":\"a\"}]",
	"[{\"id\":\"a\"}\x00]", "[{\"id\":\"a\"\x0c}]", `[{"id":"a"}{"id":"b"}]`, `[ {} , { } ]`,
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
	// Long elements first, then short ones: the list sized on the first
	// is too short and grows; short ones first: it is too long.
	long := `{"id":"` + strings.Repeat("x", 300) + `","scopes":["a","b","c","d"]}`
	for _, body := range []string{
		"[" + strings.Repeat(long+",", 6) + strings.Repeat(`{"n":1},`, 30) + `{"n":2}]`,
		"[" + strings.Repeat(`{"n":1},`, 6) + strings.Repeat(long+",", 30) + long + "]",
	} {
		decodeBoth(t, []byte(body), "")
	}
	for i := range 40 {
		for _, bad := range []string{`"n":"x"`, `"n":-1`} {
			body := strings.Replace(list, fmt.Sprintf(`"n":%d}`, i), bad+"}", 1) + "]"
			decodeBoth(t, []byte(body), "")
		}
	}
}
