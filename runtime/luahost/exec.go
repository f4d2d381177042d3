package luahost

import (
	"context"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"pcsh/runtime/cmdlet"
)

// runRunbook runs a runbook chunk for one invocation: cmdlet{} returns the
// bound arguments, host.output and returned values become its output.
func (h *Host) runRunbook(ctx *cmdlet.Context, b *cmdlet.Bound, chunk, src string) error {
	fn, err := h.L.Load(strings.NewReader(src), chunk)
	if err != nil {
		return fixEOF(h.ErrorFrom(err), src)
	}
	args := h.L.CreateTable(0, len(b.Values))
	for k, v := range b.Values {
		args.RawSetString(k, h.toLua(v))
	}
	f := &frame{ctx: ctx, args: args}
	out, err := h.callFrame(ctx, f, fn)
	for _, o := range out {
		ctx.WriteObject(o)
	}
	return h.errorIn(ctx, err)
}

// callFrame runs fn inside a frame and returns the frame's output followed
// by fn's return values.
func (h *Host) callFrame(ctx context.Context, f *frame, fn *lua.LFunction) ([]any, error) {
	h.frames = append(h.frames, f)
	defer func() { h.frames = h.frames[:len(h.frames)-1] }()
	prev := h.L.Context()
	h.L.SetContext(ctx)
	defer h.restoreContext(prev)
	top := h.L.GetTop()
	h.L.Push(fn)
	err := h.L.PCall(0, lua.MultRet, nil)
	out := f.out
	if err == nil {
		for i := top + 1; i <= h.L.GetTop(); i++ {
			out = append(out, h.returned(h.L.Get(i))...)
		}
	}
	h.L.SetTop(top)
	return out, err
}

func (h *Host) restoreContext(prev context.Context) {
	if prev == nil {
		h.L.RemoveContext()
		return
	}
	h.L.SetContext(prev)
}

// returned flattens a returned sequence of objects into output objects.
func (h *Host) returned(v lua.LValue) []any {
	if v == lua.LNil {
		return nil
	}
	g := h.toGo(v)
	if items, ok := g.([]any); ok {
		return items
	}
	return []any{g}
}

// luaCmdlet is cmdlet{...} at run time: it returns the invocation's bound
// arguments. Outside a runbook invocation it returns an empty table.
func (h *Host) luaCmdlet(L *lua.LState) int {
	if f := h.top(); f != nil && f.args != nil {
		L.Push(f.args)
		return 1
	}
	L.Push(L.NewTable())
	return 1
}

// Exec runs a Lua chunk at top level with the session's preferences and
// returns what it wrote with host.output followed by its return values.
// args are the script's arguments: `...` and the global table `arg`.
func (h *Host) Exec(ctx context.Context, name, src string, args ...string) ([]any, error) {
	fn, err := h.L.Load(strings.NewReader(src), name)
	if err != nil {
		return nil, fixEOF(h.ErrorFrom(err), src)
	}
	argt := h.L.CreateTable(len(args), 1)
	argt.RawSetInt(0, lua.LString(name))
	for _, a := range args {
		argt.Append(lua.LString(a))
	}
	h.L.SetGlobal("arg", argt)
	defer h.Sess.Nest()() // the commands it calls leave the exit code to it
	wrapped := h.L.NewFunction(func(L *lua.LState) int {
		L.Push(fn)
		for _, a := range args {
			L.Push(lua.LString(a))
		}
		L.Call(len(args), lua.MultRet)
		return L.GetTop()
	})
	out, err := h.callFrame(ctx, &frame{}, wrapped)
	return out, h.errorIn(ctx, err)
}

// Compile checks src for syntax errors without running it.
func (h *Host) Compile(name, src string) error {
	_, err := h.L.Load(strings.NewReader(src), name)
	return err
}

// errorIn converts an error from running Lua under ctx: a cancelled ctx
// means the run was interrupted, whatever Lua made of it.
func (h *Host) errorIn(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return cmdlet.AsRecord(ctx.Err())
	}
	return h.ErrorFrom(err)
}
