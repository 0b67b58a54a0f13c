package border0

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/tokentui/tokentui/client/internal/rest"
	"github.com/tokentui/tokentui/client/internal/rest/resttest"
)

// listBody is an n-token list answer mixing the timestamp forms Border0
// uses.
func listBody(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"list":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		created, expires := 1735787045+int64(i)*60, ""
		switch i % 3 {
		case 0:
			expires = `null`
		case 1:
			expires = fmt.Sprint(created + 365*86400)
		default:
			expires = `"2027-01-02T03:04:05Z"`
		}
		fmt.Fprintf(&b, `{"id":"%08x-4e1b-4c1a-9d3e-0a1b2c3d4e5f","name":"connector-aws-%05d","role":"connector","created_by":"ops@acme.example","created_at":"2025-01-02T03:04:05Z","expires_at":%s}`, i, i, expires)
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

// BenchmarkDecodeList decodes lists of 10 000 and 100 000 tokens.
func BenchmarkDecodeList(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		resttest.BenchDecode(b, n, listBody(n), func(body []byte) (int, error) {
			tokens, err := decodeList(rest.Response{Status: 200, Body: body})
			return len(tokens), err
		})
	}
}
