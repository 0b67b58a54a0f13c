package unleash

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tokentui/tokentui/client/internal/rest"
	"github.com/tokentui/tokentui/client/internal/rest/resttest"
)

// listBody builds a list answer of n tokens shaped like the real server's.
func listBody(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"tokens":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		expires := `null`
		if i%3 == 0 {
			expires = `"2030-01-01T00:00:00.000Z"`
		}
		fmt.Fprintf(&b, `{"secret":"default:production.%056x","tokenName":"service-%d","type":"client","project":"default","projects":["default"],"environment":"production","expiresAt":%s,"createdAt":"2026-11-23T08:02:57.473Z","alias":null,"seenAt":null,"secure":false}`, i, i, expires)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

func TestUnleashDecodeListOfTheBenchmark(t *testing.T) {
	tokens, err := decodeTokenList(rest.Response{Status: 200, Body: listBody(30)})
	if err != nil || len(tokens) != 30 || !tokens[0].Expires() || tokens[1].Expires() || tokens[29].Name != "service-29" {
		t.Fatalf("%d tokens, %v", len(tokens), err)
	}
}

// BenchmarkDecodeList decodes lists of 10 000 and 100 000 tokens.
func BenchmarkDecodeList(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		resttest.BenchDecode(b, n, listBody(n), func(body []byte) (int, error) {
			tokens, err := decodeTokenList(rest.Response{Status: 200, Body: body})
			return len(tokens), err
		})
	}
}
