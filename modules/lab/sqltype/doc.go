// Package sqltype is the lab's SQL type system, the ground floor under the
// TDS layer, the engine and the executor: the data types a column may
// have, the Go types that hold their values, the decimal value, the SQL
// Server error record, and the one conversion between values (CAST,
// implicit conversion on INSERT and UPDATE, parameter binding). The TDS
// layer encodes these values, the engine stores them, the executor
// evaluates them.
package sqltype
