package client

import (
	"strings"
	"testing"
)

// Scrubbing is linear in the text: a server's 1 MiB error body made of the
// secret itself, escaped, costs no more per byte than plain words.
func BenchmarkScrub(b *testing.B) {
	x := &secretIndex{}
	x.add(scrubSecret)
	x.add("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJvcmdfaWQiOiJvcmcifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ")
	for name, text := range map[string]string{
		"words-1MiB":           strings.Repeat("the server did not like this request ", 1<<20/37),
		"echoed-secret-1MiB":   strings.Repeat(scrubSecret+" ", 1<<20/61),
		"percent-encoded-1MiB": strings.Repeat(percentAll(scrubSecret, false), 1<<20/180),
		"short-error":          "The path you were looking for (/api/admin/api-tokens/" + scrubSecret + ") is not available.",
	} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for i := 0; i < b.N; i++ {
				_ = x.scrub(text)
			}
		})
	}
}

// BenchmarkScrubTokenField is the cost a list pays per text field of a
// token (ScrubToken) with the admin token and a few secrets remembered:
// no allocation, a few ns a byte.
func BenchmarkScrubTokenField(b *testing.B) {
	x := &secretIndex{}
	x.add(scrubSecret)
	x.add("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJvcmdfaWQiOiJvcmcifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ")
	x.add("ga_7f3a9c2e41b04d6e8a1f5c3b9d2e7a40")
	field := "deploy key for the prod cluster 2025-01-02"
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if x.scrub(field) != field {
			b.Fatal("changed")
		}
	}
}
