package rest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Unleash addresses a token by its secret in the URL path (DELETE/PUT
// /api/admin/api-tokens/<secret>). Go's transport errors quote the whole URL,
// so a refused connection or a timeout on such a request must not carry the
// path into the error, its message or anything it wraps.
func TestTransportErrorsDoNotQuoteTheURL(t *testing.T) {
	const secret = "default:development.5ec2e7c0ffee5ec2e7c0ffee"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()

	hanging := func() string {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { l.Close() })
		go func() {
			for {
				c, err := l.Accept()
				if err != nil {
					return
				}
				t.Cleanup(func() { c.Close() })
			}
		}()
		return "http://" + l.Addr().String()
	}()

	for name, base := range map[string]string{"refused": closed, "timeout": hanging} {
		c := newClient(t, Config{BaseURL: base, Timeout: 200 * time.Millisecond, Retries: -1})
		for _, method := range []string{http.MethodDelete, http.MethodPut} {
			_, err := c.Do(context.Background(), Request{Method: method, Path: "/api/admin/api-tokens/" + secret})
			if err == nil {
				t.Fatalf("%s %s: no error", name, method)
			}
			for e := err; e != nil; e = errors.Unwrap(e) {
				for _, text := range []string{e.Error(), fmt.Sprintf("%+v", e), fmt.Sprintf("%#v", e)} {
					if strings.Contains(text, "5ec2e7c0ffee") || strings.Contains(text, "development") {
						t.Errorf("%s %s: error chain quotes the secret: %s", name, method, text)
					}
				}
			}
		}
	}
}
