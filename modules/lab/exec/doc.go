// Package exec is the statement executor of the pcsh lab: it implements
// the TDS server's Handler over an engine.Instance. A batch is parsed with
// the tsql package and each statement runs against the engine with SQL
// Server semantics: results, row counts, messages (PRINT, RAISERROR, the
// STATS progress of BACKUP and RESTORE) and errors carrying SQL Server's
// numbers, severities, states and the line of the failing statement.
//
// Error texts come from the engine's catalog or from this package's own
// catalog (catalog.go), each entry naming its Microsoft documentation
// source. A statement the lab does not implement fails with error 40517
// naming the statement; nothing is accepted silently.
package exec
