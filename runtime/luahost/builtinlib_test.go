package luahost_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"pcsh/runtime/luahost"
)

func TestBuiltinLibraryIsRequiredByName(t *testing.T) {
	luahost.RegisterBuiltinLibraries(fstest.MapFS{
		"lib/greet.lua": {Data: []byte(`local M = {} function M.hello(n) return "hello " .. n end return M`)},
	}, "lib", "pcshtest")
	h, _ := newHost(t)
	out := run(t, h, `local g = require "pcshtest.greet"; return g.hello("dc1"), require("pcshtest.greet") == g`)
	if len(out) != 2 || out[0] != "hello dc1" || out[1] != true {
		t.Fatalf("require of a built-in library: %v", out)
	}
}

func TestBuiltinLibraryRegisteredTwicePanics(t *testing.T) {
	fsys := fstest.MapFS{"lib/twice.lua": {Data: []byte(`return {}`)}}
	luahost.RegisterBuiltinLibraries(fsys, "lib", "pcshdup")
	defer func() {
		if recover() == nil {
			t.Fatal("a second registration of pcshdup.twice did not panic")
		}
	}()
	luahost.RegisterBuiltinLibraries(fsys, "lib", "pcshdup")
}

func TestBuiltinLibraryThatDoesNotCompileSaysWhich(t *testing.T) {
	luahost.RegisterBuiltinLibraries(fstest.MapFS{"lib/broken.lua": {Data: []byte(`return {`)}}, "lib", "pcshbad")
	h, _ := newHost(t)
	_, err := h.Exec(context.Background(), "test", `require "pcshbad.broken"`)
	if err == nil || !strings.Contains(err.Error(), "pcshbad.broken does not compile") {
		t.Fatalf("a broken library: %v", err)
	}
}
