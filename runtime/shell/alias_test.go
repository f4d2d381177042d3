package shell

import "testing"

// TestIsCommandLineWithAliases: an alias used as a command makes the line
// command syntax; the same word used in Lua keeps it Lua.
func TestIsCommandLineWithAliases(t *testing.T) {
	for src, want := range map[string]bool{
		"gcm":                      true,
		"gcm -Noun Verb":           true,
		"ft Name, Module":          true,
		"? Name -EQ x":             true,
		"help Get-Command":         true,
		"sleep 1; echo done":       true,
		"sort = 1":                 false,
		"where(x)":                 false,
		"gcm{ Noun = 'Verb' }":     false,
		"help.x":                   false,
		"print 'x'":                false,
		"x = 1":                    false,
		"Get-Command | ft":         true,
		"local t = gcm{}":          false,
		"select('#', 1)":           false,
		"echo 'quoted argument'":   true,
		"sort .. 'x'":              false,
		"ft -AutoSize | Out-Thing": true,
	} {
		if got := IsCommandLine(src); got != want {
			t.Errorf("IsCommandLine(%q) = %v, want %v", src, got, want)
		}
	}
	if ResolveAlias("GCM") != "Get-Command" || ResolveAlias("Get-Verb") != "Get-Verb" {
		t.Error("ResolveAlias")
	}
}
