//go:build unix

package cli

import (
	"os"
	"syscall"
)

// openTranscriptFile opens path for appending, creating it with mode 0600.
// O_NOFOLLOW refuses a symbolic link, so a link planted at the path
// cannot turn the transcript into a write to another file; an existing
// file is narrowed to 0600, since it is about to receive what was typed.
func openTranscriptFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND|syscall.O_NOFOLLOW, 0o600)
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}
