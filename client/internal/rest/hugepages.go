package rest

import "unsafe"

// A 100 000-token list is 31 MB of results, written once as it is
// decoded, into memory the process has never touched: the kernel handed
// it over a 4 KiB page at a time, one fault each, 7 600 faults and about
// 6% of list --json's time. Asked to back it with 2 MiB pages where it
// can (Linux's transparent huge pages, in their default "madvise" mode),
// it faults a few dozen times. GODEBUG=disablethp=1, Go's own switch for
// huge pages, turns the advice off too.

// hugePage is the size of a transparent huge page on Linux (x86-64 and
// arm64 with 4 KiB pages).
const hugePage = 2 << 20

// makeList makes a list of n results (length 0) whose memory the kernel
// is asked to back with huge pages when it is large enough to hold one.
func makeList[R any](n int) []R {
	list := make([]R, 0, n)
	var zero R
	if size := uintptr(n) * unsafe.Sizeof(zero); size >= 2*hugePage {
		adviseHugePages(unsafe.Pointer(unsafe.SliceData(list)), size)
	}
	return list
}

// hugeInterior is the part of size bytes at start that whole huge pages
// cover, as offsets from start: the hint must not reach memory the list
// does not own.
func hugeInterior(start, size uintptr) (from, to uintptr) {
	first := (start + hugePage - 1) &^ (hugePage - 1)
	end := (start + size) &^ (hugePage - 1)
	if end <= first {
		return 0, 0
	}
	return first - start, end - start
}
