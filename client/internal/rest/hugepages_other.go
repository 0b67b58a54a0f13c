//go:build !linux

package rest

import "unsafe"

// adviseHugePages does nothing where there is no madvise(MADV_HUGEPAGE).
func adviseHugePages(p unsafe.Pointer, size uintptr, huge bool) {}

// populatePages cannot fault pages in ahead of time here.
func populatePages(p unsafe.Pointer, size uintptr) bool { return false }
