// Package console runs what a person or a script types: command lines and
// Lua chunks, one line at a time in the REPL (liner on a terminal, plain
// line reading otherwise) or as a whole for -c and run.
package console
