package luahost

import (
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"

	"pcsh/runtime/cmdlet"
)

// registerHostLib defines the lower-case `host` table: the host library
// runbooks use for what is not a cmdlet.
func (h *Host) registerHostLib() {
	t := h.L.SetFuncs(h.L.NewTable(), map[string]lua.LGFunction{
		"invoke":         h.hostInvoke,
		"should_process": h.hostShouldProcess,
		"verbose":        h.streamFunc(cmdlet.StreamVerbose),
		"warning":        h.streamFunc(cmdlet.StreamWarning),
		"debug":          h.streamFunc(cmdlet.StreamDebug),
		"write":          h.streamFunc(cmdlet.StreamHost),
		"write_error":    h.hostWriteError,
		"throw":          h.hostThrow,
		"output":         h.hostOutput,
		"preference":     h.hostPreference,
		"whatif":         func(L *lua.LState) int { L.Push(lua.LBool(h.prefs().WhatIf)); return 1 },
		"elapsed":        h.hostElapsed,
		"exit_code":      h.hostExitCode,
		"new_object":     h.hostNewObject,
	})
	h.L.SetGlobal("host", t)
	h.L.SetGlobal("cmdlet", h.L.NewFunction(h.luaCmdlet))
	h.L.SetGlobal("print", h.L.NewFunction(h.luaPrint))
}

// luaPrint is Lua's print written through the session host instead of
// straight to stdout, so that the transcript records it and secrets are
// redacted: tab-separated values, each converted like tostring.
func (h *Host) luaPrint(L *lua.LState) int {
	parts := make([]string, L.GetTop())
	for i := range parts {
		parts[i] = L.ToStringMeta(L.Get(i + 1)).String()
	}
	h.Sess.Host.Write(cmdlet.StreamHost, strings.Join(parts, "\t"))
	return 0
}

// hostInvoke calls a command by its Verb-Noun name: host.invoke(name, args).
func (h *Host) hostInvoke(L *lua.LState) int {
	name := L.CheckString(1)
	cmd, ok := h.Sess.Registry.Lookup(name)
	if !ok {
		h.raise(h.Sess.Registry.NotFound(name))
	}
	L.Remove(1)
	return h.commandFunc(cmd)(L)
}

// hostShouldProcess is ShouldProcess for runbook steps that are not
// cmdlets: host.should_process(target, action) → bool.
func (h *Host) hostShouldProcess(L *lua.LState) int {
	target, action := L.CheckString(1), L.CheckString(2)
	f := h.top()
	if f == nil || f.ctx == nil {
		L.Push(lua.LBool(!h.Sess.Prefs.WhatIf))
		if h.Sess.Prefs.WhatIf {
			h.Sess.Host.Write(cmdlet.StreamHost, cmdlet.WhatIfLine(action, target))
		}
		return 1
	}
	ok := f.ctx.ShouldProcess(target, action)
	if !ok && f.ctx.Stopped() && f.ctx.Err() == nil {
		h.raise(h.stoppedRecord(f.ctx))
	}
	L.Push(lua.LBool(ok))
	return 1
}

func (h *Host) stoppedRecord(c *cmdlet.Context) *cmdlet.ErrorRecord {
	if rec := c.Fatal(); rec != nil {
		return rec
	}
	return cmdlet.AsRecord(c.Err())
}

func (h *Host) streamFunc(s cmdlet.Stream) lua.LGFunction {
	return func(L *lua.LState) int {
		msg := h.sprintf(L)
		p := h.prefs()
		if s == cmdlet.StreamVerbose && !p.Verbose || s == cmdlet.StreamDebug && !p.Debug {
			return 0
		}
		h.Sess.Host.Write(s, msg)
		return 0
	}
}

// sprintf formats host.verbose("x %s", y) style arguments with Lua's
// string.format.
func (h *Host) sprintf(L *lua.LState) string {
	if L.GetTop() <= 1 {
		return L.ToStringMeta(L.Get(1)).String()
	}
	fn := L.GetField(L.GetGlobal("string"), "format")
	args := make([]lua.LValue, L.GetTop())
	for i := range args {
		args[i] = L.Get(i + 1)
	}
	L.Push(fn)
	for _, a := range args {
		L.Push(a)
	}
	L.Call(len(args), 1)
	s := L.ToString(-1)
	L.Pop(1)
	return s
}

func (h *Host) recordArg(L *lua.LState) *cmdlet.ErrorRecord {
	switch v := L.Get(1).(type) {
	case *lua.LTable:
		return h.recordFromTable(v)
	case lua.LString:
		return &cmdlet.ErrorRecord{Message: string(v), ErrorID: "ScriptError", Category: cmdlet.CategoryNotSpecified}
	}
	L.ArgError(1, "error record table or message expected")
	return nil
}

// hostThrow raises a terminating error record: host.throw{Message=…, ErrorId=…}.
func (h *Host) hostThrow(L *lua.LState) int {
	rec := h.recordArg(L)
	if f := h.top(); f != nil && f.ctx != nil && rec.Command == "" {
		rec.Command = f.ctx.Command.Name
	}
	h.raise(rec)
	return 0
}

// hostWriteError writes a non-terminating error for the running runbook.
func (h *Host) hostWriteError(L *lua.LState) int {
	rec := h.recordArg(L)
	rec.ScriptPosition = h.where()
	if f := h.top(); f != nil && f.ctx != nil {
		f.ctx.WriteError(rec)
		return 0
	}
	h.Sess.Errors = append(h.Sess.Errors, rec)
	h.Sess.Host.WriteError(rec)
	return 0
}

// hostOutput writes objects to the running runbook's output stream.
func (h *Host) hostOutput(L *lua.LState) int {
	f := h.top()
	for i := 1; i <= L.GetTop(); i++ {
		if f != nil {
			f.out = append(f.out, h.toGo(L.Get(i)))
		}
	}
	return 0
}

// hostPreference returns the preferences in effect as a table. Force is
// whether the running runbook itself was given -Force: the steps it calls
// do not inherit it, so it forwards it explicitly where it means to.
func (h *Host) hostPreference(L *lua.LState) int {
	p := h.prefs()
	t := L.NewTable()
	t.RawSetString("WhatIf", lua.LBool(p.WhatIf))
	t.RawSetString("Verbose", lua.LBool(p.Verbose))
	t.RawSetString("Debug", lua.LBool(p.Debug))
	t.RawSetString("Force", lua.LBool(h.ownForce()))
	t.RawSetString("ErrorAction", lua.LString(p.ErrorAction))
	t.RawSetString("ConfirmPreference", lua.LString(p.ConfirmImpact.String()))
	L.Push(t)
	return 1
}

// ownForce reports whether the running runbook was given -Force.
func (h *Host) ownForce() bool {
	f := h.top()
	return f != nil && f.ctx != nil && f.ctx.Force()
}

func (h *Host) top() *frame {
	if len(h.frames) == 0 {
		return nil
	}
	return h.frames[len(h.frames)-1]
}

// hostElapsed is host.elapsed(): the seconds since the session began on a
// monotonic clock (PCSH_NOW fixes os.time, not this), for deadlines. A
// session built without one gets the real clock from its first call, so a
// deadline always passes.
func (h *Host) hostElapsed(L *lua.LState) int {
	if h.Sess.Elapsed == nil {
		start := time.Now()
		h.Sess.Elapsed = func() time.Duration { return time.Since(start) }
	}
	L.Push(lua.LNumber(h.Sess.Elapsed().Seconds()))
	return 1
}
