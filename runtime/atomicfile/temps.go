package atomicfile

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// A process killed while writing a file atomically leaves its temporary
// file behind; the next write of the same target removes it. A temporary
// file is live while its writer holds it: registered in liveTemps (this
// process) and, where the system has flock, locked (any process). A
// process's locks die with it, so a leftover of a killed process is never
// locked, and a live one is never removed.

// liveTemps holds the absolute paths of the temporary files this process
// is writing.
var liveTemps sync.Map

// tempInfix separates a target's name from a temporary file's stamp.
const tempInfix = ".tmp-"

// tempKey is the registry key of a temporary file path.
func tempKey(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return filepath.Clean(path)
}

// IsTempOf reports whether name, a directory entry, is a temporary file
// of the target named base: base, ".tmp-", then a positive number in
// lower-case base 36. Directory listings that show a folder's files leave
// these out.
func IsTempOf(name, base string) bool {
	stamp, ok := strings.CutPrefix(name, base+tempInfix)
	if !ok || stamp == "" {
		return false
	}
	for _, c := range stamp {
		if (c < '0' || c > '9') && (c < 'a' || c > 'z') {
			return false
		}
	}
	n, err := strconv.ParseInt(stamp, 36, 64)
	return err == nil && n > 0
}

// stillNamed reports whether the name path still leads to the open file
// f.
func stillNamed(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}

// sweepTemps removes the temporary files of the target path that no live
// writer holds: those a killed process left behind. Failures are ignored;
// a file that cannot be removed now is tried again by the next write of
// the target.
func sweepTemps(path string) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !IsTempOf(e.Name(), base) {
			continue
		}
		tmp := filepath.Join(dir, e.Name())
		if _, live := liveTemps.Load(tempKey(tmp)); live {
			continue
		}
		removeStaleTemp(tmp)
	}
}
