package luahost

import (
	"fmt"

	lua "github.com/yuin/gopher-lua"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/runbook"
)

// runbookType names the metatable of the values runbook{} returns.
const runbookType = "Runbook"

// registerRunbookLib defines runbook{name=…, key=…}, whose value has
// rb:precondition{…}, rb:step{…} and rb:run(): the steps mechanism of
// package runbook for runbooks written in Lua.
func (h *Host) registerRunbookLib() {
	mt := h.L.NewTypeMetatable(runbookType)
	mt.RawSetString("__index", h.L.SetFuncs(h.L.NewTable(), map[string]lua.LGFunction{
		"precondition": h.rbPrecondition,
		"step":         h.rbStep,
		"run":          h.rbRun,
	}))
	h.L.SetGlobal("runbook", h.L.NewFunction(h.luaRunbook))
}

// luaRunbook is runbook{ name = "Verb-Noun", key = "pool" }. The name
// defaults to the running runbook's; the key names what the run's state
// belongs to (the journal and the lock are per name and key).
func (h *Host) luaRunbook(L *lua.LState) int {
	spec := L.CheckTable(1)
	h.onlyKeys(spec, "runbook{}", 0, "name", "key")
	rb := &runbook.Runbook{Name: lua.LVAsString(spec.RawGetString("name")), Key: lua.LVAsString(spec.RawGetString("key"))}
	if f := h.top(); rb.Name == "" && f != nil && f.ctx != nil {
		rb.Name = f.ctx.Command.Name
	}
	if rb.Name == "" {
		h.raise(badCall("runbook{} outside a runbook needs a name, such as runbook{ name = \"Invoke-PcDrill\" }"))
	}
	ud := L.NewUserData()
	ud.Value = rb
	L.SetMetatable(ud, L.GetTypeMetatable(runbookType))
	L.Push(ud)
	return 1
}

// rbStep is rb:step{ "Name", check = fn, action = fn, verify = fn }.
func (h *Host) rbStep(L *lua.LState) int {
	rb, t := h.checkRunbook(L), L.CheckTable(2)
	h.onlyKeys(t, "rb:step{}", 1, "check", "action", "verify")
	name := h.stepTitle(t, "rb:step{}")
	action := h.optFunc(t, "action", "rb:step{}")
	if action == nil {
		h.raise(badCall(fmt.Sprintf("rb:step{} %q needs action = function() … end", name)))
	}
	rb.Steps = append(rb.Steps, runbook.Step{Name: name,
		Check:  h.probe(h.optFunc(t, "check", "rb:step{}"), "check of step "+name),
		Action: h.action(action),
		Verify: h.probe(h.optFunc(t, "verify", "rb:step{}"), "verification of step "+name)})
	return 0
}

// rbPrecondition is rb:precondition{ "Name", check = fn }.
func (h *Host) rbPrecondition(L *lua.LState) int {
	rb, t := h.checkRunbook(L), L.CheckTable(2)
	h.onlyKeys(t, "rb:precondition{}", 1, "check")
	name := h.stepTitle(t, "rb:precondition{}")
	check := h.optFunc(t, "check", "rb:precondition{}")
	if check == nil {
		h.raise(badCall(fmt.Sprintf("rb:precondition{} %q needs check = function() … end", name)))
	}
	rb.Preconditions = append(rb.Preconditions, runbook.Precondition{Name: name, Check: h.probe(check, "precondition "+name)})
	return 0
}

// rbRun is rb:run(): it runs the runbook with the preferences in effect
// and writes one object per step (Step, Outcome, Duration, Detail; also
// Number and Started) to the running runbook's output. A step that fails
// or a run that is interrupted raises its error record after that.
func (h *Host) rbRun(L *lua.LState) int {
	rb := h.checkRunbook(L)
	r, err := runbook.NewRunner(h.Sess, h.prefs())
	if err != nil {
		h.raise(cmdlet.AsRecord(err))
	}
	results, err := r.Run(h.context(), rb)
	if f := h.top(); f != nil {
		for _, res := range results {
			f.out = append(f.out, cmdlet.ToObject(res))
		}
	}
	if err != nil {
		rec := cmdlet.AsRecord(err)
		if h.context().Err() != nil {
			// Lua reports a cancelled run as stopped by the user; say
			// where it stopped while it still can
			h.Sess.Host.Write(cmdlet.StreamWarning, rec.Message)
		}
		h.raise(rec)
	}
	return 0
}

func (h *Host) checkRunbook(L *lua.LState) *runbook.Runbook {
	if ud, ok := L.Get(1).(*lua.LUserData); ok {
		if rb, ok := ud.Value.(*runbook.Runbook); ok {
			return rb
		}
	}
	h.raise(badCall("call it as a method, rb:step{…}, on the value runbook{} returned"))
	return nil
}
