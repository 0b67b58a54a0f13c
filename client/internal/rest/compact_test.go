package rest

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// spaceReader changes nothing a JSON decoder reads: whitespace inside
// strings (escaped quotes and backslashes included) is kept, runs outside
// are cut to one space, and reads of any size give the same result.
func TestSpaceReader(t *testing.T) {
	cases := map[string]string{
		"{\n  \"a\" :  [ 1 ,\t2 ]\r\n}":          `{ "a" : [ 1 , 2 ] }`,
		`"  keep   these  "   `:                  `"  keep   these  " `,
		`["a\"  b", "c\\", "  d  "]`:             `["a\"  b", "c\\", "  d  "]`,
		`["\\\"   x"  ,  1]`:                     `["\\\"   x" , 1]`,
		"  \n\n  ":                               " ",
		"":                                       "",
		`{"k":"\u0022  not the end  ","x":   1}`: `{"k":"\u0022  not the end  ","x": 1}`,
	}
	for in, want := range cases {
		for _, size := range []int{1, 2, 3, 7, 4096} {
			r := &spaceReader{r: iotest.OneByteReader(strings.NewReader(in))}
			if size > 1 {
				r = &spaceReader{r: &chunkReader{data: []byte(in), size: size}}
			}
			got, err := io.ReadAll(r)
			if err != nil || string(got) != want {
				t.Errorf("%q in reads of %d = %q, %v; want %q", in, size, got, err, want)
			}
			if r.removed != int64(len(in)-len(got)) {
				t.Errorf("%q: removed %d, want %d", in, r.removed, len(in)-len(got))
			}
		}
	}
}

type chunkReader struct {
	data []byte
	size int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), c.size)], c.data)
	c.data = c.data[n:]
	return n, nil
}

// FuzzSpaceReader: the compacted text decodes to the same value as the
// original (or fails as the original does).
func FuzzSpaceReader(f *testing.F) {
	for _, s := range []string{`{"a": [1, 2, "x  y"]}`, `"\\"  `, `[ "\"" , true ]`, "  \n\t[\r]  "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var want, got any
		errWant := json.Unmarshal([]byte(in), &want)
		out, _ := io.ReadAll(&spaceReader{r: strings.NewReader(in)})
		errGot := json.Unmarshal(out, &got)
		if (errWant == nil) != (errGot == nil) {
			t.Fatalf("%q -> %q: %v / %v", in, out, errWant, errGot)
		}
		if errWant == nil {
			a, _ := json.Marshal(want)
			b, _ := json.Marshal(got)
			if !bytes.Equal(a, b) {
				t.Fatalf("%q -> %q decodes differently", in, out)
			}
		}
	})
}

// BenchmarkSpaceReader is spaceReader's own cost on a list of tiny
// elements (its worst case: little string, much structure) and on a list
// shaped like a real one. Compare it with BenchmarkDecodeList10k of the
// providers: decoding the same bytes costs several times more.
func BenchmarkSpaceReader(b *testing.B) {
	const token = `{"id":"5e9b1d3f-7a2c-4b6e-a8d0-4f6b8c0e2a3d","name":"deploy key for the prod cluster","scopes":["token.read","members.read-all","system-logs.read"],"allowed_ips":["203.0.113.10/32"],"created_at":"2025-01-02 03:04:05","expires_at":null,"last_used_at":"2025-03-04 05:06:07"}`
	lists := map[string][]byte{
		"tiny-elements": []byte(bigList(100000)),
		"token-list":    []byte("[" + strings.Repeat(token+",", 20000) + token + "]"),
	}
	for name, body := range lists {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			buf := make([]byte, 32<<10)
			for i := 0; i < b.N; i++ {
				r := &spaceReader{r: bytes.NewReader(body)}
				for {
					if _, err := r.Read(buf); err != nil {
						break
					}
				}
			}
		})
	}
}
