//go:build !unix

package engine

import (
	"fmt"
	"os"
)

// lockDir opens dir/instance.lock for exclusive use; on systems without
// flock the open file itself is the lock (Windows refuses a second open
// with the default sharing mode only for deletion, so this is best effort).
func lockDir(dir string) (*os.File, error) {
	f, err := os.OpenFile(joinPath(dir, "instance.lock"), os.O_CREATE|os.O_RDWR|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("engine: data directory %s is in use by another instance: %w", dir, err)
	}
	return f, nil
}
