package logship

import (
	"io/fs"
	"regexp"
)

// mappedFS resolves the configured paths (UNC shares included) to lab
// directories and consults the lab's fault plan before every write
// (check) and every listing or read (checkRead).
type mappedFS struct {
	base      FS
	local     func(string) string
	check     func(string) error
	checkRead func(string) error
}

// ReadDir fails with the fault plan's error, or lists a directory.
func (m mappedFS) ReadDir(dir string) ([]fs.DirEntry, error) {
	if err := m.checkRead(dir); err != nil {
		return nil, &fs.PathError{Op: "open", Path: dir, Err: err}
	}
	return m.base.ReadDir(m.local(dir))
}

// ReadFile fails with the fault plan's error, or reads a whole file.
func (m mappedFS) ReadFile(path string) ([]byte, error) {
	if err := m.checkRead(path); err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	return m.base.ReadFile(m.local(path))
}

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

// newMappedFS wraps base with the options' path map and read and write
// checks.
func newMappedFS(base FS, opts Options) FS {
	if opts.MapPath == nil && opts.CheckWrite == nil && opts.CheckRead == nil {
		return base
	}
	m := mappedFS{base: base, local: opts.MapPath, check: orPass(opts.CheckWrite), checkRead: orPass(opts.CheckRead)}
	if m.local == nil {
		m.local = func(p string) string { return p }
	}
	return m
}

// orPass returns check, or a check that passes every path when nil.
func orPass(check func(string) error) func(string) error {
	if check == nil {
		return func(string) error { return nil }
	}
	return check
}

// windowsText matches an error already quoted as SQL Server quotes OS
// errors: "112(There is not enough space on the disk.)".
var windowsText = regexp.MustCompile(`^\d+\(.*\)$`)
