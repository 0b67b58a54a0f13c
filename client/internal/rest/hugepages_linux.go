package rest

import (
	"os"
	"slices"
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

// adviseHugePages asks for huge pages for the whole huge pages within the
// memory; it is a hint: the kernel may refuse it (THP off: "never"), and
// any error is ignored.
func adviseHugePages(p unsafe.Pointer, size uintptr) {
	from, to := hugeInterior(uintptr(p), size)
	if to > from && !hugePagesOff() {
		_ = unix.Madvise(unsafe.Slice((*byte)(unsafe.Add(p, from)), to-from), unix.MADV_HUGEPAGE)
	}
}

// hugePagesOff reports whether GODEBUG holds disablethp=1: whoever turned
// huge pages off for Go's heap gets none here either.
func hugePagesOff() bool {
	return slices.Contains(strings.Split(os.Getenv("GODEBUG"), ","), "disablethp=1")
}
