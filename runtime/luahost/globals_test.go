package luahost_test

import "testing"

// TestUnknownCommandSaysDidYouMean: reading an undefined Verb_Noun global
// raises the command-not-found record with a suggestion; other undefined
// globals stay nil.
func TestUnknownCommandSaysDidYouMean(t *testing.T) {
	h, _ := newHost(t)
	out := run(t, h, `
		local ok, e = pcall(function() return Get_Verbb{} end)
		assert(not ok)
		return e.ErrorId, e.Hint, e.Target, my_var == nil, Foo_Bar == nil`)
	want := []any{"CommandNotFoundException", "did you mean 'Get-Verb' or 'Get-Help'?", "Get_Verbb", true, true}
	for i := range want {
		if i >= len(out) || out[i] != want[i] {
			t.Fatalf("got %v, want %v", out, want)
		}
	}
}

// TestAliasesAreLuaGlobals: aliases that are identifiers call their
// command; select and type stay Lua's own.
func TestAliasesAreLuaGlobals(t *testing.T) {
	h, _ := newHost(t)
	out := run(t, h, `return gcm{ Name = "Get-Verb" }[1].Name, select("#", 1, 2), type(where), type(sort)`)
	want := []any{"Get-Verb", int64(2), "function", "function"}
	for i := range want {
		if i >= len(out) || out[i] != want[i] {
			t.Fatalf("got %#v, want %v", out, want)
		}
	}
}
