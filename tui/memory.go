package tui

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"

	tea "github.com/charmbracelet/bubbletea"
)

// While a refresh loads, two lists are alive: the one on screen, which
// stays usable, and the one arriving. Go's collector lets the heap grow to
// twice what was live at its last pass, so at 100 000 tokens a refresh
// took the process to 250 MB, and it kept that much: twice the old and
// new lists together, where one list and its index are about 45 MB.
//
// So once a new list is on screen, a command collects at once (the old
// list and index go now, not at some later collection) and sets the
// collector's soft memory limit to memoryPerList times what is live: the
// next refresh, old and new list side by side, then stays within it, at
// the price of a few more collections near the end of each load (measured
// with .ci/bench-scale.sh: 140 MB after ten refreshes, each as fast as
// before). The limit follows the list: a list that grows only costs more
// collections until it is in.

// memoryPerList is the limit as a multiple of what is live with one list.
const memoryPerList = 2.5

// minMemoryLimit is the least limit set: small lists need no care, and a
// tight limit on a small heap would only make the collector run.
const minMemoryLimit = 64 << 20

// settleMemoryCmd collects and sets the limit, off the Update path (a
// collection of a big heap takes milliseconds). It reports nothing.
func settleMemoryCmd() tea.Msg {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() == metrics.KindUint64 {
		live := int64(sample[0].Value.Uint64())
		debug.SetMemoryLimit(max(minMemoryLimit, int64(memoryPerList*float64(live))))
	}
	return nil
}
