package cli

import (
	"runtime/debug"
	"testing"
)

// A command of a real process collects only near the limit, and puts the
// collector back as it was when it ends; GOGC or GOMEMLIMIT set by the
// user leave it alone.
func TestCollectLate(t *testing.T) {
	percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(-1)
	defer func() { debug.SetGCPercent(percent); debug.SetMemoryLimit(limit) }()
	before := debug.SetMemoryLimit(-1)

	restore := collectLate(func(string) string { return "" })
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("GC percent during a command = %d, want -1 (off)", got)
	}
	if got := debug.SetMemoryLimit(-1); got != lateCollectLimit {
		t.Errorf("memory limit during a command = %d, want %d", got, lateCollectLimit)
	}
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent after = %d, want 100", got)
	}
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("memory limit after = %d, want %d", got, before)
	}

	for _, name := range []string{"GOGC", "GOMEMLIMIT"} {
		collectLate(func(k string) string { return map[string]string{name: "200"}[k] })()
		if got := debug.SetGCPercent(100); got != 100 {
			t.Errorf("with %s set, GC percent = %d, want it untouched (100)", name, got)
		}
	}
}
