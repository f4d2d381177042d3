package logship

import (
	"io/fs"
	"regexp"
)

// mappedFS resolves the configured paths (UNC shares included) to lab
// directories and consults the lab's fault plan before every write.
type mappedFS struct {
	base  FS
	local func(string) string
	check func(string) error
}

// ReadDir lists a directory.
func (m mappedFS) ReadDir(dir string) ([]fs.DirEntry, error) { return m.base.ReadDir(m.local(dir)) }

// ReadFile reads a whole file.
func (m mappedFS) ReadFile(path string) ([]byte, error) { return m.base.ReadFile(m.local(path)) }

// Remove deletes a file.
func (m mappedFS) Remove(path string) error { return m.base.Remove(m.local(path)) }

// MkdirAll creates a directory.
func (m mappedFS) MkdirAll(dir string) error {
	if err := m.check(dir); err != nil {
		return err
	}
	return m.base.MkdirAll(m.local(dir))
}

// WriteFile fails with the fault plan's error, or writes.
func (m mappedFS) WriteFile(path string, data []byte) error {
	if err := m.check(path); err != nil {
		return &fs.PathError{Op: "write", Path: path, Err: err}
	}
	return m.base.WriteFile(m.local(path), data)
}

// newMappedFS wraps base with the options' path map and write check.
func newMappedFS(base FS, opts Options) FS {
	if opts.MapPath == nil && opts.CheckWrite == nil {
		return base
	}
	m := mappedFS{base: base, local: opts.MapPath, check: opts.CheckWrite}
	if m.local == nil {
		m.local = func(p string) string { return p }
	}
	if m.check == nil {
		m.check = func(string) error { return nil }
	}
	return m
}

// windowsText matches an error already quoted as SQL Server quotes OS
// errors: "112(There is not enough space on the disk.)".
var windowsText = regexp.MustCompile(`^\d+\(.*\)$`)
