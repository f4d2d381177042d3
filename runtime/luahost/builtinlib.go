package luahost

import (
	"io/fs"
	"path"
	"strings"
	"sync"

	lua "github.com/yuin/gopher-lua"
)

// builtinLibraries are the Lua modules embedded in the binary, by the name
// require takes (pcsh.hadr for lib/hadr.lua of the scripts package).
var builtinLibraries struct {
	mu   sync.Mutex
	libs map[string]builtinLibrary
}

// builtinLibrary is one embedded module: its file system and file.
type builtinLibrary struct {
	fsys fs.FS
	file string
}

// RegisterBuiltinLibraries makes every dir/*.lua of fsys a module that
// require finds as prefix.NAME, in every session, before PCSH_PATH: the
// shared code of the built-in runbooks.
func RegisterBuiltinLibraries(fsys fs.FS, dir, prefix string) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.lua"))
	if err != nil {
		panic(err) // the pattern is constant: a bad one is a programming error
	}
	builtinLibraries.mu.Lock()
	defer builtinLibraries.mu.Unlock()
	if builtinLibraries.libs == nil {
		builtinLibraries.libs = map[string]builtinLibrary{}
	}
	for _, n := range names {
		name := prefix + "." + strings.TrimSuffix(path.Base(n), ".lua")
		if _, dup := builtinLibraries.libs[name]; dup {
			panic("luahost: built-in Lua library " + name + " registered twice")
		}
		builtinLibraries.libs[name] = builtinLibrary{fsys: fsys, file: n}
	}
}

// preloadBuiltinLibraries puts a loader for each embedded module in
// package.preload; a module's source is compiled on its first require.
func (h *Host) preloadBuiltinLibraries() {
	pkg, ok := h.L.GetGlobal("package").(*lua.LTable)
	if !ok {
		return
	}
	preload, ok := pkg.RawGetString("preload").(*lua.LTable)
	if !ok {
		return
	}
	builtinLibraries.mu.Lock()
	defer builtinLibraries.mu.Unlock()
	for name, lib := range builtinLibraries.libs {
		preload.RawSetString(name, h.L.NewFunction(h.libraryLoader(name, lib)))
	}
}

// libraryLoader compiles and runs the module's chunk, returning its value.
func (h *Host) libraryLoader(name string, lib builtinLibrary) lua.LGFunction {
	return func(L *lua.LState) int {
		src, err := fs.ReadFile(lib.fsys, lib.file)
		if err != nil {
			L.RaiseError("cannot read the built-in library %s: %v", name, err)
		}
		fn, err := L.LoadString(string(src))
		if err != nil {
			L.RaiseError("the built-in library %s does not compile: %v", name, err)
		}
		L.Push(fn)
		L.Call(0, 1)
		return 1
	}
}
