package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"strconv"
	"time"
)

// Pending is a file being written atomically: a temporary file next to
// its target, "<target>.tmp-<base36 UnixNano>", live while its writer
// holds it (see temps.go). Write to it, then Finish.
type Pending struct {
	f            *os.File
	tmp          string
	path         string
	steps        Steps
	syncDirFirst bool
}

// createAttempts bounds how often Create picks a new name after losing a
// race with another writer's sweep.
const createAttempts = 8

// Create starts an atomic write of path on the operating system: it
// creates, registers and locks a new temporary file next to path, then
// removes the temporary files of path that no live writer holds (those of
// a killed process).
func Create(path string, perm fs.FileMode) (*Pending, error) {
	return Writer{}.Create(path, perm)
}

// createTemp creates, registers and locks a new temporary file for path.
func createTemp(path string, perm fs.FileMode) (*Pending, error) {
	for attempt := 1; ; attempt++ {
		tmp := path + tempInfix + strconv.FormatInt(time.Now().UnixNano(), 36)
		key := tempKey(tmp)
		liveTemps.Store(key, struct{}{})
		f, err := os.OpenFile(tmp, os.O_CREATE|os.O_WRONLY|os.O_EXCL, perm)
		if err != nil {
			liveTemps.Delete(key)
			if errors.Is(err, os.ErrExist) && attempt < createAttempts {
				continue
			}
			return nil, err
		}
		// Another process's sweep may have opened the file between its
		// creation and the lock, found it unlocked and removed it: then
		// the lock is refused or the name no longer leads to the file.
		if !lockTemp(f) && stillNamed(f, tmp) {
			return &Pending{f: f, tmp: tmp, path: path, steps: OS{}}, nil
		}
		f.Close()
		liveTemps.Delete(key)
		if attempt >= createAttempts {
			return nil, errors.New("atomicfile: temporary files of " + path + " keep disappearing")
		}
	}
}

// Name is the temporary file's name.
func (p *Pending) Name() string { return p.tmp }

// Write appends to the temporary file.
func (p *Pending) Write(b []byte) (int, error) { return p.f.Write(b) }

// Finish ends the write: when err is nil it syncs the temporary file,
// (with SyncDirFirst, the directory), renames it to the target and syncs
// the directory; else (or if that fails) it removes it. It returns err or the first failure. Where open
// files can be renamed the rename happens before the close, so the file
// stays locked until it has its final name.
func (p *Pending) Finish(err error) error {
	defer liveTemps.Delete(tempKey(p.tmp))
	if err == nil {
		err = p.steps.SyncFile(p.f)
	}
	if err == nil && p.syncDirFirst {
		err = p.steps.SyncDir(dirOf(p.path))
	}
	renamed := false
	if err == nil && renameOpenFiles {
		err = p.steps.Rename(p.tmp, p.path)
		renamed = err == nil
	}
	if cerr := p.f.Close(); err == nil {
		err = cerr
	}
	if err == nil && !renamed {
		err = p.steps.Rename(p.tmp, p.path)
		renamed = err == nil
	}
	if !renamed {
		os.Remove(p.tmp)
		return err
	}
	if err != nil {
		return err
	}
	return p.steps.SyncDir(dirOf(p.path))
}
