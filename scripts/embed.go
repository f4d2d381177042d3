// Package scripts holds pcsh's built-in runbooks, one Verb-Noun.lua file per
// runbook, embedded in the binary and registered as commands, and the Lua
// library they share (lib/*.lua, required as pcsh.NAME).
package scripts

import (
	"embed"

	"pcsh/runtime/luahost"
)

// FS is the embedded runbook folder.
//
//go:embed *.lua
var FS embed.FS

// Lib holds the Lua modules the built-in runbooks share.
//
//go:embed lib/*.lua
var Lib embed.FS

func init() {
	luahost.RegisterBuiltin(FS)
	luahost.RegisterBuiltinLibraries(Lib, "lib", "pcsh")
}
