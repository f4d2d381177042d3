// Package help renders command help in PowerShell's layout (NAME, SYNOPSIS,
// SYNTAX, DESCRIPTION, PARAMETERS, OUTPUTS, EXAMPLES, RELATED LINKS) from
// the same metadata the binder uses, so help cannot drift from behaviour.
package help
