// Package scripts holds pcsh's built-in runbooks, one Verb-Noun.lua file per
// runbook, embedded in the binary and registered as commands.
package scripts

import (
	"embed"

	"pcsh/runtime/luahost"
)

// FS is the embedded runbook folder.
//
//go:embed *.lua
var FS embed.FS

func init() { luahost.RegisterBuiltin(FS) }
