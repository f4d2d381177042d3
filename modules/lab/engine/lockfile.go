//go:build unix

package engine

import (
	"fmt"
	"os"
	"syscall"
)

// lockDir takes an exclusive advisory lock on dir/instance.lock. The lock
// dies with the process, so a killed instance never leaves a stale lock.
func lockDir(dir string) (*os.File, error) {
	f, err := os.OpenFile(joinPath(dir, "instance.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("engine: data directory %s is in use by another instance: %w", dir, err)
	}
	return f, nil
}
