package luahost_test

import (
	"testing"

	"pcsh/runtime/cmdlet/cmdlettest"
	"pcsh/runtime/luahost"
)

// TestSandboxOs: os.time, os.date, os.clock and os.getenv are there (the
// clock and environment the session injects); nothing that runs a program
// or touches a file is.
func TestSandboxOs(t *testing.T) {
	sess := cmdlettest.NewSession(&cmdlettest.Host{})
	sess.Getenv = func(k string) string { return map[string]string{"POOL": "pc.contoso.com"}[k] }
	h := luahost.New(sess, nil)
	defer h.Close()
	out := run(t, h, `
		assert(type(os.clock()) == "number")
		assert(os.getenv("UNSET") == nil)
		return os.time(), os.date("!%Y-%m-%dT%H:%M:%S"), os.getenv("POOL"),
			os.execute == nil and os.remove == nil and os.rename == nil and os.exit == nil and os.tmpname == nil,
			io == nil and dofile == nil and loadfile == nil, package.loaded.io == nil`)
	want := []any{int64(1704067200), "2024-01-01T00:00:00", "pc.contoso.com", true, true, true}
	for i := range want {
		if i >= len(out) || out[i] != want[i] {
			t.Fatalf("got %#v, want %#v", out, want)
		}
	}
}
