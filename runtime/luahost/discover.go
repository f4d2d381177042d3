package luahost

import (
	"errors"
	"io/fs"
	"os"
	"sort"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"pcsh/runtime/cmdlet"
)

// LoadRunbooks defines a command for every Verb-Noun.lua runbook at the top
// of fsys. origin prefixes the source shown in Get-Command and in error
// positions (for example "builtin:" or a directory). It returns one error
// per runbook that could not be loaded (a *LoadError, which says where and
// why), and one per help entry that documents no parameter; the other
// runbooks are still defined.
func (h *Host) LoadRunbooks(fsys fs.FS, origin string) []error {
	names, err := runbookFiles(fsys)
	if err != nil {
		return []error{err}
	}
	var errs []error
	for _, n := range names {
		errs = append(errs, h.loadRunbook(fsys, n, origin)...)
	}
	return errs
}

// runbookFiles lists the Verb-Noun.lua files at the top of fsys, sorted.
func runbookFiles(fsys fs.FS) ([]string, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".lua"); ok && !e.IsDir() && cmdlet.ValidName(n) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

func (h *Host) loadRunbook(fsys fs.FS, file, origin string) []error {
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		return []error{err}
	}
	name := RunbookName(file)
	if !IsRunbook(string(src)) { // named like a command, so say why it is not one
		return []error{&LoadError{Name: name, Path: origin + file, Err: errNotRunbook}}
	}
	if _, exists := h.Sess.Registry.Lookup(name); exists {
		return []error{&LoadError{Name: name, Path: origin + file, Err: errors.New("a command with that name already exists")}}
	}
	cmd, err := h.NewRunbook(name, origin+file, string(src))
	if err == nil {
		err = h.Define(cmd)
	}
	if err != nil {
		return []error{h.broken(name, origin+file, err)}
	}
	return CheckHelp(cmd, string(src))
}

// errNotRunbook is why a Verb-Noun.lua file without cmdlet{...} is not a
// command.
var errNotRunbook = errors.New("The file declares no cmdlet{...}, so it is not a runbook: its first statement must be cmdlet{...} (a library for require needs a name that is not Verb-Noun).")

// broken records a runbook that failed to load: calling it, from the
// command line or from Lua, says why instead of only "not recognized".
func (h *Host) broken(name, path string, err error) *LoadError {
	le := &LoadError{Name: name, Path: path, Err: err}
	h.Sess.Registry.AddBroken(name, le)
	h.L.SetGlobal(cmdlet.LuaName(name), h.L.NewFunction(func(*lua.LState) int {
		h.raise(h.Sess.Registry.NotFound(name))
		return 0
	}))
	return le
}

// LoadPath loads runbooks from each directory of PCSH_PATH that exists.
func (h *Host) LoadPath(dirs []string) []error {
	var errs []error
	for _, d := range dirs {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			continue
		}
		errs = append(errs, h.LoadRunbooks(os.DirFS(d), d+string(os.PathSeparator))...)
	}
	return errs
}
