package luahost

import (
	"io/fs"
	"sync"
)

// builtinRunbooks are the runbook file systems embedded in the binary,
// registered from init() (the scripts package registers scripts/*.lua).
var builtinRunbooks struct {
	mu  sync.Mutex
	fss []fs.FS
}

// RegisterBuiltin adds an embedded runbook folder that every session loads.
func RegisterBuiltin(fsys fs.FS) {
	builtinRunbooks.mu.Lock()
	defer builtinRunbooks.mu.Unlock()
	builtinRunbooks.fss = append(builtinRunbooks.fss, fsys)
}

// LoadBuiltin loads the registered embedded runbooks.
func (h *Host) LoadBuiltin() []error {
	builtinRunbooks.mu.Lock()
	fss := append([]fs.FS(nil), builtinRunbooks.fss...)
	builtinRunbooks.mu.Unlock()
	var errs []error
	for _, f := range fss {
		errs = append(errs, h.LoadRunbooks(f, "builtin:")...)
	}
	return errs
}
