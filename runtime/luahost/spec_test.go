package luahost_test

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/luahost"
)

// TestLoopingRunbookCannotHangLoading: a runbook that loops before its
// cmdlet{} is reported with its path, at once, and the runbook beside it
// loads and runs; a runbook that loops after cmdlet{} is described
// without running.
func TestLoopingRunbookCannotHangLoading(t *testing.T) {
	h, _ := newHost(t)
	const synopsis = "--[[\n.SYNOPSIS\nA test.\n]]\n"
	fsys := fstest.MapFS{
		"Get-PcLoop.lua":  {Data: []byte(synopsis + "while true do end\nlocal args = cmdlet{}\n")},
		"Get-PcLate.lua":  {Data: []byte(synopsis + "local args = cmdlet{}\nwhile true do end\n")},
		"Get-PcValid.lua": {Data: []byte(synopsis + "local args = cmdlet{ params = { { \"Name\", default = \"ok\", help = \"A name.\" } } }\nreturn \"valid \" .. args.Name\n")},
	}
	done := make(chan []error, 1)
	go func() { done <- h.LoadRunbooks(fsys, "books/") }()
	var errs []error
	select {
	case errs = <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("loading runbooks hangs on a runbook that loops before cmdlet{}")
	}
	want := "books/Get-PcLoop.lua:5: runbook Get-PcLoop was not loaded: The first statement must be cmdlet{...}"
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), want) {
		t.Fatalf("errors %v, want one starting %q", errs, want)
	}
	if _, ok := h.Sess.Registry.Lookup("Get-PcLate"); !ok {
		t.Fatal("a runbook whose code after cmdlet{} loops is still described")
	}
	if out := run(t, h, `return Get_PcValid{}[1]`); len(out) != 1 || out[0] != "valid ok" {
		t.Fatalf("the valid runbook: %v", out)
	}
}

// TestDescribeReadsTheLiteral: the header is read from the table literal
// (long strings, negative numbers, concatenations); anything that would
// have to run is refused with its line.
func TestDescribeReadsTheLiteral(t *testing.T) {
	src := "--[[\n.SYNOPSIS\nx\n]]\nlocal args = cmdlet {\n  impact = \"Med\" .. \"ium\",\n  params = {\n" +
		"    { \"Share\", type = \"string\", default = [[\\\\fs\\logs]], alias = { \"Path\" } },\n" +
		"    { \"Delta\", type = \"int\", default = -5, position = 0 },\n  },\n}\n"
	cmd, err := luahost.Describe("Get-X", "x.lua", src)
	if err != nil {
		t.Fatal(err)
	}
	if cmd.Impact != cmdlet.ImpactMedium || cmd.Synopsis != "x" || len(cmd.Params) != 2 {
		t.Fatalf("command %+v", cmd)
	}
	if p := cmd.Params[0]; p.Default != `\\fs\logs` || len(p.Aliases) != 1 || p.Aliases[0] != "Path" {
		t.Fatalf("Share: %+v", p)
	}
	if p := cmd.Params[1]; p.Default != int64(-5) || p.Position != 0 {
		t.Fatalf("Delta: %+v", p)
	}
	for src, pos := range map[string]string{
		"local args = cmdlet{\n  impact = os.getenv('X'),\n}":          "x.lua:2",
		"local args = cmdlet{ params = { { \"A\", default = f() } } }": "x.lua:1",
		"local x = 1\nlocal args = cmdlet{}":                           "x.lua:1",
		"return 1":                                                     "x.lua:1",
	} {
		_, err := luahost.Describe("Get-X", "x.lua", src)
		if rec := cmdlet.AsRecord(err); err == nil || rec.ScriptPosition != pos {
			t.Errorf("%q: want a refusal at %s, got %v", src, pos, err)
		}
	}
}
