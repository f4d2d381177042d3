package luahost

import (
	"context"
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/format"
)

// Host is one Lua state bound to a session. It is not safe for concurrent
// use: gopher-lua states belong to one goroutine.
type Host struct {
	L    *lua.LState
	Sess *cmdlet.Session

	frames       []*frame // running runbooks, innermost last
	objectIndex  *lua.LFunction
	objectString *lua.LFunction
	errorMeta    *lua.LTable
	path         []string // PCSH_PATH directories for require
}

// frame is one running runbook (or the top-level script).
type frame struct {
	ctx  *cmdlet.Context
	args *lua.LTable
	out  []any
}

// New creates a Lua state with the sandboxed standard libraries (base,
// table, string, math, package for require, and os.time, os.date,
// os.clock and os.getenv only) and a global function per
// registered command. path lists the directories `require` searches.
func New(sess *cmdlet.Session, path []string) *Host {
	// The data stack starts small and grows on demand up to gopher-lua's
	// fixed default, so the limit is the same and a one-line chunk does not
	// allocate and zero 80 KiB of it.
	L := lua.NewState(lua.Options{SkipOpenLibs: true, RegistrySize: 256, RegistryMaxSize: lua.RegistrySize, RegistryGrowStep: 256})
	h := &Host{L: L, Sess: sess, path: path}
	h.openLibs()
	h.objectIndex = L.NewFunction(h.luaObjectIndex)
	h.objectString = L.NewFunction(h.luaObjectString)
	h.errorMeta = h.newErrorMeta()
	h.registerAliases()
	h.guardGlobals()
	h.registerHostLib()
	h.registerRunbookLib()
	return h
}

// Close releases the Lua state.
func (h *Host) Close() { h.L.Close() }

func (h *Host) openLibs() {
	for _, lib := range []struct {
		name string
		fn   lua.LGFunction
	}{
		{lua.LoadLibName, lua.OpenPackage}, {lua.BaseLibName, lua.OpenBase},
		{lua.TabLibName, lua.OpenTable}, {lua.StringLibName, lua.OpenString},
		{lua.MathLibName, lua.OpenMath},
	} {
		h.L.Push(h.L.NewFunction(lib.fn))
		h.L.Push(lua.LString(lib.name))
		h.L.Call(1, 0)
	}
	for _, unsafe := range []string{"dofile", "loadfile"} {
		h.L.SetGlobal(unsafe, lua.LNil)
	}
	h.openOs()
	h.setRequirePath()
	h.preloadBuiltinLibraries()
	h.wrapRequire()
}

func (h *Host) setRequirePath() {
	pkg := h.L.GetGlobal("package").(*lua.LTable)
	var parts []string
	for _, d := range h.path {
		parts = append(parts, d+"/?.lua", d+"/?/init.lua")
	}
	pkg.RawSetString("path", lua.LString(strings.Join(parts, ";")))
	pkg.RawSetString("cpath", lua.LString(""))
}

// Define adds a command to the session registry and as a Lua global.
func (h *Host) Define(cmd *cmdlet.Command) error {
	if err := h.Sess.Registry.Add(cmd); err != nil {
		return err
	}
	h.L.SetGlobal(cmd.LuaName(), h.L.NewFunction(h.commandFunc(cmd)))
	return nil
}

// prefs returns the preferences a call from Lua inherits: the running
// runbook's, or the session's at top level. Never Force: the CLI's
// --force is for the commands of the command line, not for calls from
// Lua code, which pass Force = true themselves.
func (h *Host) prefs() cmdlet.Prefs {
	if n := len(h.frames); n > 0 && h.frames[n-1].ctx != nil {
		return h.frames[n-1].ctx.Prefs
	}
	p := h.Sess.Prefs
	p.Force = false
	return p
}

// context returns the Go context calls from Lua run under.
func (h *Host) context() context.Context {
	if ctx := h.L.Context(); ctx != nil {
		return ctx
	}
	return context.Background()
}

func (h *Host) luaObjectIndex(L *lua.LState) int {
	t := L.CheckTable(1)
	key := L.CheckString(2)
	mt, _ := L.GetMetatable(t).(*lua.LTable)
	props, _ := mt.RawGetString("__props").(*lua.LTable)
	var names []string
	for i := 1; i <= props.Len(); i++ {
		n := lua.LVAsString(props.RawGetInt(i))
		if n == key {
			return 0
		}
		if strings.EqualFold(n, key) {
			L.Push(t.RawGetString(n))
			return 1
		}
		names = append(names, n)
	}
	msg := fmt.Sprintf("no property '%s' on %s", key, lua.LVAsString(mt.RawGetString("__name")))
	if s := cmdlet.Suggest(key, names, 1); len(s) > 0 {
		msg += fmt.Sprintf("; did you mean '%s'?", s[0])
	}
	L.RaiseError("%s", msg)
	return 0
}

func (h *Host) luaObjectString(L *lua.LState) int {
	o := h.toGo(L.CheckTable(1))
	var b strings.Builder
	_ = format.List(&b, []any{o}, nil)
	L.Push(lua.LString(strings.TrimRight(b.String(), "\n")))
	return 1
}

func textOf(v any) string { return format.Text(v) }
