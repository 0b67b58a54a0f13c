package rest

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/hostile"
)

// A gzip bomb is refused as too large once the decompressed bytes pass
// the cap, in about the time it takes to inflate the cap, never reported as
// a timeout; an error answer is capped the same way.
func TestGzipBombIsRefusedAsTooLarge(t *testing.T) {
	for _, c := range []struct {
		name   string
		status int
		open   string
		want   string
	}{
		{"list", 200, `{"tokens":[`, "larger than 64 MiB"},
		{"error", 500, `{"message":"`, "larger than 1 MiB"},
	} {
		t.Run(c.name, func(t *testing.T) {
			bomb := hostile.Bomb(c.open, 1024) // 1 GiB of spaces after the opening
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.Header().Set("Content-Encoding", "gzip")
				w.WriteHeader(c.status)
				_, _ = w.Write(bomb)
			}))
			t.Cleanup(srv.Close)
			cl := newClient(t, Config{BaseURL: srv.URL, Timeout: time.Minute, Retries: -1})
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, _, err := GetList(context.Background(), cl, Request{Method: http.MethodGet, Path: "/"}, "tokens", describe)
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			var se *client.ServerError
			if !errors.As(err, &se) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want a ServerError saying %q", err, c.want)
			}
			t.Logf("a %d KB gzip bomb of 1 GiB refused in %s: %v", len(bomb)>>10, took.Round(time.Millisecond), err)
			if took > 15*time.Second { // about 0.1 s without the race detector
				t.Errorf("took %s", took)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
				t.Errorf("allocated %d MiB", alloc>>20)
			}
		})
	}
}
