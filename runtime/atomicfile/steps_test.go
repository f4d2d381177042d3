package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// recordingSteps performs the real steps, records their order and fails
// the step named in fail.
type recordingSteps struct {
	OS
	fail  string
	steps []string
}

var errStep = errors.New("atomicfile: test step failed")

func (r *recordingSteps) do(step string, real func() error) error {
	r.steps = append(r.steps, step)
	if step == r.fail {
		return errStep
	}
	return real()
}

func (r *recordingSteps) SyncFile(f *os.File) error {
	return r.do("sync file", func() error { return r.OS.SyncFile(f) })
}

func (r *recordingSteps) SyncDir(dir string) error {
	return r.do("sync dir", func() error { return r.OS.SyncDir(dir) })
}

func (r *recordingSteps) Rename(from, to string) error {
	return r.do("rename", func() error { return r.OS.Rename(from, to) })
}

// TestWriterSteps: the temporary file is prepared before any data, synced
// before the rename, and the directory synced after it (and before it
// with SyncDirFirst).
func TestWriterSteps(t *testing.T) {
	for first, want := range map[bool][]string{
		false: {"prepare", "sync file", "rename", "sync dir"},
		true:  {"prepare", "sync file", "sync dir", "rename", "sync dir"},
	} {
		path := filepath.Join(t.TempDir(), "state.json")
		steps := &recordingSteps{}
		w := Writer{Steps: steps, SyncDirFirst: first, Prepare: func(f *os.File) error {
			if st, err := f.Stat(); err != nil || st.Size() != 0 {
				t.Errorf("prepared after data was written: %v %v", st, err)
			}
			steps.steps = append(steps.steps, "prepare")
			return f.Chmod(0o640)
		}}
		must(t, w.WriteFile(path, []byte("new"), 0o600))
		if !slices.Equal(steps.steps, want) {
			t.Fatalf("SyncDirFirst %v: steps %v, want %v", first, steps.steps, want)
		}
		if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o640 {
			t.Fatalf("mode %v (%v), want the prepared 0640", st, err)
		}
		onlyFile(t, filepath.Dir(path), "state.json")
	}
}

// TestWriterFailedStepKeepsOldFile: a failing prepare, file sync or rename
// returns its error, leaves the old file as it was and no temporary file.
func TestWriterFailedStepKeepsOldFile(t *testing.T) {
	for _, fail := range []string{"prepare", "sync file", "sync dir", "rename"} {
		dir := t.TempDir()
		path := filepath.Join(dir, "state.json")
		must(t, WriteFileAtomic(path, []byte("old"), 0o600))
		steps := &recordingSteps{fail: fail}
		w := Writer{Steps: steps, SyncDirFirst: true, Prepare: func(*os.File) error {
			return steps.do("prepare", func() error { return nil })
		}}
		if err := w.WriteFile(path, []byte("new"), 0o600); !errors.Is(err, errStep) {
			t.Fatalf("%s failing: WriteFile = %v", fail, err)
		}
		if b, err := os.ReadFile(path); err != nil || string(b) != "old" {
			t.Fatalf("%s failing: the file holds %q (%v)", fail, b, err)
		}
		onlyFile(t, dir, "state.json")
	}
}
