//go:build !unix

package cli

import (
	"fmt"
	"os"
)

// openTranscriptFile opens path for appending, creating it with mode 0600,
// and refuses a symbolic link (checked with Lstat, where the system has
// no O_NOFOLLOW).
func openTranscriptFile(path string) (*os.File, error) {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		return nil, fmt.Errorf("open %s: the transcript path is a symbolic link", path)
	}
	return os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
}
