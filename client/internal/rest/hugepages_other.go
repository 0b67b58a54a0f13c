//go:build !linux

package rest

import "unsafe"

// adviseHugePages does nothing where there is no madvise(MADV_HUGEPAGE).
func adviseHugePages(p unsafe.Pointer, size uintptr, huge bool) {}
