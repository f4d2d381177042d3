package schedule

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"pcsh/runtime/atomicfile"
)

// Store is schedules.json in the state directory: the jobs pcsh
// installed, so that list shows them, a second add of a name is refused
// and remove knows what to uninstall.
type Store struct{ Dir string } // the state directory

// Path is the store's file.
func (s Store) Path() string { return filepath.Join(s.Dir, "schedules.json") }

type storeFile struct {
	Jobs []*Job `json:"jobs"`
}

// Load returns the recorded jobs sorted by name; none when the file does
// not exist yet.
func (s Store) Load() ([]*Job, error) {
	data, err := os.ReadFile(s.Path())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var f storeFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, err
	}
	sort.Slice(f.Jobs, func(i, k int) bool { return f.Jobs[i].Name < f.Jobs[k].Name })
	return f.Jobs, nil
}

// Find returns the recorded job of that name, or nil.
func Find(jobs []*Job, name string) *Job {
	for _, j := range jobs {
		if j.Name == name {
			return j
		}
	}
	return nil
}

// Save writes the jobs atomically (atomicfile), so a crash leaves the old
// or the new list, never half of one.
func (s Store) Save(jobs []*Job) error {
	sort.Slice(jobs, func(i, k int) bool { return jobs[i].Name < jobs[k].Name })
	data, err := json.MarshalIndent(storeFile{Jobs: jobs}, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return err
	}
	return atomicfile.WriteFileAtomic(s.Path(), append(data, '\n'), 0o600)
}

// Without returns jobs less the one named.
func Without(jobs []*Job, name string) []*Job {
	var out []*Job
	for _, j := range jobs {
		if j.Name != name {
			out = append(out, j)
		}
	}
	return out
}
