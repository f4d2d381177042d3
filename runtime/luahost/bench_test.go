package luahost_test

import (
	"context"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
	"pcsh/runtime/luahost"
)

type noop struct {
	Name string `param:"position=0" help:"Ignored."`
}

func (*noop) Process(*cmdlet.Context) error { return nil }

// BenchmarkNoopCmdletVsBareFunction measures one call of a no-op cmdlet
// from Lua through the binder against one call of a bare gopher-lua Go
// function, in the same run. Targets: ≤ 3 µs per cmdlet call and ≤ 10× the
// bare call.
func BenchmarkNoopCmdletVsBareFunction(b *testing.B) {
	sess := cmdlettest.NewSession(&cmdlettest.Host{})
	cmd, err := cmdlet.NewCommand(cmdlet.Info{Name: "Test-PcNoop", Synopsis: "Does nothing.",
		New: func() cmdlet.Cmdlet { return new(noop) }})
	if err != nil {
		b.Fatal(err)
	}
	h := luahost.New(sess, nil)
	defer h.Close()
	if err := h.Define(cmd); err != nil {
		b.Fatal(err)
	}
	h.L.SetGlobal("bare", h.L.NewFunction(func(L *lua.LState) int { L.Push(L.NewTable()); return 1 }))
	const calls = 1000
	loop := func(call string) time.Duration {
		start := time.Now()
		if _, err := h.Exec(context.Background(), "bench", "for i = 1, 1000 do "+call+" end"); err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
	var cmdletTime, bareTime time.Duration
	for i := 0; i < b.N; i++ {
		cmdletTime += loop(`Test_PcNoop{ Name = "x" }`)
		bareTime += loop(`bare{ Name = "x" }`)
	}
	perCmdlet := float64(cmdletTime.Nanoseconds()) / float64(b.N*calls)
	perBare := float64(bareTime.Nanoseconds()) / float64(b.N*calls)
	b.ReportMetric(perCmdlet, "cmdlet-ns/call")
	b.ReportMetric(perBare, "bare-ns/call")
	b.ReportMetric(perCmdlet/perBare, "ratio")
}
