package cli

import (
	"strconv"
	"strings"
	"sync"
	"testing"
)

// memClipboard is a system clipboard in memory.
type memClipboard struct {
	mu      sync.Mutex
	content string
}

func (m *memClipboard) Write(s string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.content = s
	return nil
}

func (m *memClipboard) Read() (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.content, nil
}

func TestClearerCommandClearsOnlyItsSecret(t *testing.T) {
	at := strconv.FormatInt(testNow.Unix(), 10)
	sys := &memClipboard{content: "s3cret-value"}
	r := run(t, runOpts{stdin: "s3cret-value", system: sys}, "__clear-clipboard", "--at", at)
	if r.code != 0 || r.out != "ok\n" || r.err != "" || sys.content != "" {
		t.Fatalf("exit %d, out %q, err %q, clipboard %q", r.code, r.out, r.err, sys.content)
	}
	sys = &memClipboard{content: "what was copied since"}
	run(t, runOpts{stdin: "s3cret-value", system: sys}, "__clear-clipboard", "--at", at)
	if sys.content != "what was copied since" {
		t.Fatalf("the clearer destroyed what was copied since: %q", sys.content)
	}
	// It is tokentui's own business: not in the help.
	if h := run(t, runOpts{}, "--help"); strings.Contains(h.out, "__clear-clipboard") {
		t.Fatal("the clearer is listed in the help")
	}
}
