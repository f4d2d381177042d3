package engine

import (
	"runtime"

	"golang.org/x/sys/unix"
)

// logWriterSlice is the time slice the WAL flusher's thread asks Linux
// for: the shortest the scheduler accepts.
const logWriterSlice = 100_000 // nanoseconds

// prioritizeLogWriter keeps the calling goroutine, the WAL flusher, on its
// own OS thread and asks Linux for a short time slice for that thread.
// Since Linux 6.12 the fair scheduler (EEVDF) lets a woken thread with a
// shorter slice preempt the running one, so the flusher runs as soon as
// its fsync completes instead of queueing behind the threads that execute
// requests; every committer of the batch waits for that wake-up. On older
// kernels the request is accepted and has no effect; it needs no
// privilege, and a refusal (a seccomp filter) changes nothing else. The
// thread ends with the goroutine, which never unlocks it.
func prioritizeLogWriter() {
	runtime.LockOSThread()
	_ = unix.SchedSetAttr(0, &unix.SchedAttr{
		Size:    unix.SizeofSchedAttr,
		Policy:  unix.SCHED_NORMAL,
		Runtime: logWriterSlice,
	}, 0)
}
