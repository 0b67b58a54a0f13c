//go:build unix

package rest

import (
	"syscall"
	"time"
)

// cpuTime is the CPU the process has used (user and system), so
// benchmarks can report CPU besides wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
