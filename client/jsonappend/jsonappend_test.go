package jsonappend

import (
	"bytes"
	"encoding/json"
	"testing"
)

// hostile holds strings that exercise every escape rule, including the ones
// encoding/json handles specially (\b, \f, U+2028, invalid UTF-8).
var hostile = []string{
	"",
	"plain ascii",
	`q"uote\back\\slash`,
	"new\nline\ttab\rcr\bbs\fff",
	"\x00\x01\x07\x0b\x0e\x1b[31mred\x1b[0m\x1f\x7f",
	"caf\u00e9 \u2603 \U0001F600 \u202e",
	"ls\u2028ps\u2029\u2027\u202a",
	"<script>&amp;</script>",
	"bad\xffutf8\xc3",
	"\xc3\x28 \xa0\xa1 \xe2\x82 \xed\xa0\x80 \xf0\x28\x8c\xbc \xf4\x90\x80\x80",
	"\xef\xbf\xbd real replacement char",
	"\x00",
	"\xff",
	"end with escape\n",
	"/slash/ is not escaped",
}

// stdlib is the reference: encoding/json with HTML escaping off, without
// the newline Encode adds.
func stdlib(t testing.TB, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func TestStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range hostile {
		if got, want := String(nil, s), stdlib(t, s); !bytes.Equal(got, want) {
			t.Errorf("String(%q) = %s, encoding/json = %s", s, got, want)
		}
	}
}

func TestStringAppendsToExistingBytes(t *testing.T) {
	got := String([]byte(`{"a":`), "x\"y")
	if string(got) != `{"a":"x\"y"` {
		t.Fatalf("got %s", got)
	}
}

func TestStringsMatchesEncodingJSON(t *testing.T) {
	for _, ss := range [][]string{{}, {""}, {"a"}, hostile} {
		if got, want := Strings(nil, ss), stdlib(t, ss); !bytes.Equal(got, want) {
			t.Errorf("Strings(%q) = %s, encoding/json = %s", ss, got, want)
		}
		if got, want := NullableStrings(nil, ss), stdlib(t, ss); !bytes.Equal(got, want) {
			t.Errorf("NullableStrings(%q) = %s, encoding/json = %s", ss, got, want)
		}
	}
}

func TestNilSlices(t *testing.T) {
	if got := string(Strings([]byte("x"), nil)); got != "x[]" {
		t.Errorf("Strings(nil) = %s, want x[]", got)
	}
	if got, want := NullableStrings(nil, nil), stdlib(t, []string(nil)); !bytes.Equal(got, want) || string(got) != "null" {
		t.Errorf("NullableStrings(nil) = %s, encoding/json = %s", got, want)
	}
}

func FuzzString(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := String(nil, s)
		if want := stdlib(t, s); !bytes.Equal(got, want) {
			t.Fatalf("String(%q) = %s, encoding/json = %s", s, got, want)
		}
	})
}

func BenchmarkString(b *testing.B) {
	s := "GoodAccess token \"ops\" \u2603 with some length to it"
	buf := make([]byte, 0, 256)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		buf = String(buf[:0], s)
	}
}
