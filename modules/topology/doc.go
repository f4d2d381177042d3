// Package topology is the pcsh module for the Persistent Chat HA/DR
// topology: a Lua document (topology.lua, kept in version control) that
// describes the sites, the Persistent Chat pools and their servers, the SQL
// stores, log shipping, schedules and alert thresholds.
//
// The document is loaded in its own sandboxed Lua state (no cmdlets, no io
// or os) and decoded strictly: a missing, mistyped or unknown field is an
// error with its file:line and, for unknown names, a "did you mean" hint.
// Check applies every rule the Lync Server 2013 documentation states about
// such a topology; the cmdlets Get-, Test-, Export- and Compare-PcTopology
// expose the model, the rules, a JSON form and a diff. README.md describes
// the document format.
package topology
