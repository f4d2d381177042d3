package disk

import (
	"io"
	"io/fs"

	"pcsh/runtime/atomicfile"
)

// Pending is a file being written atomically (atomicfile.Pending).
type Pending = atomicfile.Pending

// Create starts an atomic write of path (atomicfile.Create).
func Create(path string, perm fs.FileMode) (*Pending, error) { return atomicfile.Create(path, perm) }

// WriteAtomic replaces the file path with what write writes, leaving the
// old file or the complete new one (atomicfile.WriteAtomic). FS.WriteAtomic
// adds the lab's confinement and faults.
func WriteAtomic(path string, perm fs.FileMode, write func(w io.Writer) error) error {
	return atomicfile.WriteAtomic(path, perm, write)
}

// WriteFileAtomic replaces path with data (atomicfile.WriteFileAtomic).
func WriteFileAtomic(path string, data []byte, perm fs.FileMode) error {
	return atomicfile.WriteFileAtomic(path, data, perm)
}

// SyncDir fsyncs a directory (atomicfile.SyncDir).
func SyncDir(dir string) error { return atomicfile.SyncDir(dir) }
