package luahost_test

import (
	"context"
	"testing"
	"testing/fstest"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/luahost"
)

// lossStep reports the -Force and -AllowDataLoss its call was given.
type lossStep struct {
	AllowDataLoss bool `param:"" help:"Allows the loss."`
}

func (l *lossStep) Process(ctx *cmdlet.Context) error {
	ctx.WriteObject(struct{ Force, AllowDataLoss bool }{ctx.Force(), l.AllowDataLoss})
	return nil
}

// lossHost is a host with Invoke-TestLoss defined.
func lossHost(t *testing.T) *luahost.Host {
	t.Helper()
	h, _ := newHost(t)
	cmd, err := cmdlet.NewCommand(cmdlet.Info{Name: "Invoke-TestLoss", Synopsis: "Reports its switches.",
		New: func() cmdlet.Cmdlet { return new(lossStep) }})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Define(cmd); err != nil {
		t.Fatal(err)
	}
	return h
}

const forwardingRunbook = `--[[
.SYNOPSIS
Calls a data-loss step twice: forwarding nothing, then forwarding both switches.
.PARAMETER AllowDataLoss
Passed on to the second call.
.EXAMPLE
Invoke-PcForward -WhatIf
Dry run.
]]
local args = cmdlet { impact = "Low", params = { { "AllowDataLoss", type = "switch" } } }
local plain = Invoke_TestLoss{}
local forwarded = Invoke_TestLoss{ AllowDataLoss = args.AllowDataLoss, Force = host.preference().Force }
return { plain[1], forwarded[1] }
`

func TestRunbookForwardsForceAndAllowDataLossOnlyExplicitly(t *testing.T) {
	h := lossHost(t)
	if errs := h.LoadRunbooks(fstest.MapFS{"Invoke-PcForward.lua": {Data: []byte(forwardingRunbook)}}, "mem:"); len(errs) > 0 {
		t.Fatal(errs)
	}
	out := run(t, h, `
		local r = Invoke_PcForward{ Force = true, AllowDataLoss = true }
		return r[1].Force, r[1].AllowDataLoss, r[2].Force, r[2].AllowDataLoss`)
	want := []any{false, false, true, true}
	for i := range want {
		if out[i] != want[i] {
			t.Errorf("result %d = %v, want %v (plain call: Force, AllowDataLoss; forwarded call: Force, AllowDataLoss)", i, out[i], want[i])
		}
	}
}

func TestGlobalForceDoesNotReachLuaCalls(t *testing.T) {
	h := lossHost(t)
	h.Sess.Prefs.Force = true // pcsh --force run script.lua
	out, err := h.Exec(context.Background(), "script.lua", `return Invoke_TestLoss{}[1].Force, host.preference().Force`)
	if err != nil {
		t.Fatal(err)
	}
	if out[0] != false || out[1] != false {
		t.Errorf("a call from Lua inherited --force: Force %v, host.preference().Force %v", out[0], out[1])
	}
}
