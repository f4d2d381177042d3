package luahost_test

import (
	"testing"
	"time"

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

// TestHostElapsed: host.elapsed() reads the session's monotonic clock,
// which moves while the session clock (os.time) stays fixed.
func TestHostElapsed(t *testing.T) {
	sess := cmdlettest.NewSession(&cmdlettest.Host{})
	var d time.Duration
	sess.Elapsed = func() time.Duration { d += 1500 * time.Millisecond; return d }
	h := luahost.New(sess, nil)
	defer h.Close()
	out := run(t, h, `local t0, a = os.time(), host.elapsed() local b = host.elapsed() return b - a, os.time() - t0`)
	if len(out) != 2 || out[0] != 1.5 || out[1] != int64(0) {
		t.Fatalf("got %#v, want 1.5 s elapsed on a fixed session clock", out)
	}
}
