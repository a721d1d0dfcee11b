//go:build unix

package vault

import (
	"syscall"
	"time"
)

// processCPU is the process's user+system CPU time, so benchmarks can report work done
// independent of how busy the shared machine is.
func processCPU() time.Duration {
	var r syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &r) != nil {
		return 0
	}
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}
