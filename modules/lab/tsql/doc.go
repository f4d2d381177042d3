// Package tsql lexes and parses the subset of Transact-SQL that the pcsh lab
// (an embedded SQL Server emulator) executes: the statements that HA/DR
// runbooks, Lync's Persistent Chat databases and ordinary SQL clients send.
//
// The parser is hand-written recursive descent. Syntax errors carry SQL
// Server's own numbers and texts (102, 156, 105, …) so that clients see what
// a real server would say; statements outside the subset are rejected with an
// *UnsupportedError naming the statement, never accepted silently.
//
// GO is not a batch separator here: it is a client-side convention, and the
// server, like SQL Server, rejects it as a syntax error.
package tsql
