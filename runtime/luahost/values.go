package luahost

import (
	"math"
	"sort"
	"time"

	lua "github.com/yuin/gopher-lua"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/format"
)

// toGo converts a Lua value into the binder's neutral form.
func (h *Host) toGo(v lua.LValue) any {
	switch x := v.(type) {
	case *lua.LNilType:
		return nil
	case lua.LBool:
		return bool(x)
	case lua.LNumber:
		f := float64(x)
		if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
			return int64(f)
		}
		return f
	case lua.LString:
		return string(x)
	case *lua.LTable:
		return h.tableToGo(x)
	case *lua.LFunction:
		return &scriptBlock{h: h, fn: x}
	case *lua.LUserData:
		return x.Value
	}
	return v.String()
}

func (h *Host) tableToGo(t *lua.LTable) any {
	if mt, ok := h.L.GetMetatable(t).(*lua.LTable); ok {
		if props, ok := mt.RawGetString("__props").(*lua.LTable); ok {
			return h.objectToGo(t, mt, props)
		}
	}
	n := t.Len()
	keys := stringKeys(t)
	if len(keys) == 0 {
		items := make([]any, n)
		for i := 1; i <= n; i++ {
			items[i-1] = h.toGo(t.RawGetInt(i))
		}
		return items
	}
	ht := &cmdlet.Hashtable{}
	for _, k := range keys {
		ht.Set(k, h.toGo(t.RawGetString(k)))
	}
	return ht
}

func stringKeys(t *lua.LTable) []string {
	var keys []string
	t.ForEach(func(k, _ lua.LValue) {
		if s, ok := k.(lua.LString); ok {
			keys = append(keys, string(s))
		}
	})
	sort.Strings(keys)
	return keys
}

func (h *Host) objectToGo(t, mt, props *lua.LTable) *cmdlet.Object {
	o := cmdlet.NewObject(lua.LVAsString(mt.RawGetString("__name")))
	if view := luaStrings(mt.RawGetString("__view")); len(view) > 0 {
		o.SetView(view...)
	}
	for i := 1; i <= props.Len(); i++ {
		name := lua.LVAsString(props.RawGetInt(i))
		o.Set(name, h.toGo(t.RawGetString(name)))
	}
	for _, k := range stringKeys(t) {
		if _, ok := o.Get(k); !ok {
			o.Set(k, h.toGo(t.RawGetString(k)))
		}
	}
	return o
}

// toLua converts a Go value into Lua. Objects become tables with a
// per-object metatable that keeps property order and rejects unknown
// property names.
func (h *Host) toLua(v any) lua.LValue {
	switch x := v.(type) {
	case nil:
		return lua.LNil
	case bool:
		return lua.LBool(x)
	case int64:
		return lua.LNumber(x)
	case int:
		return lua.LNumber(x)
	case float64:
		return lua.LNumber(x)
	case string:
		return lua.LString(x)
	case format.Rendered:
		return lua.LString(x)
	case []string:
		t := h.L.CreateTable(len(x), 0)
		for _, s := range x {
			t.Append(lua.LString(s))
		}
		return t
	case []any:
		return h.listToLua(x)
	case *cmdlet.Object:
		return h.objectToLua(x)
	case *cmdlet.Hashtable:
		return h.hashToLua(x)
	case time.Time, time.Duration:
		return lua.LString(textOf(x))
	case *scriptBlock:
		return x.fn
	}
	ud := h.L.NewUserData()
	ud.Value = v
	return ud
}

func (h *Host) listToLua(items []any) *lua.LTable {
	t := h.L.CreateTable(len(items), 0)
	for _, it := range items {
		t.Append(h.toLua(it))
	}
	return t
}

func (h *Host) hashToLua(ht *cmdlet.Hashtable) *lua.LTable {
	if ht == nil {
		return h.L.NewTable()
	}
	t := h.L.CreateTable(0, ht.Len())
	for i, k := range ht.Keys {
		t.RawSetString(k, h.toLua(ht.Values[i]))
	}
	return t
}

func (h *Host) objectToLua(o *cmdlet.Object) *lua.LTable {
	t := h.L.CreateTable(0, len(o.Props))
	props := h.L.CreateTable(len(o.Props), 0)
	for _, p := range o.Props {
		t.RawSetString(p.Name, h.toLua(p.Value))
		props.Append(lua.LString(p.Name))
	}
	mt := h.L.CreateTable(0, 4)
	mt.RawSetString("__name", lua.LString(o.TypeName))
	mt.RawSetString("__props", props)
	mt.RawSetString("__index", h.objectIndex)
	mt.RawSetString("__tostring", h.objectString)
	if view := o.DeclaredView(); len(view) > 0 {
		mt.RawSetString("__view", h.stringList(view))
	}
	h.L.SetMetatable(t, mt)
	return t
}
