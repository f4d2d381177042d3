package luahost

import (
	lua "github.com/yuin/gopher-lua"
)

// safeOs lists the os functions a runbook may call: clocks and the
// environment. Nothing that runs a program or touches a file
// (os.execute, os.remove, os.rename, os.exit, io.*): those go through
// cmdlets, so -WhatIf covers them.
var safeOs = []string{"clock", "date", "getenv", "time"}

// openOs installs the sandboxed os table. os.time() and os.date(fmt)
// without a time read the session clock (PCSH_NOW in tests), and
// os.getenv the session environment.
func (h *Host) openOs() {
	L := h.L
	L.Push(L.NewFunction(lua.OpenOs))
	L.Push(lua.LString(lua.OsLibName))
	L.Call(1, 1)
	full := L.Get(-1).(*lua.LTable)
	L.Pop(1)
	os := L.NewTable()
	for _, name := range safeOs {
		os.RawSetString(name, full.RawGetString(name))
	}
	timeFn, dateFn := full.RawGetString("time"), full.RawGetString("date")
	os.RawSetString("time", L.NewFunction(func(L *lua.LState) int {
		if L.GetTop() == 0 {
			L.Push(lua.LNumber(h.Sess.Now().Unix()))
			return 1
		}
		return h.callThrough(timeFn)
	}))
	os.RawSetString("date", L.NewFunction(func(L *lua.LState) int {
		if L.GetTop() <= 1 {
			L.SetTop(1)
			if L.Get(1) == lua.LNil {
				L.Replace(1, lua.LString("%c"))
			}
			L.Push(lua.LNumber(h.Sess.Now().Unix()))
		}
		return h.callThrough(dateFn)
	}))
	os.RawSetString("getenv", L.NewFunction(func(L *lua.LState) int {
		v := h.Sess.Getenv(L.CheckString(1))
		if v == "" {
			L.Push(lua.LNil)
		} else {
			L.Push(lua.LString(v))
		}
		return 1
	}))
	L.SetGlobal(lua.OsLibName, os)
	L.GetField(L.Get(lua.RegistryIndex), "_LOADED").(*lua.LTable).RawSetString(lua.OsLibName, os)
}

// callThrough calls fn with the current arguments and returns its results.
func (h *Host) callThrough(fn lua.LValue) int {
	L := h.L
	n := L.GetTop()
	args := make([]lua.LValue, n)
	for i := range args {
		args[i] = L.Get(i + 1)
	}
	L.Push(fn)
	for _, a := range args {
		L.Push(a)
	}
	L.Call(n, lua.MultRet)
	return L.GetTop() - n
}
