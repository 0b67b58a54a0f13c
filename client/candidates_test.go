package client

import (
	"slices"
	"strings"
	"testing"
)

func TestSecretCandidatesFindsTheSecretUnderAnyName(t *testing.T) {
	jwt := "eyJhbGciOiJIUzI1NiJ9.eyJ0b2tlbl9pZCI6IjEyMyJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ"
	cases := map[string]struct {
		body string
		want []string
	}{
		"unknown field": {
			body: `{"created_id":"8b0c2d4e-6f8a-4b0c-a2d4-5e7f9a1b3c5d","message":"Token created successfully","access_key":"ga_0123456789abcdef0123456789abcdef01234567"}`,
			want: []string{"ga_0123456789abcdef0123456789abcdef01234567"},
		},
		"nested, odd shape": {
			body: `{"data":{"credentials":[{"value":"` + jwt + `"}]},"name":"ci-deploy-production-runner"}`,
			want: []string{jwt},
		},
		"cut short": {
			body: `{"name":"x","token":"ga_0123456789abcdef0123456789abcdef01234567","created_at":"2026-01-02 03:0`,
			want: []string{"ga_0123456789abcdef0123456789abcdef01234567"},
		},
		"secret-like names first": {
			body: `{"note":"abcdefghijklmnopqrstuvwxyz","apiToken":"zyxwvutsrqponmlkjihgfedcba0123"}`,
			want: []string{"zyxwvutsrqponmlkjihgfedcba0123", "abcdefghijklmnopqrstuvwxyz"},
		},
		"dates, numbers, ids and prose are not secrets": {
			body: `{"created_at":"2026-01-02T03:04:05.000Z","n":"12345678901234567890","tokenId":"00000000-0000-4000-8000-0000000000b1","message":"The token was created successfully"}`,
		},
		"not JSON at all": {body: "<html>502 Bad Gateway</html>"},
		"empty":           {body: ""},
	}
	for name, c := range cases {
		got := SecretCandidates([]byte(c.body))
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: got %q, want %q", name, got, c.want)
		}
	}
}

func TestSecretCandidatesSkipsWhatWasSentAndSanitises(t *testing.T) {
	body := `{"tokenName":"x","label":"github-actions-deploy-prod","secret_value":"abc\u001b]52;c;Zm9v\u0007defghijklmnopqrstu"}`
	got := SecretCandidates([]byte(body), "github-actions-deploy-prod")
	if len(got) != 1 || strings.ContainsAny(got[0], "\x1b\x07") {
		t.Fatalf("got %q", got)
	}
}

func TestSecretCandidatesIsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString(`[`)
	for i := range 100 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"candidate-` + strings.Repeat("x", 20) + string(rune('a'+i%26)) + string(rune('a'+i/26)) + `"`)
	}
	b.WriteString(`,"` + strings.Repeat("y", maxCandidateLen+1) + `"]`)
	if got := SecretCandidates([]byte(b.String())); len(got) != maxSecretCandidates {
		t.Fatalf("%d candidates, want %d", len(got), maxSecretCandidates)
	}
}

func FuzzSecretCandidates(f *testing.F) {
	f.Add([]byte(`{"token":"ga_0123456789abcdef0123456789abcdef01234567"}`))
	f.Add([]byte(`{"a":"\"\\`))
	f.Add([]byte(`"` + strings.Repeat("\\", 40)))
	f.Fuzz(func(t *testing.T, body []byte) {
		got := SecretCandidates(body)
		if len(got) > maxSecretCandidates {
			t.Fatalf("%d candidates", len(got))
		}
		for _, c := range got {
			if Sanitize(c) != c || len(c) < minCandidateLen || len(c) > maxCandidateLen*3 {
				t.Fatalf("candidate %q", c)
			}
		}
	})
}
