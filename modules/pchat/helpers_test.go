package pchat

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
	"pcsh/runtime/shell"
)

// result is what one command line produced.
type result struct {
	out  []any
	errs []*cmdlet.ErrorRecord
	err  error
	host *cmdlettest.Host
}

// invoke runs one command line, a pipeline of cmdlets, in a fresh session
// (a fresh "process") with env as its whole environment: each stage gets
// the previous one's output as its input.
func invoke(t *testing.T, env map[string]string, line string) result {
	t.Helper()
	pls, err := shell.Parse(line)
	if err != nil {
		t.Fatal(err)
	}
	h := &cmdlettest.Host{}
	s := cmdlettest.NewSession(h)
	s.Getenv = func(k string) string { return env[k] }
	var r result
	r.host = h
	for _, call := range pls[0].Calls {
		cmd, ok := s.Registry.Lookup(call.Name)
		if !ok {
			t.Fatalf("unknown command %s", call.Name)
		}
		var errs []*cmdlet.ErrorRecord
		r.out, errs, r.err = s.Invoke(context.Background(), s.Prefs, cmd, shell.Args(cmd, call.Elems), r.out)
		r.errs = append(r.errs, errs...)
		if r.err != nil {
			break
		}
	}
	return r
}

// labEnv returns an environment with a fresh lab CMS and the example
// topology.
func labEnv(t *testing.T) map[string]string {
	t.Helper()
	topo, err := filepath.Abs("../topology/testdata/topology.lua")
	if err != nil {
		t.Fatal(err)
	}
	return map[string]string{EnvCMSDir: filepath.Join(t.TempDir(), "cms"), "PCSH_TOPOLOGY": topo}
}

func errorID(err error) string {
	if err == nil {
		return ""
	}
	return cmdlet.AsRecord(err).ErrorID
}

func prop(t *testing.T, obj any, name string) any {
	t.Helper()
	o, ok := obj.(*cmdlet.Object)
	if !ok {
		t.Fatalf("not an object: %#v", obj)
	}
	v, _ := o.Get(name)
	return v
}

func TestMain(m *testing.M) {
	if os.Getenv(fakeEnv) != "" {
		os.Exit(fakePowerShell())
	}
	os.Exit(m.Run())
}
