package rest

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

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

// The scanner hands on each value with whitespace outside strings cut to
// one space, and whitespace, escaped quotes and backslashes inside strings
// kept, whatever the size of the reads.
func TestScannerValues(t *testing.T) {
	cases := map[string][]string{
		"[{\n  \"a\" :  [ 1 ,\t2 ]\r\n}, \"x\" ,3]": {`{ "a" : [ 1 , 2 ] }`, `"x"`, `3`},
		`[ "  keep   these  "   ]`:                  {`"  keep   these  "`},
		`["a\"  b", "c\\", "  d  "]`:                {`"a\"  b"`, `"c\\"`, `"  d  "`},
		`[{"k":"\u0022  not the end  ","x":   1}]`:  {`{"k":"\u0022  not the end  ","x": 1}`},
		`[true,null ,-1.5e3,{}, [] ,"",{"a":[[]]}]`: {`true`, `null`, `-1.5e3`, `{}`, `[]`, `""`, `{"a":[[]]}`},
		"[" + strings.Repeat(" ", 100000) + "1   ]": {`1`},
	}
	for in, want := range cases {
		for _, size := range []int{1, 2, 3, 7, 4096} {
			s := newListScanner(&chunkReader{data: []byte(in), size: size})
			if err := s.expect('['); err != nil {
				t.Fatal(err)
			}
			var got []string
			for {
				v, err := s.value(nil)
				if err != nil {
					t.Fatalf("%q in reads of %d: %v", in, size, err)
				}
				got = append(got, string(v))
				if c, _ := s.peek(); c == ']' {
					break
				}
				if err := s.expect(','); err != nil {
					t.Fatalf("%q: %v", in, err)
				}
			}
			if strings.Join(got, "|") != strings.Join(want, "|") || s.expect(']') != nil || !s.atEnd() {
				t.Errorf("%q in reads of %d = %q, want %q", in, size, got, want)
			}
		}
	}
}

// A value nests as deep as encoding/json allows, and no deeper.
func TestScannerDepth(t *testing.T) {
	for _, depth := range []int{maxDepth - 1, maxDepth, maxDepth + 1} {
		element := strings.Repeat("[", depth) + strings.Repeat("]", depth)
		decodeBoth(t, []byte(`[{"tags":[]},{"inner":{"X":1},"other":`+element+`}]`), "")
		decodeBoth(t, []byte(`{"deep":`+element+`,"list":[]}`), "list")
	}
}

// BenchmarkScanner is the scanner's own cost, cutting a list into values:
// on a list of tiny elements (its worst case: little string, much
// structure) and on a list shaped like a real one. Decoding the same
// bytes costs several times more (BenchmarkDecodeList of the
// providers), and is spread over every core.
func BenchmarkScanner(b *testing.B) {
	const token = `{"id":"5e9b1d3f-7a2c-4b6e-a8d0-4f6b8c0e2a3d","name":"deploy key for the prod cluster","scopes":["token.read","members.read-all","system-logs.read"],"allowed_ips":["203.0.113.10/32"],"created_at":"2025-01-02 03:04:05","expires_at":null,"last_used_at":"2025-03-04 05:06:07"}`
	lists := map[string][]byte{
		"tiny-elements": []byte(bigList(100000)),
		"token-list":    []byte("[" + strings.Repeat(token+",", 20000) + token + "]"),
	}
	for name, body := range lists {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			var v []byte
			for b.Loop() {
				s := newListScanner(bytes.NewReader(body))
				if err := s.expect('['); err != nil {
					b.Fatal(err)
				}
				for more := true; more; {
					var err error
					if v, err = s.value(v[:0]); err != nil {
						b.Fatal(err)
					}
					c, _ := s.peek()
					s.pos++
					more = c == ','
				}
			}
		})
	}
}
