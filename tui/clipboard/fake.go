package clipboard

import (
	"errors"
	"sync"
	"time"
)

// Fake is an in-memory Clipboard for tests of the TUI. It behaves like Auto:
// the "system" clipboard is tried first and can be read back; the OSC 52
// path "works" but cannot. Set SystemErr or OSC52Err to make a path fail.
type Fake struct {
	mu        sync.Mutex
	systemErr error
	osc52Err  error
	content   string   // what the system clipboard holds
	copies    []Method // how each Copy went
	clears    int      // clears that emptied the clipboard
	onlyOSC52 map[string]bool
	slow      bool      // system writes outlast the timeout (but land)
	later     []handoff // clears handed to a "process" by ClearLater
}

// handoff is one ClearLater: the fake keeps the secret to compare, as the
// real clearer keeps its hash.
type handoff struct {
	secret string
	at     time.Time
	done   bool
}

// NewFake returns a fake whose system clipboard works.
func NewFake() *Fake { return &Fake{onlyOSC52: map[string]bool{}} }

// FailSystem makes the system clipboard fail with err (nil: works again).
func (f *Fake) FailSystem(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.systemErr = err
}

// FailOSC52 makes the OSC 52 fallback fail with err (nil: works again).
func (f *Fake) FailOSC52(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.osc52Err = err
}

// Copy implements Clipboard.
func (f *Fake) Copy(secret string) Result {
	f.mu.Lock()
	defer f.mu.Unlock()
	res := Result{}
	switch {
	case f.slow:
		// The tool answers too late: Copy gives up on it, the secret lands.
		f.content = secret
		res.SystemErr = errors.New("the clipboard tool did not answer in time")
		res.SystemPending = true
		if f.osc52Err == nil {
			res.Method = OSC52
		}
	case f.systemErr == nil:
		f.content = secret
		delete(f.onlyOSC52, secret)
		res.Method = System
	case f.osc52Err == nil:
		res.SystemErr = f.systemErr
		res.Method = OSC52
		f.onlyOSC52[secret] = true
	default:
		res.SystemErr = f.systemErr
		res.OSC52Err = f.osc52Err
	}
	f.copies = append(f.copies, res.Method)
	return res
}

// ClearIfUnchanged implements Clipboard.
func (f *Fake) ClearIfUnchanged(secret string) ClearResult {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.onlyOSC52[secret] {
		return ClearResult{Reason: ReasonOSC52}
	}
	if f.content != secret {
		return ClearResult{Reason: ReasonChanged}
	}
	f.content = ""
	f.clears++
	return ClearResult{Cleared: true}
}

// ClearLater implements Clipboard: it records the hand-off; RunLater plays
// the detached clearer.
func (f *Fake) ClearLater(secret string, at time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.onlyOSC52[secret] {
		return ErrCannotClear
	}
	f.later = append(f.later, handoff{secret: secret, at: at})
	return nil
}

// Later lists the times of the clears handed off and not yet run.
func (f *Fake) Later() []time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []time.Time
	for _, h := range f.later {
		if !h.done {
			out = append(out, h.at)
		}
	}
	return out
}

// RunLater runs the handed-off clears due at now, as the clearer process
// would: each empties the clipboard only if it still holds its secret.
func (f *Fake) RunLater(now time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, h := range f.later {
		if h.done || h.at.After(now) {
			continue
		}
		f.later[i].done = true
		if f.content == h.secret {
			f.content = ""
			f.clears++
		}
	}
}

// SlowSystem makes system writes outlast the timeout: Copy reports them
// as pending, yet the secret lands on the clipboard.
func (f *Fake) SlowSystem(on bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.slow = on
}

// SetContent simulates the person copying something else.
func (f *Fake) SetContent(s string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.content = s
}

// Content is what the fake system clipboard holds.
func (f *Fake) Content() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.content
}

// Copies lists how each Copy went, in order.
func (f *Fake) Copies() []Method {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Method(nil), f.copies...)
}

// Clears counts clears that emptied the clipboard.
func (f *Fake) Clears() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.clears
}

// ErrFake is a ready-made failure for FailSystem and FailOSC52.
var ErrFake = errors.New("fake failure")
