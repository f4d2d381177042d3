package luahost

import (
	lua "github.com/yuin/gopher-lua"

	"pcsh/runtime/cmdlet"
)

// commandFunc returns the Lua function for a command. Call forms:
//
//	Cmd{Name = value, ...}          named arguments (array items are positional)
//	Cmd(scalar)                     the first positional parameter
//	Cmd(objects [, {Name = value}]) objects (or one object) as pipeline input
//
// It returns (objects, errors): objects is always a sequence; errors is nil
// or a sequence of non-terminating error records. A terminating error is
// raised as an ErrorRecord table that pcall returns.
func (h *Host) commandFunc(cmd *cmdlet.Command) lua.LGFunction {
	return func(L *lua.LState) int {
		args, input, rec := h.callArgs(L, cmd)
		if rec != nil {
			h.raise(cmdletRecord(rec, cmd))
		}
		out, errs, err := h.Sess.Invoke(h.context(), h.prefs(), cmd, args, input)
		if err != nil {
			h.raise(cmdlet.AsRecord(err))
		}
		L.Push(h.listToLua(out))
		if len(errs) == 0 {
			L.Push(lua.LNil)
		} else {
			L.Push(h.errorsToLua(errs))
		}
		return 2
	}
}

func cmdletRecord(rec *cmdlet.ErrorRecord, cmd *cmdlet.Command) *cmdlet.ErrorRecord {
	if rec.Command == "" {
		rec.Command = cmd.Name
	}
	return rec
}

func (h *Host) callArgs(L *lua.LState, cmd *cmdlet.Command) (cmdlet.Args, []any, *cmdlet.ErrorRecord) {
	var a cmdlet.Args
	for L.GetTop() > 0 && L.Get(L.GetTop()) == lua.LNil {
		L.Pop(1) // Cmd(Other{...}) passes Other's nil errors result along
	}
	switch L.GetTop() {
	case 0:
		return a, nil, nil
	case 1:
		return h.oneArg(L.Get(1))
	case 2:
		named, ok := L.Get(2).(*lua.LTable)
		if !ok || h.isObject(named) {
			return a, nil, badCall("the second argument must be a table of named parameters")
		}
		a, _, rec := h.namedArgs(named)
		return a, h.inputOf(L.Get(1)), rec
	}
	return a, nil, badCall("pass one table of named parameters, or (input, {named parameters})")
}

func badCall(msg string) *cmdlet.ErrorRecord {
	return &cmdlet.ErrorRecord{Message: "Invalid call: " + msg + ".", ErrorID: "InvalidLuaCall",
		Category: cmdlet.CategoryInvalidArgument, Code: cmdlet.ExitUsage}
}

func (h *Host) oneArg(v lua.LValue) (cmdlet.Args, []any, *cmdlet.ErrorRecord) {
	t, ok := v.(*lua.LTable)
	if !ok {
		return cmdlet.Args{Positional: []any{h.toGo(v)}}, nil, nil
	}
	if h.isInput(t) {
		return cmdlet.Args{}, h.inputOf(t), nil
	}
	return h.namedArgs(t)
}

// isInput reports whether a lone table argument is pipeline input rather
// than named arguments: an object, or a non-empty sequence of objects. To
// pass scalars as input use the two-argument form: Cmd({1, 2}, {}).
func (h *Host) isInput(t *lua.LTable) bool {
	if h.isObject(t) {
		return true
	}
	n := t.Len()
	if n == 0 || len(stringKeys(t)) > 0 {
		return false
	}
	for i := 1; i <= n; i++ {
		item, ok := t.RawGetInt(i).(*lua.LTable)
		if !ok || !h.isObject(item) {
			return false
		}
	}
	return true
}

func (h *Host) inputOf(v lua.LValue) []any {
	t, ok := v.(*lua.LTable)
	if ok && !h.isObject(t) {
		if items, ok := h.toGo(t).([]any); ok {
			return items
		}
	}
	return []any{h.toGo(v)}
}

func (h *Host) isObject(t *lua.LTable) bool {
	mt, ok := h.L.GetMetatable(t).(*lua.LTable)
	return ok && mt.RawGetString("__props") != lua.LNil
}

// namedArgs reads string keys as named parameters (sorted, so errors are
// deterministic) and array items as positional values.
func (h *Host) namedArgs(t *lua.LTable) (cmdlet.Args, []any, *cmdlet.ErrorRecord) {
	var a cmdlet.Args
	for _, k := range stringKeys(t) {
		a.Named = append(a.Named, cmdlet.NamedArg{Name: k, Value: h.toGo(t.RawGetString(k))})
	}
	for i := 1; i <= t.Len(); i++ {
		a.Positional = append(a.Positional, h.toGo(t.RawGetInt(i)))
	}
	return a, nil, nil
}
