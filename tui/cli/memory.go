package cli

import (
	"runtime/debug"
)

// A scripting command is short: it reads a list, writes it out, and the
// process ends. Left to itself, Go's collector passed five times over the
// heap while `list` read 100 000 tokens, finding almost nothing to free
// (the heap was the list being built), and on a virtual machine each pass
// cost more than its own work: the collector reading the list's fresh,
// not yet written memory mapped it to the shared zero page, so every
// decoder's first write there faulted again and flushed every core's TLB.
// That was a quarter of `list --json` (.ci/bench-scale.sh: 0.40 s → 0.30 s,
// the same peak memory).
//
// So the commands of a real process (StdIO) collect only when the heap
// nears lateCollectLimit, a soft limit the runtime keeps to: memory stays
// bounded, and a list read whole (at most 64 MiB of JSON, about 150 MiB
// decoded) never meets it. GOGC or GOMEMLIMIT in the environment win.
const lateCollectLimit = 512 << 20

// collectLate sets that policy for a command and returns what restores
// the previous one. env reads the environment.
func collectLate(env func(string) string) (restore func()) {
	if env("GOGC") != "" || env("GOMEMLIMIT") != "" {
		return func() {}
	}
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(lateCollectLimit)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}
