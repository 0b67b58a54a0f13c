package clipboard

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

const secret = "s3cr3t" // base64: czNjcjN0

// memSystem is a system clipboard in memory, optionally broken or hung.
type memSystem struct {
	mu       sync.Mutex
	content  string
	writeErr error
	readErr  error
	hang     chan struct{} // when set, every call blocks until it is closed
	writes   []string
}

func (s *memSystem) Write(text string) error {
	if s.hang != nil {
		<-s.hang
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.writeErr != nil {
		return s.writeErr
	}
	s.content = text
	s.writes = append(s.writes, text)
	return nil
}

func (s *memSystem) Read() (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.content, s.readErr
}

// countingWriter records every Write separately, to prove the sequence goes
// out in one call.
type countingWriter struct {
	mu    sync.Mutex
	calls [][]byte
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.calls = append(w.calls, append([]byte(nil), p...))
	return len(p), nil
}

func (w *countingWriter) all() []byte {
	w.mu.Lock()
	defer w.mu.Unlock()
	return bytes.Join(w.calls, nil)
}

func env(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

func TestCopyPrefersSystemClipboard(t *testing.T) {
	sys := &memSystem{}
	term := &countingWriter{}
	c := New(Options{System: sys, Terminal: term, Getenv: env(nil)})

	res := c.Copy(secret)
	if res.Method != System || !res.OK() || !res.Confirmed() {
		t.Fatalf("Copy = %+v, want System", res)
	}
	if sys.content != secret {
		t.Fatalf("system clipboard holds %q", sys.content)
	}
	if len(term.calls) != 0 {
		t.Fatalf("OSC 52 was sent although the system clipboard worked: %q", term.all())
	}
	if got := res.String(); got != "copied to the system clipboard" {
		t.Fatalf("String() = %q", got)
	}
}

func TestOSC52ExactBytes(t *testing.T) {
	// Built by hand from the xterm, tmux and screen documentation, not from
	// the library, so a change in go-osc52 shows up here.
	cases := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"plain", map[string]string{"TERM": "xterm-256color"}, "\x1b]52;c;czNjcjN0\x07"},
		{"tmux", map[string]string{"TMUX": "/tmp/tmux-1000/default,1234,0", "TERM": "screen-256color"},
			"\x1b]52;c;czNjcjN0\x07" + "\x1bPtmux;\x1b\x1b]52;c;czNjcjN0\x07\x1b\\"},
		{"screen", map[string]string{"TERM": "screen.xterm-256color"}, "\x1bP\x1b]52;c;czNjcjN0\x07\x1b\\"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sys := &memSystem{writeErr: errors.New("no display")}
			term := &countingWriter{}
			c := New(Options{System: sys, Terminal: term, Getenv: env(tc.env)})

			res := c.Copy(secret)
			if res.Method != OSC52 || res.Confirmed() {
				t.Fatalf("Copy = %+v, want OSC52 unconfirmed", res)
			}
			if res.SystemErr == nil || !strings.Contains(res.SystemErr.Error(), "no display") {
				t.Fatalf("SystemErr = %v, want the system clipboard's reason", res.SystemErr)
			}
			if len(term.calls) != 1 {
				t.Fatalf("sequence written in %d calls, want 1", len(term.calls))
			}
			if got := string(term.all()); got != tc.want {
				t.Fatalf("bytes = %q, want %q", got, tc.want)
			}
			if got := OSC52Sequence(secret, env(tc.env)); got != tc.want {
				t.Fatalf("OSC52Sequence = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestScreenSequenceIsChunked(t *testing.T) {
	// screen passes at most 768 bytes of a DCS string on; long secrets
	// (Border0 JWTs) must be split into several DCS strings.
	long := strings.Repeat("x", 300)
	seq := OSC52Sequence(long, env(map[string]string{"TERM": "screen"}))
	if strings.Count(seq, "\x1bP") < 2 {
		t.Fatalf("long screen sequence not chunked: %q", seq)
	}
}

func TestBothFailSaysWhyWithoutTheSecret(t *testing.T) {
	sys := &memSystem{writeErr: errors.New("exit status 1")}
	c := New(Options{System: sys, Getenv: env(nil)}) // no terminal

	res := c.Copy(secret)
	if res.OK() || res.Method != None {
		t.Fatalf("Copy = %+v, want None", res)
	}
	msg := res.String()
	for _, want := range []string{"could not copy", "system clipboard: exit status 1", "OSC 52: no terminal"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, secret) {
		t.Fatalf("message contains the secret: %q", msg)
	}
}

func TestExitErrorWithoutDisplayIsExplained(t *testing.T) {
	err := exec.Command("false").Run()
	if err == nil {
		t.Skip("`false` did not fail")
	}
	got := explainSystemErr(err, env(nil))
	if !strings.Contains(got.Error(), "DISPLAY") {
		t.Fatalf("explained error %q does not mention DISPLAY", got)
	}
	if got := explainSystemErr(err, env(map[string]string{"DISPLAY": ":0"})); strings.Contains(got.Error(), "DISPLAY") {
		t.Fatalf("DISPLAY is set but the error still blames it: %q", got)
	}
}

func TestHungSystemClipboardTimesOutAndFallsBack(t *testing.T) {
	sys := &memSystem{hang: make(chan struct{})}
	defer close(sys.hang)
	term := &countingWriter{}
	c := New(Options{System: sys, Terminal: term, Getenv: env(nil), Timeout: 30 * time.Millisecond})

	res := c.Copy(secret)
	if res.Method != OSC52 {
		t.Fatalf("Copy = %+v, want the OSC 52 fallback", res)
	}
	if !strings.Contains(res.SystemErr.Error(), "did not answer") {
		t.Fatalf("SystemErr = %v", res.SystemErr)
	}
}

func TestClearIfUnchanged(t *testing.T) {
	t.Run("unchanged is cleared", func(t *testing.T) {
		sys := &memSystem{}
		c := New(Options{System: sys, Getenv: env(nil)})
		c.Copy(secret)
		res := c.ClearIfUnchanged(secret)
		if !res.Cleared || sys.content != "" {
			t.Fatalf("ClearIfUnchanged = %+v, clipboard %q", res, sys.content)
		}
		if res.String() != "clipboard cleared" {
			t.Fatalf("String() = %q", res.String())
		}
	})
	t.Run("changed is left alone", func(t *testing.T) {
		sys := &memSystem{}
		c := New(Options{System: sys, Getenv: env(nil)})
		c.Copy(secret)
		sys.content = "https://example.com" // the person copied something since
		res := c.ClearIfUnchanged(secret)
		if res.Cleared || sys.content != "https://example.com" {
			t.Fatalf("ClearIfUnchanged = %+v, clipboard %q", res, sys.content)
		}
		if res.Reason != ReasonChanged {
			t.Fatalf("Reason = %q", res.Reason)
		}
	})
	t.Run("unreadable is not cleared", func(t *testing.T) {
		sys := &memSystem{}
		c := New(Options{System: sys, Getenv: env(nil)})
		c.Copy(secret)
		sys.readErr = errors.New("exit status 1")
		res := c.ClearIfUnchanged(secret)
		if res.Cleared || !strings.Contains(res.Reason, "cannot read") {
			t.Fatalf("ClearIfUnchanged = %+v", res)
		}
	})
	t.Run("OSC 52 cannot be read back and nothing is sent", func(t *testing.T) {
		sys := &memSystem{writeErr: errors.New("no display")}
		term := &countingWriter{}
		c := New(Options{System: sys, Terminal: term, Getenv: env(nil)})
		c.Copy(secret)
		before := len(term.calls)
		res := c.ClearIfUnchanged(secret)
		if res.Cleared || res.Reason != ReasonOSC52 {
			t.Fatalf("ClearIfUnchanged = %+v", res)
		}
		if res.String() != "clipboard not cleared (OSC 52 cannot be read back)" {
			t.Fatalf("String() = %q", res.String())
		}
		if len(term.calls) != before {
			t.Fatalf("a blind OSC 52 clear was sent: %q", term.calls[before:])
		}
	})
	t.Run("a later system copy of the same secret can be cleared again", func(t *testing.T) {
		sys := &memSystem{writeErr: errors.New("no display")}
		c := New(Options{System: sys, Terminal: &countingWriter{}, Getenv: env(nil)})
		c.Copy(secret) // OSC 52
		sys.mu.Lock()
		sys.writeErr = nil
		sys.mu.Unlock()
		c.Copy(secret) // system
		if res := c.ClearIfUnchanged(secret); !res.Cleared {
			t.Fatalf("ClearIfUnchanged = %+v", res)
		}
	})
}

// TestAtottoRealClipboard exercises the real system path where a clipboard
// tool is installed. Without a display the tool fails, and then the error
// must say so in words a person can act on.
func TestAtottoRealClipboard(t *testing.T) {
	found := false
	for _, tool := range []string{"xclip", "xsel", "wl-copy"} {
		if _, err := exec.LookPath(tool); err == nil {
			found = true
		}
	}
	if !found {
		t.Skip("no clipboard tool (xclip, xsel, wl-copy) installed")
	}
	c := New(Options{System: Atotto{}, Getenv: os.Getenv})
	const probe = "tokentui-clipboard-test"
	res := c.Copy(probe)
	if res.Method != System {
		if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
			if !strings.Contains(res.SystemErr.Error(), "DISPLAY") {
				t.Fatalf("no display, and the error does not say so: %v", res.SystemErr)
			}
			return
		}
		t.Fatalf("copy with a clipboard tool and a display failed: %v", res.Reasons())
	}
	if got, err := (Atotto{}).Read(); err != nil || got != probe {
		t.Fatalf("read back %q, %v", got, err)
	}
	if cr := c.ClearIfUnchanged(probe); !cr.Cleared {
		t.Fatalf("ClearIfUnchanged = %+v", cr)
	}
}

func TestFake(t *testing.T) {
	f := NewFake()
	if r := f.Copy(secret); r.Method != System || f.Content() != secret {
		t.Fatalf("Copy = %+v, content %q", r, f.Content())
	}
	f.FailSystem(ErrFake)
	if r := f.Copy(secret); r.Method != OSC52 || r.SystemErr == nil {
		t.Fatalf("Copy = %+v, want OSC52", r)
	}
	if c := f.ClearIfUnchanged(secret); c.Cleared || c.Reason != ReasonOSC52 {
		t.Fatalf("ClearIfUnchanged after OSC 52 = %+v", c)
	}
	f.FailOSC52(ErrFake)
	if r := f.Copy(secret); r.OK() || r.OSC52Err == nil {
		t.Fatalf("Copy = %+v, want failure", r)
	}
	if got := f.Copies(); fmt.Sprint(got) != "[system clipboard OSC 52 none]" {
		t.Fatalf("Copies = %v", got)
	}
}
