package luahost_test

import (
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// TestCaughtErrorKeepsOuterUpvalues: an error caught by pcall closes the
// upvalues of the frames it unwinds and no others (Lua 5.1; gopher-lua
// issue #448, patched in runtime/luahost/gopherlua). A closure keeps
// sharing the locals of the frames below the pcall, and one that escaped
// from the unwound frames keeps the value it captured.
func TestCaughtErrorKeepsOuterUpvalues(t *testing.T) {
	L := lua.NewState()
	defer L.Close()
	err := L.DoString(`
local worst = "Healthy"
local function note(v) worst = v end
local function check() note("Critical"); error("unreachable") end
pcall(error, "x")
pcall(check)
local ok = pcall(function() local t = nil; return t.x end)
note2 = nil
pcall(function()
  local captured = "inner"
  escaped = function() return captured end
  error("boom")
end)
local a, b, c, d = 1, 2, 3, 4 -- reuse the registers the unwound frame held
result = worst .. " " .. tostring(ok) .. " " .. escaped()`)
	if err != nil {
		t.Fatal(err)
	}
	if got := L.GetGlobal("result").String(); got != "Critical false inner" {
		t.Fatalf("got %q, want %q", got, "Critical false inner")
	}
}
