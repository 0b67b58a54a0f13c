package profile

import (
	"strings"
	"testing"
)

// Plain http is allowed without insecure only to what is literally
// loopback: anything a resolver or a proxy could send elsewhere needs the
// user's explicit --insecure.
func TestPlainHTTPOnlyToLiteralLoopback(t *testing.T) {
	loopback := []string{
		"http://127.0.0.1:4242", "http://127.1.2.3", "http://[::1]:8080", "http://localhost:4242", "http://LOCALHOST",
	}
	for _, u := range loopback {
		if err := checkURL(u, false); err != nil {
			t.Errorf("checkURL(%s) = %v", u, err)
		}
	}
	remote := []string{
		"http://anything.localhost", "http://unleash.localhost:4242", "http://localhost.", "http://localhost.evil.example",
		"http://127.0.0.1.nip.io", "http://0.0.0.0", "http://10.0.0.1", "http://[::]", "http://[fe80::1]", "http://127.1",
		"http://2130706433", "http://localhost%2eevil.example",
	}
	for _, u := range remote {
		err := checkURL(u, false)
		if err == nil {
			t.Errorf("checkURL(%s) allowed plain http", u)
			continue
		}
		if !strings.Contains(err.Error(), "insecure") && !strings.Contains(err.Error(), "not an http(s) URL") {
			t.Errorf("checkURL(%s) = %v; the fix (--insecure) is not named", u, err)
		}
		if checkURL(u, true) != nil && strings.Contains(err.Error(), "insecure") {
			t.Errorf("checkURL(%s, insecure) still refuses", u)
		}
	}
}
