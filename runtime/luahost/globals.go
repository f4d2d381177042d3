package luahost

import (
	"strings"

	lua "github.com/yuin/gopher-lua"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/shell"
)

// registerAliases defines the PowerShell aliases (gcm, ft, where …) that
// are Lua identifiers as globals calling their command. An alias that
// would shadow a Lua global (select, type) is left out: runbooks use those.
func (h *Host) registerAliases() {
	for _, a := range shell.Aliases(h.Sess.Registry) {
		if !isIdentifier(a.Name) || h.L.GetGlobal(a.Name) != lua.LNil {
			continue
		}
		h.L.SetGlobal(a.Name, h.L.NewFunction(h.lazyCommandFunc(a.Definition)))
	}
}

func isIdentifier(s string) bool {
	for i, c := range s {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

// guardGlobals defines each command's Verb_Noun global on its first
// read, so a start-up defines none and derives no Go cmdlet's parameters,
// and makes reading an undefined global named like a command (an approved
// verb, '_', a noun) raise the command-not-found record with its
// did-you-mean, where Lua would say "attempt to call a nil value". Other
// undefined globals stay nil.
func (h *Host) guardGlobals() {
	mt := h.L.NewTable()
	mt.RawSetString("__index", h.L.NewFunction(func(L *lua.LState) int {
		name, ok := L.Get(2).(lua.LString)
		if !ok || !commandLike(string(name)) && !h.Sess.Registry.Has(string(name)) {
			return 0
		}
		if cmd, found := h.Sess.Registry.Lookup(string(name)); found {
			fn := L.NewFunction(h.commandFunc(cmd))
			L.RawSet(L.G.Global, name, fn)
			L.Push(fn)
			return 1
		}
		h.raise(h.Sess.Registry.NotFound(string(name)))
		return 0
	}))
	h.L.SetMetatable(h.L.G.Global, mt)
}

// commandLike reports whether name is Verb_Noun with an approved verb.
func commandLike(name string) bool {
	verb, noun, ok := strings.Cut(name, "_")
	if !ok || noun == "" || noun[0] < 'A' || noun[0] > 'Z' {
		return false
	}
	_, approved := cmdlet.LookupVerb(verb)
	return approved
}
