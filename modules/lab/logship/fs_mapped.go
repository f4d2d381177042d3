package logship

import (
	"io/fs"
	"regexp"
	"sync"

	"pcsh/modules/lab/engine"
)

// mappedFS resolves the configured paths (UNC shares included) to lab
// directories, keeps every access inside the backup directories (dirs,
// when set) and consults the lab's fault plan before every write (check)
// and every listing or read (checkRead).
type mappedFS struct {
	base      FS
	local     func(string) string
	dirs      []string
	check     func(string) error
	checkRead func(string) error
}

// confined is engine.ConfinePath's verdict on the file behind path, or
// nil without backup directories.
func (m mappedFS) confined(path string) error {
	if m.dirs == nil {
		return nil
	}
	return engine.ConfinePath(m.dirs, m.local(path))
}

// ReadDir fails outside the backup directories or with the fault plan's
// error, or lists a directory.
func (m mappedFS) ReadDir(dir string) ([]fs.DirEntry, error) {
	if err := m.confined(dir); err != nil {
		return nil, err
	}
	if err := m.checkRead(dir); err != nil {
		return nil, &fs.PathError{Op: "open", Path: dir, Err: err}
	}
	return m.base.ReadDir(m.local(dir))
}

// ReadFile fails outside the backup directories or with the fault plan's
// error, or reads a whole file.
func (m mappedFS) ReadFile(path string) ([]byte, error) {
	if err := m.confined(path); err != nil {
		return nil, err
	}
	if err := m.checkRead(path); err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	return m.base.ReadFile(m.local(path))
}

// Remove deletes a file inside the backup directories.
func (m mappedFS) Remove(path string) error {
	if err := m.confined(path); err != nil {
		return err
	}
	return m.base.Remove(m.local(path))
}

// MkdirAll creates a directory inside the backup directories.
func (m mappedFS) MkdirAll(dir string) error {
	if err := m.confined(dir); err != nil {
		return err
	}
	if err := m.check(dir); err != nil {
		return err
	}
	return m.base.MkdirAll(m.local(dir))
}

// WriteFile fails outside the backup directories or with the fault
// plan's error, or writes.
func (m mappedFS) WriteFile(path string, data []byte) error {
	if err := m.confined(path); err != nil {
		return err
	}
	if err := m.check(path); err != nil {
		return &fs.PathError{Op: "write", Path: path, Err: err}
	}
	return m.base.WriteFile(m.local(path), data)
}

// newMappedFS wraps base with the options' path map, backup directories
// and read and write checks.
func newMappedFS(base FS, opts Options) FS {
	if opts.MapPath == nil && opts.CheckWrite == nil && opts.CheckRead == nil && opts.BackupDirs == nil {
		return base
	}
	m := mappedFS{base: base, local: opts.MapPath, dirs: opts.BackupDirs,
		check: orPass(opts.CheckWrite), checkRead: orPass(opts.CheckRead)}
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
var windowsText = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\d+\(.*\)$`) })
