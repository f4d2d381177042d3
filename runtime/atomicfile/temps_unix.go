//go:build unix

package atomicfile

import (
	"errors"
	"os"
	"syscall"
)

// renameOpenFiles is true: a Unix file can be renamed while open, so a
// writer keeps its temporary file locked until it has its final name.
const renameOpenFiles = true

// lockingTemps is true: temporary files are flocked, so a live writer of
// another process is recognised too.
const lockingTemps = true

// lockTemp takes the exclusive flock that marks temporary file f as
// being written, and reports whether another holder refused it (a sweep
// that is about to remove the file). A file system without flock leaves
// f unlocked, protected in this process by the registry only.
func lockTemp(f *os.File) (busy bool) {
	return errors.Is(flockNB(f), syscall.EWOULDBLOCK)
}

// flockNB takes an exclusive flock on f without waiting.
func flockNB(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err != syscall.EINTR {
			return err
		}
	}
}

// removeStaleTemp removes the temporary file tmp if no process holds its
// lock, holding the lock itself while it removes it so a writer that
// opened it in the meantime notices.
func removeStaleTemp(tmp string) {
	f, err := os.Open(tmp)
	if err != nil {
		return
	}
	defer f.Close()
	if flockNB(f) != nil || !stillNamed(f, tmp) {
		return
	}
	os.Remove(tmp)
}
