package luahost

import (
	"errors"
	"io/fs"
	"sync"

	lua "github.com/yuin/gopher-lua"

	"pcsh/runtime/cmdlet"
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

// Builtins returns the registered embedded runbook folders.
func Builtins() []fs.FS {
	builtinRunbooks.mu.Lock()
	defer builtinRunbooks.mu.Unlock()
	return append([]fs.FS(nil), builtinRunbooks.fss...)
}

// LoadBuiltin defines the embedded runbooks as commands described on
// first use: start-up runs no Lua for them, so `pcsh -c` stays fast. (The
// registry test loads every one eagerly with LoadRunbooks, so a broken
// built-in cannot ship.)
func (h *Host) LoadBuiltin() []error {
	var errs []error
	for _, f := range Builtins() {
		names, err := runbookFiles(f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, n := range names {
			if err := h.deferRunbook(f, n, "builtin:"); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errs
}

// deferRunbook defines a runbook whose file is read and described when the
// command is first looked up or called.
func (h *Host) deferRunbook(fsys fs.FS, file, origin string) error {
	name, path := RunbookName(file), origin+file
	err := h.Sess.Registry.AddLazy(name, func() (*cmdlet.Command, error) {
		src, err := fs.ReadFile(fsys, file)
		if err == nil && !IsRunbook(string(src)) {
			err = errors.New("the file declares no cmdlet{...}")
		}
		var cmd *cmdlet.Command
		if err == nil {
			cmd, err = h.NewRunbook(name, path, string(src))
		}
		if err != nil {
			return nil, &LoadError{Name: name, Path: path, Err: err}
		}
		return cmd, nil
	})
	if err != nil {
		return &LoadError{Name: name, Path: path, Err: err}
	}
	h.L.SetGlobal(cmdlet.LuaName(name), h.L.NewFunction(h.lazyCommandFunc(name)))
	return nil
}

// lazyCommandFunc is the Lua function of a command looked up on its first
// call.
func (h *Host) lazyCommandFunc(name string) lua.LGFunction {
	var fn lua.LGFunction
	return func(L *lua.LState) int {
		if fn == nil {
			cmd, ok := h.Sess.Registry.Lookup(name)
			if !ok {
				h.raise(h.Sess.Registry.NotFound(name))
			}
			fn = h.commandFunc(cmd)
		}
		return fn(L)
	}
}
