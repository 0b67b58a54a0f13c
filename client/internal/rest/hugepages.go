package rest

import "unsafe"

// A 100 000-token list is 31 MB of results, written once as it is
// decoded, into memory the process has never touched: the kernel hands it
// over a 4 KiB page at a time, one fault each, 7 700 faults and about 6%
// of list --json's time. Where the kernel gives huge pages only to memory
// that asks for them (transparent huge pages in "madvise" mode, the
// default of most distributions), the list asks, while it is written: its
// whole 2 MiB pages then fault once each (about 600 faults in all, for
// the unaligned first and last 2 MiB). Once the list is complete the ask
// is withdrawn (MADV_NOHUGEPAGE), so that when the list is gone and Go
// gives its pages back, the kernel does not gather them into huge pages
// again (why Go 1.21.1 stopped asking for its heap: go.dev/issue/64332). In
// "always" mode the kernel does this unasked, in "never" not at all, and
// GODEBUG=disablethp=1, Go's own switch for huge pages, turns it off.

// hugePage is the size of a transparent huge page on Linux (x86-64 and
// arm64 with 4 KiB pages).
const hugePage = 2 << 20

// makeList makes a list of n results (length 0) whose memory asks for
// huge pages (see above) when it is large enough to hold one; settleList
// withdraws the ask.
func makeList[R any](n int) []R {
	list := make([]R, 0, n)
	if p, size := listMemory(list); size >= 2*hugePage {
		adviseHugePages(p, size, true)
	}
	return list
}

// settleList withdraws what makeList asked for list: call it once the
// list is written, or dropped.
func settleList[R any](list []R) {
	if p, size := listMemory(list); size >= 2*hugePage {
		adviseHugePages(p, size, false)
	}
}

func listMemory[R any](list []R) (unsafe.Pointer, uintptr) {
	var zero R
	return unsafe.Pointer(unsafe.SliceData(list)), uintptr(cap(list)) * unsafe.Sizeof(zero)
}

// hugeInterior is the part of size bytes at start that whole huge pages
// cover, as offsets from start: the advice must not reach memory the list
// does not own.
func hugeInterior(start, size uintptr) (from, to uintptr) {
	first := (start + hugePage - 1) &^ (hugePage - 1)
	end := (start + size) &^ (hugePage - 1)
	if end <= first {
		return 0, 0
	}
	return first - start, end - start
}
