// Package shell parses and runs PowerShell-style command lines:
//
//	Get-CsPersistentChatState | Format-Table Identity, PoolState
//	Set-CsPersistentChatActiveServer -Identity service:pc.contoso.com -ActiveServers @{Add="pc3";Remove="pc1"}
//
// The grammar is deliberately small: words, quoted strings, numbers,
// comma arrays, @(…) arrays, @{k=v;…} hashtables, $true/$false/$null,
// -Name value, -Name:value, bare -Switch, | pipelines and ; between
// pipelines. There are no variables or expressions: use Lua for logic.
package shell
