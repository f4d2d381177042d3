package disk

import (
	"io"
	"io/fs"
	"os"
	"pcsh/runtime/atomicfile"
)

// FS is the file system an instance reaches, as one value: the files
// behind the paths statements and jobs name (Map: a UNC share's lab
// directory), the lab's faults on them (Faults: a full disk, a share
// across a cut link) and the directories the service account may use
// (Dirs). The zero value is the operating system's file system: paths as
// given, no faults, every directory. The lab's single instance wiring
// builds one and gives the same value to the engine and the log shipping
// jobs.
type FS struct {
	// Map resolves a path as named (\\fs.lab.local\pchatlogs\mgc.trn) to
	// the file behind it; nil uses paths as given.
	Map func(path string) string
	// Faults are the fault plan's verdicts on the files behind paths; nil
	// has none.
	Faults Faults
	// Dirs confines every access (after Map) to these directories; nil
	// allows any path (see Confine).
	Dirs []string
}

// Faults are a fault plan's verdicts on a local path (fault.Watcher's):
// nil, or the OS error an access gets, quoted as SQL Server quotes OS
// errors ("112(There is not enough space on the disk.)", "53(The network
// path was not found.)") or an errno such as ENOSPC.
type Faults interface {
	// CheckWrite is the verdict on writing path.
	CheckWrite(path string) error
	// CheckRead is the verdict on reading or listing path.
	CheckRead(path string) error
}

// Local is the file behind path as a statement or job names it.
func (f FS) Local(path string) string {
	if f.Map == nil {
		return path
	}
	return f.Map(path)
}

// Confined is Dirs' verdict on the file behind path: nil when Dirs is nil
// or the file lies in one of them, else "5(Access is denied.)".
func (f FS) Confined(path string) error {
	if f.Dirs == nil {
		return nil
	}
	return Confine(f.Dirs, f.Local(path))
}

// WriteFault is the fault plan's verdict on writing path (Dirs aside).
func (f FS) WriteFault(path string) error {
	if f.Faults == nil {
		return nil
	}
	return f.Faults.CheckWrite(f.Local(path))
}

// ReadFault is the fault plan's verdict on reading path (Dirs aside).
func (f FS) ReadFault(path string) error {
	if f.Faults == nil {
		return nil
	}
	return f.Faults.CheckRead(f.Local(path))
}

// readable is nil when path may be read, else why not: outside Dirs, or
// the fault plan's error as an *fs.PathError (Op "open").
func (f FS) readable(path string) error {
	if err := f.Confined(path); err != nil {
		return err
	}
	if err := f.ReadFault(path); err != nil {
		return &fs.PathError{Op: "open", Path: path, Err: err}
	}
	return nil
}

// ReadDir lists the directory behind dir.
func (f FS) ReadDir(dir string) ([]fs.DirEntry, error) {
	if err := f.readable(dir); err != nil {
		return nil, err
	}
	return os.ReadDir(f.Local(dir))
}

// ReadFile reads the whole file behind path.
func (f FS) ReadFile(path string) ([]byte, error) {
	if err := f.readable(path); err != nil {
		return nil, err
	}
	return os.ReadFile(f.Local(path))
}

// Open opens the file behind path for reading.
func (f FS) Open(path string) (io.ReadCloser, error) {
	if err := f.readable(path); err != nil {
		return nil, err
	}
	return os.Open(f.Local(path))
}

// Remove deletes the file behind path.
func (f FS) Remove(path string) error {
	if err := f.Confined(path); err != nil {
		return err
	}
	return os.Remove(f.Local(path))
}

// MkdirAll creates the directory behind dir and its parents.
func (f FS) MkdirAll(dir string) error {
	if err := f.Confined(dir); err != nil {
		return err
	}
	if err := f.WriteFault(dir); err != nil {
		return err
	}
	return os.MkdirAll(f.Local(dir), 0o755)
}

// WriteFile replaces the file behind path with data atomically
// (atomicfile.WriteFileAtomic).
func (f FS) WriteFile(path string, data []byte) error {
	return f.WriteAtomic(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteAtomic replaces the file behind path with what write writes
// (atomicfile.WriteAtomic), unless Dirs or the fault plan refuse it: a fault comes
// back as an *fs.PathError (Op "write").
func (f FS) WriteAtomic(path string, write func(w io.Writer) error) error {
	if err := f.Confined(path); err != nil {
		return err
	}
	if err := f.WriteFault(path); err != nil {
		return &fs.PathError{Op: "write", Path: path, Err: err}
	}
	return atomicfile.WriteAtomic(f.Local(path), 0o644, write)
}

// Checks is Faults made of two functions; a nil one passes every path.
type Checks struct {
	Write func(path string) error
	Read  func(path string) error
}

// CheckWrite is Write's verdict.
func (c Checks) CheckWrite(path string) error { return orPass(c.Write)(path) }

// CheckRead is Read's verdict.
func (c Checks) CheckRead(path string) error { return orPass(c.Read)(path) }

// orPass returns check, or a check that passes every path when nil.
func orPass(check func(string) error) func(string) error {
	if check == nil {
		return func(string) error { return nil }
	}
	return check
}

// Interface guard.
var _ Faults = Checks{}
