package luahost

import (
	"context"

	lua "github.com/yuin/gopher-lua"

	"pcsh/runtime/cmdlet"
)

// scriptBlock is a Lua function passed as a parameter value (Where-Object's
// filter). It runs on the host's state, so only on the host's goroutine.
type scriptBlock struct {
	h  *Host
	fn *lua.LFunction
}

// Call runs the function with args and returns its results.
func (s *scriptBlock) Call(_ context.Context, args ...any) ([]any, error) {
	L := s.h.L
	top := L.GetTop()
	L.Push(s.fn)
	for _, a := range args {
		L.Push(s.h.toLua(a))
	}
	if err := L.PCall(len(args), lua.MultRet, nil); err != nil {
		return nil, s.h.ErrorFrom(err)
	}
	n := L.GetTop() - top
	out := make([]any, n)
	for i := 0; i < n; i++ {
		out[i] = s.h.toGo(L.Get(top + 1 + i))
	}
	L.SetTop(top)
	return out, nil
}

var _ cmdlet.ScriptBlock = (*scriptBlock)(nil)
