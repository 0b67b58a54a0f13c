package tui

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"

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
// next refresh, old and new list side by side with what loading leaves
// behind, then stays within it. The multiple trades memory for time: at
// 100 000 tokens (.ci/bench-scale.sh, ten refreshes, medians of 5) 2.5
// peaked at 139–143 MiB with refreshes of 190–202 ms (a collection or two
// while loading), 2.75 at 146–151 MiB (over the 150 MiB asked) with
// 172–175 ms, and 2.6 at 144–145 MiB with 183–194 ms. Again with the
// index's smaller ID table (2.5 MB less a list and index): 2.6 peaked at
// 136 MiB, 2.75 at 140 and 2.9 at 150, refreshes 168–176 ms in all three,
// within the noise; 2.6 stays. The limit follows the list: a list that
// grows only costs collections until it is in.

// memoryPerList is the limit as a multiple of what is live with one list.
const memoryPerList = 2.6

// minMemoryLimit is the least limit set: small lists need no care, and a
// tight limit on a small heap would only make the collector run.
const minMemoryLimit = 64 << 20

// settleMemoryCmd collects and sets the limit, off the Update path (a
// collection of a big heap takes milliseconds), then gives the collector
// back (release, from the list's hold; nil: none). It reports nothing.
//
// It waits settleAfter first: started with the Update that takes the new
// list in, the collection ran while View drew it, and drawing took 1.5 ms
// instead of 0.35 at 10 000 tokens (its marking and pauses, on two cores),
// delaying the frame that shows the list.
//
// The hold ends only here, after the collection: given back as the List
// command ended, the collector found the heap far past its goal and
// started at once, while Update took the new list in and View drew it,
// and made them help it mark (a third of the loaded Update's time at
// 10 000 tokens); then this collection ran a second pass.
func settleMemoryCmd(release func()) tea.Cmd {
	return func() tea.Msg {
		time.Sleep(settleAfter)
		runtime.GC()
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 {
			live := int64(sample[0].Value.Uint64())
			debug.SetMemoryLimit(max(minMemoryLimit, int64(memoryPerList*float64(live))))
		}
		if release != nil {
			release()
		}
		return nil
	}
}

// settleAfter is two frames: the new list is on screen by then.
const settleAfter = 2 * time.Second / MaxFPS

// releaseCmd gives back a hold on the collector, off the Update path; nil
// when there is none.
func releaseCmd(release func()) tea.Cmd {
	if release == nil {
		return nil
	}
	return func() tea.Msg {
		release()
		return nil
	}
}

// While a list loads, the collector runs only when the heap nears the
// limit. Its passes over a list being built found almost nothing to free
// (the heap is the old list and the new one), and on a virtual machine
// each cost more than its own work: reading the new list's fresh memory
// before the decoders wrote it mapped it to the shared zero page, so each
// first write there faulted again and flushed every core's TLB. The limit
// bounds memory all the same: the one settleMemoryCmd set after the last
// list, or firstLoadLimit before the first.
const firstLoadLimit = 512 << 20

// loading counts the lists loading now; percent is the collector's
// setting from before the first of them.
var loading struct {
	sync.Mutex
	lists   int
	percent int
}

// holdCollection holds the collector back while a list loads; release
// gives it back when the last load ends.
func holdCollection() (release func()) {
	loading.Lock()
	defer loading.Unlock()
	if loading.lists == 0 {
		loading.percent = debug.SetGCPercent(-1)
		if debug.SetMemoryLimit(-1) == math.MaxInt64 {
			debug.SetMemoryLimit(firstLoadLimit)
		}
	}
	loading.lists++
	return func() {
		loading.Lock()
		defer loading.Unlock()
		if loading.lists--; loading.lists == 0 {
			debug.SetGCPercent(loading.percent)
		}
	}
}
