// Package cmdlet is the pcsh command runtime: the strict registry Go modules
// register their cmdlets into, the one parameter binder every call surface
// (Lua, command lines, the CLI) goes through, the invocation context with
// ShouldProcess and the output streams, error records and exit codes.
//
// A module registers a cmdlet in init():
//
//	func init() {
//		cmdlet.Register(cmdlet.Info{
//			Name:     "Get-CsPersistentChatState",
//			Synopsis: "Returns the state of a Persistent Chat pool.",
//			New:      func() cmdlet.Cmdlet { return new(getChatState) },
//		})
//	}
//
// Parameters are the exported fields of the cmdlet struct that carry a
// `param` tag; see ParseParamTag for the tag grammar.
package cmdlet
