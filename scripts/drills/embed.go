// Package drills holds the scenarios of `pcsh drill`, one Lua script per
// scenario (NAME.lua, its first line a "-- " description), and the drill's
// set-up and tear-down scripts (setup.lua, teardown.lua), embedded in the
// binary, and their shared Lua (lib/drill.lua, required as pcsh.drill).
package drills

import (
	"embed"

	"pcsh/runtime/luahost"
)

// FS is the embedded scenario folder.
//
//go:embed *.lua
var FS embed.FS

// Lib holds the Lua the scenarios share, required as pcsh.drill.
//
//go:embed lib/*.lua
var Lib embed.FS

func init() { luahost.RegisterBuiltinLibraries(Lib, "lib", "pcsh") }
