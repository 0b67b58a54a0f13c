package rest

import (
	"bytes"
	"encoding/json"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// knownBodies are lists whose elements repeat arrays long enough to be
// known (knownMin), and arrays that begin alike but are not the same: one
// ending sooner, one going on, one with a null, an escape or a byte beyond
// ASCII in it, with whitespace or an object inside, nested in another, as
// deep as encoding/json allows and one deeper, cut short. The first five
// take a known array (knownBodiesTaking).
func knownBodies() []string {
	long := `["members.create","members.read","members.update","groups.read"]`
	alike := []string{
		long,
		`["members.create","members.read","members.update"]`,
		`["members.create","members.read","members.update","groups.read","x"]`,
		`["members.create","members.read","members.update","groups.read",null]`,
		`["members.create","members.read","members.update","groups.r\u00e9ad"]`,
		"[\"members.create\",\"members.read\",\"members.update\",\"groups.r\xc3\xa9ad\"]",
		`["members.create","members.read", "members.update","groups.read"]`,
		`["members.create","members.read","members.update",{"groups":"read"}]`,
		`["members.create","members.read","members.update","groups.read"],"n":1`,
		`[["members.create","members.read","members.update","groups.read"],[]]`,
	}
	var bodies []string
	for _, key := range []string{"scopes", "known", "other"} {
		var b strings.Builder
		b.WriteString("[")
		for i := range 3 * len(alike) {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(`{"id":"` + strings.Repeat("i", i) + `","` + key + `":` + alike[(i*7)%len(alike)] + `}`)
		}
		bodies = append(bodies, b.String()+"]")
	}
	// An escape before a known array, not in it; one in a known array
	// inside another array, which is not kept (it holds an array).
	special := strings.Replace(long, "groups.read", `groups.r\u00e9ad`, 1)
	bodies = append(bodies, `[{"name":"\u0041","scopes":`+long+`},{"scopes":`+long+`}]`,
		`[{"other":`+special+`},{"other":[`+special+`,1]},{"other":[`+special+`,1]}]`)
	// A known array as deep as encoding/json allows and one deeper, alone
	// and inside another array met before (never kept: its depth is
	// checked bracket by bracket).
	deep := strings.Repeat("[", maxDepth-2)
	for _, d := range []string{deep, deep + "["} {
		bodies = append(bodies, `[{"other":`+long+`},{"other":`+d+long+strings.Repeat("]", len(d))+`}]`,
			`[{"other":`+long+`},{"other":[`+long+`,1]},{"other":`+d[1:]+`[`+long+`,1]`+strings.Repeat("]", len(d)-1)+`}]`)
	}
	return append(bodies, `[{"scopes":`+long+`},{"scopes":`+long[:len(long)-1]+`}]`)
}

const knownBodiesTaking = 5

// Every element of these lists decodes as encoding/json decodes it, read
// whole (the arrays known and taken at once) and a few bytes at a time
// (never known: each spans reads).
func TestKnownArraysDecodeAsEncodingJSON(t *testing.T) {
	before := knownTaken.Load()
	for _, body := range knownBodies() {
		for _, key := range []string{"", "list"} {
			decodeBoth(t, []byte(body), key)
		}
	}
	if knownTaken.Load() == before {
		t.Error("the plain decoder never took a known value whole")
	}
}

// The scanner takes a known array whole, and cuts out the very values,
// marked special or not, that it cuts when it meets every array anew.
func TestScannerTakesKnownArraysWhole(t *testing.T) {
	for i, body := range knownBodies() {
		whole, hits := scanAll(t, bytes.NewReader([]byte(body)))
		trickled, _ := scanAll(t, &chunkReader{data: []byte(body), size: 3})
		if len(whole) != len(trickled) {
			t.Fatalf("%.80s: %d values read whole, %d a few bytes at a time", body, len(whole), len(trickled))
		}
		for i := range whole {
			if whole[i] != trickled[i] {
				t.Fatalf("%.80s: value %d read whole %q, a few bytes at a time %q", body, i, whole[i], trickled[i])
			}
		}
		if i < knownBodiesTaking && hits == 0 {
			t.Errorf("%.80s: no array was known", body)
		}
	}
}

// scanAll cuts a list into its elements, each with its special mark
// appended, and counts the arrays taken whole.
func scanAll(t *testing.T, r io.Reader) (values []string, hits int) {
	t.Helper()
	s := newListScanner(r)
	if err := s.expect('['); err != nil {
		t.Fatal(err)
	}
	for {
		v, err := s.value(nil)
		if err != nil { // what was cut so far is not a value
			values = append(values, "error "+err.Error())
			break
		}
		values = append(values, string(v)+map[bool]string{true: " special", false: ""}[s.special])
		if c, _ := s.peek(); c != ',' {
			break
		}
		s.pos++
	}
	if s.known.buckets != nil {
		for _, bucket := range s.known.buckets {
			for _, a := range bucket {
				hits += a.hits
			}
		}
	}
	return values, hits
}

// However many arrays differ, the table holds at most knownWays of a
// bucket, each up to knownMax bytes: a server cannot make it grow.
func TestKnownArraysAreBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("[")
	for i := range 5000 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"a":["` + strings.Repeat("x", 40+i%5000) + `"]}`)
	}
	b.WriteString("]")
	s := newListScanner(strings.NewReader(b.String()))
	if err := s.expect('['); err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := s.value(nil); err != nil {
			t.Fatal(err)
		}
		if c, _ := s.peek(); c != ',' {
			break
		}
		s.pos++
	}
	kept := 0
	for _, bucket := range s.known.buckets {
		for _, a := range bucket {
			if len(a.raw) > knownMax {
				t.Fatalf("an array of %d bytes was kept", len(a.raw))
			}
			kept += cap(a.raw)
		}
	}
	if kept > knownBuckets*knownWays*knownMax {
		t.Fatalf("%d bytes kept", kept)
	}
}

// knownList is a field type that knows the lists it has been given
// (rest.PrefixUnmarshaler), as GoodAccess's scope lists do.
type knownList struct{ List []string }

var (
	knownTexts sync.Map // text → []string
	knownTaken atomic.Int64
)

func (k *knownList) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, &k.List); err != nil {
		return err
	}
	if len(b) > 0 && b[0] == '[' {
		knownTexts.Store(string(b), k.List)
	}
	return nil
}

func (k *knownList) UnmarshalPrefix(data []byte) int {
	n := 0
	knownTexts.Range(func(text, list any) bool {
		if t := text.(string); strings.HasPrefix(string(data), t) {
			k.List, n = list.([]string), len(t)
			knownTaken.Add(1)
			return false
		}
		return true
	})
	return n
}

// Random lists whose elements draw their arrays from a few, often long
// enough to be known: plain strings, escapes, bytes beyond ASCII, nulls,
// numbers, a space after a comma, arrays and objects nested in arrays.
// Whatever they hold, the values cut read whole equal those cut three bytes
// at a time, and decoding equals encoding/json's.
func TestKnownArraysRandomLists(t *testing.T) {
	items := []string{`"members.create"`, `"members.read"`, `"groups.read"`, `"r\u00e9ad"`, "\"r\xc3\xa9ad\"", `"a\"b"`,
		`null`, `1`, `"x y"`, `""`, `"[\"]"`, `"\u017f"`, `true`}
	keys := []string{"id", "name", "scopes", "known", "other", "when", "n"}
	for seed := range uint64(3000) {
		rng := rand.New(rand.NewPCG(seed, 7))
		var pool []string
		for range 12 {
			parts := make([]string, 1+rng.IntN(6))
			for i := range parts {
				parts[i] = items[rng.IntN(len(items))]
			}
			sep := ","
			if rng.IntN(8) == 0 {
				sep = ", "
			}
			pool = append(pool, "["+strings.Join(parts, sep)+"]")
		}
		elements := make([]string, 2+rng.IntN(12))
		for i := range elements {
			fields := make([]string, 1+rng.IntN(3))
			for j := range fields {
				fields[j] = `"` + keys[rng.IntN(len(keys))] + `":` + randomValue(rng, pool, 0)
			}
			elements[i] = "{" + strings.Join(fields, ",") + "}"
		}
		body := "[" + strings.Join(elements, ",") + "]"
		whole, _ := scanAll(t, strings.NewReader(body))
		trickled, _ := scanAll(t, &chunkReader{data: []byte(body), size: 3})
		if !slices.Equal(whole, trickled) {
			t.Fatalf("seed %d: read whole %q, a few bytes at a time %q", seed, whole, trickled)
		}
		decodeBoth(t, []byte(body), "")
		decodeBoth(t, []byte(`{"x":`+pool[0]+`,"list":`+body+`}`), "list")
	}
}

// randomValue is an array of pool, or one of them nested, or a scalar.
func randomValue(rng *rand.Rand, pool []string, depth int) string {
	switch x := rng.IntN(10); {
	case x < 5:
		return pool[rng.IntN(len(pool))]
	case x < 7 && depth < 4:
		parts := make([]string, 1+rng.IntN(3))
		for i := range parts {
			parts[i] = randomValue(rng, pool, depth+1)
		}
		return "[" + strings.Join(parts, ",") + "]"
	case x < 8 && depth < 4:
		return `{"k":` + randomValue(rng, pool, depth+1) + `}`
	case x < 9:
		return `"s"`
	}
	return "null"
}
