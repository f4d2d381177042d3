// Package format renders pipeline objects for people (tables and lists in
// PowerShell's layout) and for programs (JSON). Formatting is a separate
// step: cmdlets only ever write objects.
package format
