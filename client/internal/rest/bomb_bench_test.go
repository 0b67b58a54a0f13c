package rest

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client/hostile"
)

// gzipServer answers every request with the gzip-compressed body, as a
// server (or a hostile one) sending Content-Encoding: gzip does.
func gzipServer(tb testing.TB, compressed []byte) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(compressed)
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// whitespaceList is a list answer that is almost all whitespace: a few
// elements, then n bytes of spaces and newlines inside the array, where a
// decoder looks for the next element.
func whitespaceList(n int) []byte {
	ws := bytes.Repeat([]byte(" \n\t\r"), n/4)
	body := []byte(`{"tokens":[{"n":1},`)
	body = append(body, ws...)
	body = append(body, `{"n":2}`...)
	body = append(body, ws[:len(ws)/2]...)
	return append(body, `]}`...)
}

// BenchmarkGzipWhitespaceList is the cost of a list answer of 8, 16 and
// 32 MiB of whitespace that arrives as a few tens of KB of gzip, through
// the whole client (HTTP, decompression, the streamed decoder). It must be
// linear: the same ns per byte (MB/s) at each size. The decoder of
// encoding/json rescans buffered whitespace on every refill, which made it
// quadratic (0.7 / 2.6 / 11.3 s).
func BenchmarkGzipWhitespaceList(b *testing.B) {
	for _, mib := range []int{8, 16, 32} {
		body := whitespaceList(mib << 20)
		srv := gzipServer(b, hostile.Gzip(body))
		c := newClient(b, Config{BaseURL: srv.URL, Timeout: 5 * time.Minute})
		b.Run(strconv.Itoa(mib)+"MiB", func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			cpu := cpuTime()
			for i := 0; i < b.N; i++ {
				list, _, err := GetList(context.Background(), c, Request{Method: http.MethodGet, Path: "/"}, "tokens", describe)
				if err != nil || len(list) != 2 {
					b.Fatalf("%d items, %v", len(list), err)
				}
			}
			if used := cpuTime() - cpu; used > 0 {
				b.ReportMetric(float64(used.Milliseconds())/float64(b.N), "cpu-ms/op")
			}
		})
	}
}
