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

// invoke runs one command line in a fresh session (a fresh "process")
// with env as its whole environment.
func invoke(t *testing.T, env map[string]string, line string) result {
	t.Helper()
	pls, err := shell.Parse(line)
	if err != nil {
		t.Fatal(err)
	}
	call := pls[0].Calls[0]
	h := &cmdlettest.Host{}
	s := cmdlettest.NewSession(h)
	s.Getenv = func(k string) string { return env[k] }
	cmd, ok := s.Registry.Lookup(call.Name)
	if !ok {
		t.Fatalf("unknown command %s", call.Name)
	}
	out, errs, err := s.Invoke(context.Background(), s.Prefs, cmd, shell.Args(cmd, call.Elems), nil)
	return result{out, errs, err, h}
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
