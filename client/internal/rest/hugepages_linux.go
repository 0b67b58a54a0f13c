package rest

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"golang.org/x/sys/unix"
)

// adviseHugePages asks for huge pages (huge) or withdraws the ask for the
// whole huge pages within the memory, when asking is what gets them
// (hugePagesAsked). It is advice: any error is ignored.
func adviseHugePages(p unsafe.Pointer, size uintptr, huge bool) {
	from, to := hugeInterior(uintptr(p), size)
	if to <= from || !hugePagesAsked() {
		return
	}
	advice := unix.MADV_NOHUGEPAGE
	if huge {
		advice = unix.MADV_HUGEPAGE
	}
	_ = unix.Madvise(unsafe.Slice((*byte)(unsafe.Add(p, from)), to-from), advice)
}

// hugePagesAsked reports whether memory gets huge pages by asking: the
// kernel's mode is "madvise" and GODEBUG does not turn them off.
var hugePagesAsked = sync.OnceValue(func() bool {
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return err == nil && bytes.Contains(mode, []byte("[madvise]")) && !disableTHP(os.Getenv("GODEBUG"))
})

// disableTHP reads GODEBUG's disablethp as Go's runtime does: the last
// setting counts, and any number but 0 turns huge pages off.
func disableTHP(godebug string) bool {
	off := false
	for _, setting := range strings.Split(godebug, ",") {
		if v, ok := strings.CutPrefix(setting, "disablethp="); ok {
			if n, err := strconv.ParseInt(v, 10, 32); err == nil {
				off = n != 0
			}
		}
	}
	return off
}

// populatePages faults in the pages of size bytes at p, writable, as
// writing them would (madvise(MADV_POPULATE_WRITE), Linux 5.14): the
// kernel zeroes them without the process touching them, so a decoder
// writing there at the same time is no race. false when the kernel cannot.
func populatePages(p unsafe.Pointer, size uintptr) bool {
	err := unix.Madvise(unsafe.Slice((*byte)(p), size), unix.MADV_POPULATE_WRITE)
	return err == nil
}
