package unleash

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
)

// Unleash answers an unknown route with a 404 that quotes the path, and the
// path of a revoke or an expiry change is the token's secret. Whatever the
// server echoes, the secret must not reach the error.
func TestUnleashErrorsNeverQuoteTheAddressedSecret(t *testing.T) {
	const secret = "default:development.9f3c1d0e2b4a6c8e0f1a3b5c7d9e1f2a3b4c5d6e7f8091a2b3c4d5e6"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		status := http.StatusNotFound
		if r.Method == http.MethodPut {
			status = http.StatusBadRequest
		}
		w.WriteHeader(status)
		io.WriteString(w, `{"id":"x","name":"NotFoundError","message":"The path you were looking for (`+r.URL.EscapedPath()+`) is not available."}`)
	}))
	t.Cleanup(srv.Close)
	p := newProvider(t, srv.URL, "*:*.admin")
	tok := client.Token{ID: client.Fingerprint(secret), Secret: secret}

	errs := map[string]error{
		"revoke": p.Revoke(context.Background(), tok),
		"expiry": p.UpdateExpiry(context.Background(), tok, time.Now().Add(time.Hour)),
	}
	for op, err := range errs {
		if err == nil {
			t.Fatalf("%s: no error", op)
		}
		if strings.Contains(err.Error(), "9f3c1d0e2b4a") {
			t.Errorf("%s: the error quotes the secret: %s", op, err)
		}
		if !strings.Contains(err.Error(), "is not available") {
			t.Errorf("%s: the server's words are lost: %s", op, err)
		}
	}
}
