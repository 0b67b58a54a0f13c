package profile

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"
)

// allocatedBy is how many bytes f allocates in all (a bound, not a peak).
func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// A token_command's output is bounded however it is written: io.Copy must
// not get around the cap, a flood on either stream stops the command at
// once (its whole process group), and the timeout holds meanwhile.
func TestTokenCommandOutputIsBounded(t *testing.T) {
	cases := map[string]struct {
		command string
		want    string
	}{
		"100 kB token":          {"head -c 100000 /dev/zero | tr '\\0' a", "printed more than 64 KiB"},
		"endless stdout":        {"yes", "printed more than 64 KiB"},
		"endless stderr":        {"yes 'gpg: noise' >&2", "more than 1 MiB on stderr"},
		"flood from background": {"yes >&2 & sleep 30", "more than 1 MiB on stderr"},
		"stdout from a pipe":    {"cat /dev/zero | tr '\\0' a", "printed more than 64 KiB"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var err error
			start := time.Now()
			alloc := allocatedBy(func() {
				_, err = runTokenCommand(context.Background(), c.command, 10*time.Second)
			})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %s: the flood was drained instead of stopped", d)
			}
			if alloc > 32<<20 {
				t.Errorf("allocated %d MiB for a bounded output", alloc>>20)
			}
		})
	}
}

// A slow trickle below the caps is stopped by the timeout, on time.
func TestTokenCommandTimeoutHoldsUnderOutput(t *testing.T) {
	start := time.Now()
	_, err := runTokenCommand(context.Background(), "while :; do echo noise >&2; done", 500*time.Millisecond)
	if err == nil || !(strings.Contains(err.Error(), "did not finish within 500ms") || strings.Contains(err.Error(), "on stderr")) {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("took %s", d)
	}
}

// The command is the user's input: shown sanitised and short.
func TestTokenCommandIsQuotedSanitised(t *testing.T) {
	_, err := runTokenCommand(context.Background(), "exit 3 # \x1b]0;title\x07\x1b[31m"+strings.Repeat("x", 500), time.Second)
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	if strings.ContainsAny(msg, "\x1b\x07") || len(msg) > 300 {
		t.Fatalf("%q", msg)
	}
}
