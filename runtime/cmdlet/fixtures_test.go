package cmdlet_test

import (
	"errors"
	"testing"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
)

// poolState is an enum parameter type.
type poolState string

func (poolState) Values() []string { return []string{"Normal", "FailedOver"} }

// setState is a High-impact test cmdlet shaped like Set-CsPersistentChatState.
type setState struct {
	Identity      string            `param:"position=0,mandatory,pipeline=byname" help:"The pool."`
	PoolState     poolState         `param:"mandatory" help:"The state."`
	ActiveServers *cmdlet.Hashtable `param:"" help:"Add/Remove/Replace."`
	Servers       []string          `param:"alias=Server" help:"Servers."`
	Port          int               `param:"default=5041" help:"A port."`
	PassThru      bool              `param:"" help:"Writes the result."`
	Panic         bool              `param:"" help:"Panics."`
}

func (s *setState) Process(ctx *cmdlet.Context) error {
	if s.Panic {
		panic("boom")
	}
	if !ctx.ShouldProcess(s.Identity, "Set pool state to "+string(s.PoolState)) {
		return nil
	}
	ctx.WriteObject(struct {
		Identity  string
		PoolState string
		Port      int
	}{s.Identity, string(s.PoolState), s.Port})
	return nil
}

// getItems writes non-terminating errors for odd items.
type getItems struct {
	Count int `param:"position=0,mandatory" help:"How many."`
}

func (g *getItems) Process(ctx *cmdlet.Context) error {
	for i := 1; i <= g.Count; i++ {
		if i%2 == 1 {
			ctx.WriteError(cmdlet.Errorf(cmdlet.CategoryObjectNotFound, "ItemMissing", "", "item %d is missing", i))
			continue
		}
		ctx.WriteObject(int64(i))
	}
	if ctx.Stopped() {
		return errors.New("unreachable after stop")
	}
	return nil
}

var setStateInfo = cmdlet.Info{
	Name: "Set-TestPoolState", Synopsis: "Sets a test pool state.", Impact: cmdlet.ImpactHigh,
	Examples: []cmdlet.Example{{Code: "Set-TestPoolState pool1 -PoolState Normal -WhatIf"}},
	New:      func() cmdlet.Cmdlet { return new(setState) },
}

var getItemsInfo = cmdlet.Info{
	Name: "Get-TestItem", Synopsis: "Gets test items.",
	New: func() cmdlet.Cmdlet { return new(getItems) },
}

// newTestSession returns a session whose registry holds only the test
// cmdlets.
func newTestSession(t *testing.T, interactive bool, answers ...string) (*cmdlet.Session, *cmdlettest.Host) {
	t.Helper()
	h := &cmdlettest.Host{IsInteractive: interactive, Answers: answers}
	s := cmdlettest.NewSession(h)
	s.Registry = cmdlet.NewRegistry()
	for _, info := range []cmdlet.Info{setStateInfo, getItemsInfo} {
		cmd, err := cmdlet.NewCommand(info)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Registry.Add(cmd); err != nil {
			t.Fatal(err)
		}
	}
	return s, h
}
