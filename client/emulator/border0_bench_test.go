package emulator

import (
	"net/http/httptest"
	"testing"
	"time"
)

// The emulator must stay fast at scale: --demo and the provider's list
// benchmarks run against 100 000 tokens.
func BenchmarkBorder0Seed100k(b *testing.B) {
	now := time.Now()
	for b.Loop() {
		e := &Border0{byID: map[string]*border0Token{}, byHash: map[string]*border0Token{}, key: []byte("k")}
		e.addExtra(now, 100000)
	}
}

func BenchmarkBorder0List100k(b *testing.B) {
	e := &Border0{byID: map[string]*border0Token{}, byHash: map[string]*border0Token{}, key: []byte("k")}
	e.addExtra(time.Now(), 100000)
	for b.Loop() {
		w := httptest.NewRecorder()
		e.list(w)
	}
}
