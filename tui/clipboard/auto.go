package clipboard

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/tokentui/tokentui/client"
)

// SystemBackend is the operating system's clipboard. Atotto is the real one;
// tests substitute their own.
type SystemBackend interface {
	Write(text string) error
	Read() (string, error)
}

// Options configures New. The zero value copies with nothing: no system
// clipboard and no terminal; use Default for the real thing.
type Options struct {
	// System is the OS clipboard; nil means none (only OSC 52 is tried).
	System SystemBackend
	// Terminal receives OSC 52 sequences; nil disables the fallback. It must
	// be the terminal itself, never a file: the sequence carries the secret.
	Terminal io.Writer
	// Getenv reads TMUX and TERM to wrap OSC 52 for tmux or screen; nil
	// means os.Getenv.
	Getenv func(string) string
	// Timeout bounds each call of the system clipboard tool, which can hang
	// (a wedged X server, wl-copy without a compositor); 0 means 3 s. A
	// write that takes longer is not abandoned: its clear still runs.
	Timeout time.Duration
	// Clearer is the command ClearLater runs, detached, to clear the
	// clipboard after this process has gone: the program and its leading
	// arguments, to which "--at UNIX-SECONDS" is added. nil means this very
	// binary's hidden ClearerCommand. Tests run their own.
	Clearer []string
}

// Auto is the real Clipboard: system first, OSC 52 second.
type Auto struct {
	opts Options

	mu sync.Mutex
	// onlyOSC52 holds fingerprints (never the secrets) of secrets whose last
	// copy went out only by OSC 52, so ClearIfUnchanged can say honestly
	// that it cannot know what the terminal's clipboard holds.
	onlyOSC52 map[string]bool
	// writing holds, by fingerprint, system writes that outlasted Timeout;
	// each channel closes when its write ends, so a clear waits for it
	// rather than run before the secret has even arrived.
	writing map[string]chan struct{}
}

// New returns a clipboard with the given backends.
func New(opts Options) *Auto {
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 3 * time.Second
	}
	return &Auto{opts: opts, onlyOSC52: map[string]bool{}, writing: map[string]chan struct{}{}}
}

// Default returns the clipboard the TUI uses: atotto for the system
// clipboard and the controlling terminal for OSC 52 (see TerminalWriter).
// When no terminal can be found the OSC 52 fallback is off, and a failed
// copy says why.
func Default() *Auto {
	opts := Options{System: Atotto{}}
	if w, err := TerminalWriter(); err == nil {
		opts.Terminal = w
	}
	return New(opts)
}

// Copy implements Clipboard.
func (a *Auto) Copy(secret string) Result {
	var res Result
	if a.opts.System == nil {
		res.SystemErr = errors.New("not available")
	} else if err, pending := a.systemWrite(secret); err != nil {
		res.SystemErr, res.SystemPending = err, pending
	} else {
		res.Method = System
		a.setOnlyOSC52(secret, false)
		return res
	}

	if err := a.writeOSC52(secret); err != nil {
		res.OSC52Err = err
		return res
	}
	res.Method = OSC52
	// A system write still running may yet take it: then it can be read
	// back and cleared after all.
	a.setOnlyOSC52(secret, !res.SystemPending)
	return res
}

// systemWrite writes secret to the system clipboard, waiting at most
// Timeout. A write that takes longer keeps running (atotto cannot cancel
// its tool) and may still succeed, so it is not reported as a plain
// failure: pending is true, and a clear of this secret waits for it.
func (a *Auto) systemWrite(secret string) (err error, pending bool) {
	done := make(chan error, 1)
	finished := make(chan struct{})
	go func() {
		done <- a.opts.System.Write(secret)
		close(finished)
	}()
	select {
	case err := <-done:
		return explainSystemErr(err, a.opts.Getenv), false
	case <-time.After(a.opts.Timeout):
	}
	fp := client.Fingerprint(secret)
	a.mu.Lock()
	a.writing[fp] = finished
	a.mu.Unlock()
	go func() {
		<-finished
		a.mu.Lock()
		if a.writing[fp] == finished {
			delete(a.writing, fp)
		}
		a.mu.Unlock()
	}()
	return fmt.Errorf("the clipboard tool did not answer within %s (if it takes the secret late, it is cleared all the same)", a.opts.Timeout), true
}

// awaitWrite waits for a slow system write of secret to end, at most
// pendingWait; it reports whether none is still running.
func (a *Auto) awaitWrite(secret string) bool {
	a.mu.Lock()
	w := a.writing[client.Fingerprint(secret)]
	a.mu.Unlock()
	if w == nil {
		return true
	}
	select {
	case <-w:
		return true
	case <-time.After(pendingWait * a.opts.Timeout):
		return false
	}
}

// pendingWait is how many Timeouts a clear waits for a slow write.
const pendingWait = 10

// ClearIfUnchanged implements Clipboard.
//
// After an OSC 52 copy it sends nothing. A terminal cannot be asked what its
// clipboard holds (the query is disabled almost everywhere, and Bubble Tea
// owns stdin anyway), so an OSC 52 "clear" would be blind: it would wipe
// whatever the person copied since, which is exactly what "only if
// unchanged" promises not to do, and we still could not say it worked. The
// honest answer is "not cleared" with the reason, so the person knows to
// overwrite it themselves.
func (a *Auto) ClearIfUnchanged(secret string) ClearResult {
	a.mu.Lock()
	viaOSC52 := a.onlyOSC52[client.Fingerprint(secret)]
	a.mu.Unlock()
	if viaOSC52 {
		return ClearResult{Reason: ReasonOSC52}
	}
	if a.opts.System == nil {
		return ClearResult{Reason: ReasonNotCopied}
	}
	if !a.awaitWrite(secret) {
		return ClearResult{Reason: "the clipboard tool is still busy with the copy"}
	}

	var current string
	err := a.withTimeout(func() error {
		var err error
		current, err = a.opts.System.Read()
		return err
	})
	if err != nil {
		return ClearResult{Reason: "cannot read the system clipboard: " + err.Error()}
	}
	if current != secret {
		return ClearResult{Reason: ReasonChanged}
	}
	if err := a.withTimeout(func() error { return a.opts.System.Write("") }); err != nil {
		return ClearResult{Reason: "clearing failed: " + err.Error()}
	}
	return ClearResult{Cleared: true}
}

func (a *Auto) setOnlyOSC52(secret string, only bool) {
	fp := client.Fingerprint(secret)
	a.mu.Lock()
	defer a.mu.Unlock()
	if only {
		a.onlyOSC52[fp] = true
	} else {
		delete(a.onlyOSC52, fp)
	}
}

// writeOSC52 sends the whole sequence in one Write: Bubble Tea's renderer
// writes frames to the same terminal from its own goroutine, and one write
// keeps a frame from landing inside our sequence.
func (a *Auto) writeOSC52(secret string) error {
	if a.opts.Terminal == nil {
		return errors.New("no terminal to send it to")
	}
	seq := OSC52Sequence(secret, a.opts.Getenv)
	n, err := io.WriteString(a.opts.Terminal, seq)
	if err != nil {
		return fmt.Errorf("writing to the terminal failed: %w", err)
	}
	if n != len(seq) {
		return errors.New("the terminal took only part of the sequence")
	}
	return nil
}

// withTimeout runs f and gives up after the configured timeout. A call that
// times out keeps running in its goroutine (a hung clipboard tool cannot be
// cancelled through atotto); its result is dropped.
func (a *Auto) withTimeout(f func() error) error {
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return explainSystemErr(err, a.opts.Getenv)
	case <-time.After(a.opts.Timeout):
		return fmt.Errorf("the clipboard tool did not answer within %s", a.opts.Timeout)
	}
}

// explainSystemErr turns a bare "exit status 1" from xclip into something a
// person can act on. The errors come from exec and never carry the text
// written to the tool's stdin.
func explainSystemErr(err error, getenv func(string) string) error {
	if err == nil {
		return nil
	}
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) && getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == "" {
		return fmt.Errorf("%v (neither DISPLAY nor WAYLAND_DISPLAY is set; over SSH?)", err)
	}
	return err
}

// OSC52Sequence is the exact sequence Copy writes for secret: plain and
// passthrough-wrapped when TMUX is set (see osc52For), wrapped for screen when
// TERM starts with "screen", plain otherwise.
func OSC52Sequence(secret string, getenv func(string) string) string {
	if getenv == nil {
		getenv = os.Getenv
	}
	return osc52For(secret, getenv("TMUX"), getenv("TERM"))
}

// Inside tmux two forms go out together, because which one works depends on
// two tmux options nobody should have to know about: the plain sequence is
// taken by tmux itself with `set-clipboard on` (it keeps a paste buffer and
// passes the clipboard on to the outer terminal), the DCS-wrapped one reaches
// the outer terminal with `allow-passthrough on` (off by default since tmux
// 3.3, so wrapping alone silently copies nothing). A terminal that gets both
// sets the same clipboard twice.
func osc52For(secret, tmux, term string) string {
	seq := newOSC52(secret)
	switch {
	case tmux != "":
		return seq.String() + seq.Tmux().String()
	case strings.HasPrefix(term, "screen"):
		return seq.Screen().String()
	}
	return seq.String()
}
