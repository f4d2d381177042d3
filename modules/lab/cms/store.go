package cms

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"pcsh/runtime/atomicfile"
)

// The files of a store directory.
const (
	dataFile = "cms.json"
	lockFile = "cms.lock"
)

// ErrNotSeeded is returned by Read and Update when the store has no
// document yet.
var ErrNotSeeded = errors.New("the CMS store has not been seeded")

// Store is a CMS store in a directory.
type Store struct {
	dir string
	// checkWrite, when set, is asked before each write of the document
	// and refuses it with the error a fault gives (a full disk).
	checkWrite func(path string) error
}

// Open returns the store in dir. It creates nothing: the directory and
// its files appear with the first write (Seed, Update), so reading a store
// that does not exist yet, as a -WhatIf run does, leaves no trace.
func Open(dir string) (*Store, error) {
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", dir)
	}
	return &Store{dir: dir}, nil
}

// Dir returns the store's directory.
func (s *Store) Dir() string { return s.dir }

// CheckWrites makes every write of the document ask check first and fail
// with its error, leaving the committed document as it was: the lab's
// fault plane fills the store's disk this way (lab fault disk-full cms).
func (s *Store) CheckWrites(check func(path string) error) { s.checkWrite = check }

// Read returns the current document under a shared lock.
func (s *Store) Read() (*Document, error) {
	var doc *Document
	err := s.locked(false, func() (err error) {
		doc, err = s.load()
		return err
	})
	return doc, err
}

// Update runs fn on the current document under an exclusive lock and
// writes the result atomically when fn returns nil. fn sees the latest
// committed document, so updates from other processes are never lost.
func (s *Store) Update(fn func(*Document) error) error {
	return s.locked(true, func() error {
		doc, err := s.load()
		if err != nil {
			return err
		}
		if err := fn(doc); err != nil {
			return err
		}
		return s.save(doc)
	})
}

// Seeded reports whether the store holds a document.
func (s *Store) Seeded() bool {
	_, err := os.Stat(filepath.Join(s.dir, dataFile))
	return err == nil
}

// locked runs fn holding the store's lock. A writer creates the directory
// and the lock file; a reader finding no lock file reads without one,
// since no writer has run yet and each write is an atomic rename.
func (s *Store) locked(exclusive bool, fn func() error) error {
	flags := os.O_RDONLY
	if exclusive {
		if err := os.MkdirAll(s.dir, 0o755); err != nil {
			return err
		}
		flags = os.O_CREATE | os.O_RDWR
	}
	f, err := os.OpenFile(filepath.Join(s.dir, lockFile), flags, 0o644)
	if !exclusive && errors.Is(err, fs.ErrNotExist) {
		return fn()
	}
	if err != nil {
		return err
	}
	defer f.Close()
	if err := flock(f, exclusive); err != nil {
		return fmt.Errorf("lock %s: %w", f.Name(), err)
	}
	defer funlock(f)
	return fn()
}

func (s *Store) load() (*Document, error) {
	b, err := os.ReadFile(filepath.Join(s.dir, dataFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotSeeded
	}
	if err != nil {
		return nil, err
	}
	doc := &Document{}
	if err := json.Unmarshal(b, doc); err != nil {
		return nil, fmt.Errorf("%s: %w", dataFile, err)
	}
	return doc, nil
}

// save writes doc atomically (atomicfile.WriteAtomic).
func (s *Store) save(doc *Document) error {
	if s.checkWrite != nil {
		if err := s.checkWrite(filepath.Join(s.dir, dataFile)); err != nil {
			return fmt.Errorf("write %s: %w", filepath.Join(s.dir, dataFile), err)
		}
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFileAtomic(filepath.Join(s.dir, dataFile), append(b, '\n'), 0o600)
}
