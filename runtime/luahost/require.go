package luahost

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"pcsh/runtime/cmdlet"
)

// wrapRequire replaces require with one that reports a module found
// nowhere clearly, naming the PCSH_PATH files it looked for, instead of
// gopher-lua's list of "stat" errors.
func (h *Host) wrapRequire() {
	orig := h.L.GetGlobal("require")
	h.L.SetGlobal("require", h.L.NewFunction(func(L *lua.LState) int {
		name := L.CheckString(1)
		if !h.loaded(name) && h.findModule(name) == "" {
			h.raise(h.moduleNotFound(name))
		}
		L.Push(orig)
		L.Push(lua.LString(name))
		L.Call(1, 1)
		return 1
	}))
}

// loaded reports whether require can answer without a file: the module is
// already loaded or preloaded.
func (h *Host) loaded(name string) bool {
	pkg, ok := h.L.GetGlobal("package").(*lua.LTable)
	if !ok {
		return false
	}
	for _, field := range []string{"loaded", "preload"} {
		if t, ok := pkg.RawGetString(field).(*lua.LTable); ok && t.RawGetString(name) != lua.LNil {
			return true
		}
	}
	return false
}

// moduleRel is the file of a module relative to a PCSH_PATH directory,
// without .lua: a.b is a/b.
func moduleRel(name string) string { return strings.ReplaceAll(name, ".", "/") }

// moduleFiles lists the files require looks for, in order.
func (h *Host) moduleFiles(name string) []string {
	rel := filepath.FromSlash(moduleRel(name))
	var out []string
	for _, d := range h.path {
		out = append(out, filepath.Join(d, rel+".lua"), filepath.Join(d, rel, "init.lua"))
	}
	return out
}

// findModule returns the first file that holds the module, or "".
func (h *Host) findModule(name string) string {
	for _, f := range h.moduleFiles(name) {
		if st, err := os.Stat(f); err == nil && !st.IsDir() {
			return f
		}
	}
	return ""
}

func (h *Host) moduleNotFound(name string) *cmdlet.ErrorRecord {
	rec := &cmdlet.ErrorRecord{ErrorID: "ModuleNotFound", Category: cmdlet.CategoryObjectNotFound, Target: name}
	if len(h.path) == 0 {
		rec.Message = fmt.Sprintf("Cannot find the Lua module '%s': PCSH_PATH is not set, so require has no directories to search.", name)
		rec.Hint = fmt.Sprintf("set PCSH_PATH to the directory that holds %s.lua", moduleRel(name))
		return rec
	}
	rec.Message = fmt.Sprintf("Cannot find the Lua module '%s' in PCSH_PATH (%s); looked for %s.",
		name, strings.Join(h.path, string(os.PathListSeparator)), strings.Join(h.moduleFiles(name), ", "))
	rec.Hint = fmt.Sprintf("put %s.lua in one of those directories, or add its directory to PCSH_PATH", moduleRel(name))
	return rec
}
