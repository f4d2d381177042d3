package luahost

import (
	"context"
	"fmt"
	"slices"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"pcsh/runtime/cmdlet"
)

// onlyKeys raises a record with a suggestion for a key of t that is not
// one of names, or for more than positional array items.
func (h *Host) onlyKeys(t *lua.LTable, call string, positional int, names ...string) {
	for _, k := range stringKeys(t) {
		if !slices.Contains(names, k) {
			msg := fmt.Sprintf("%s takes no %q; it takes %s", call, k, strings.Join(names, ", "))
			if s := cmdlet.Suggest(k, names, 1); len(s) > 0 {
				msg += fmt.Sprintf("; did you mean %q?", s[0])
			}
			h.raise(badCall(msg))
		}
	}
	if t.Len() > positional {
		h.raise(badCall(fmt.Sprintf("%s takes %d unnamed value(s), not %d", call, positional, t.Len())))
	}
}

// stepTitle is the name a step or precondition table starts with.
func (h *Host) stepTitle(t *lua.LTable, call string) string {
	name, ok := t.RawGetInt(1).(lua.LString)
	if !ok || name == "" {
		h.raise(badCall(call + ` starts with its name, as in rb:step{ "Remove log shipping", action = … }`))
	}
	return string(name)
}

// optFunc returns t[key] when it is a function, nil when it is absent.
func (h *Host) optFunc(t *lua.LTable, key, call string) *lua.LFunction {
	switch v := t.RawGetString(key).(type) {
	case *lua.LFunction:
		return v
	case *lua.LNilType:
		return nil
	}
	h.raise(badCall(fmt.Sprintf("%s: %s must be a function", call, key)))
	return nil
}

// probe turns a Lua function returning (ok, detail) into a Probe; what
// names it in the error for a result that is not a boolean.
func (h *Host) probe(fn *lua.LFunction, what string) func(context.Context) (bool, string, error) {
	if fn == nil {
		return nil
	}
	return func(context.Context) (bool, string, error) {
		if err := h.L.CallByParam(lua.P{Fn: fn, NRet: 2, Protect: true}); err != nil {
			return false, "", h.ErrorFrom(err)
		}
		ok, detail := h.L.Get(-2), h.L.Get(-1)
		h.L.Pop(2)
		b, isBool := ok.(lua.LBool)
		if !isBool {
			return false, "", badCall(fmt.Sprintf("the %s returned %s; return true or false, and a sentence saying what was found", what, ok.Type()))
		}
		if detail == lua.LNil {
			return bool(b), "", nil
		}
		return bool(b), h.L.ToStringMeta(detail).String(), nil
	}
}

// action turns a Lua function into a step action: a raised error (a
// cmdlet's terminating error, host.throw{…}) fails the step.
func (h *Host) action(fn *lua.LFunction) func(context.Context) error {
	return func(context.Context) error {
		if err := h.L.CallByParam(lua.P{Fn: fn, NRet: 0, Protect: true}); err != nil {
			return h.ErrorFrom(err)
		}
		return nil
	}
}
