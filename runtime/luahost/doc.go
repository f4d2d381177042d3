// Package luahost runs Lua (gopher-lua) with every registered command as a
// global function: Set-CsPersistentChatState is Set_CsPersistentChatState,
// called with one table of named arguments and returning (objects, errors).
// It also loads runbooks: Lua files whose header makes them commands.
package luahost
