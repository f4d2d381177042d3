package luahost

import (
	lua "github.com/yuin/gopher-lua"

	"pcsh/runtime/cmdlet"
)

// hostNewObject is host.new_object(typeName, names, values [, view]): a
// typed output object whose properties are names in that order, each set
// from values (a table by name; a missing one is $null), shown by default
// with the view's properties (all when there is none). It prints like a
// cmdlet's objects: a table of the view, or a list when the view has more
// than four properties.
func (h *Host) hostNewObject(L *lua.LState) int {
	typeName := L.CheckString(1)
	names := luaStrings(L.CheckTable(2))
	values := L.OptTable(3, L.NewTable())
	o := cmdlet.NewObject(typeName)
	for _, n := range names {
		o.Set(n, h.toGo(values.RawGetString(n)))
	}
	if view := luaStrings(L.Get(4)); len(view) > 0 {
		o.SetView(view...)
	}
	L.Push(h.objectToLua(o))
	return 1
}

// stringList converts names into a Lua sequence.
func (h *Host) stringList(names []string) *lua.LTable {
	t := h.L.CreateTable(len(names), 0)
	for _, n := range names {
		t.Append(lua.LString(n))
	}
	return t
}
