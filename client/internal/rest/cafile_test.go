package rest

import (
	"os"
	"strings"
	"testing"
	"time"
)

// --ca-file is local input, but still bounded: a device that never ends
// (or a huge file given by mistake) is refused after maxCAFile bytes, and
// the path is shown sanitised.
func TestCAFileIsBounded(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	start := time.Now()
	_, err := New(Config{BaseURL: "https://x", CAFile: "/dev/zero"})
	if err == nil || !strings.Contains(err.Error(), "larger than 4 MiB") {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("took %s", d)
	}
	_, err = New(Config{BaseURL: "https://x", CAFile: "/nonexistent/\x1b]0;x\x07ca.pem"})
	if err == nil || strings.ContainsAny(err.Error(), "\x1b\x07") {
		t.Fatalf("err = %q", err)
	}
}
