package connection

import "slices"

// Class is how pcsh treats a SQL Server error number.
type Class int

// The error classes.
const (
	// ClassFatal errors are reported as they are.
	ClassFatal Class = iota
	// ClassTransient errors are retried with backoff: the server documents
	// that the same request may succeed a moment later.
	ClassTransient
	// ClassPartner errors mean this partner cannot serve the database now
	// (it is the mirror, or the database is not open yet): pcsh tries the
	// failover partner, when there is one, instead of retrying here.
	ClassPartner
)

// TransientError is one row of the classification table.
type TransientError struct {
	Number int32
	Class  Class
	Reason string
	Source string // the documentation that calls it transient
	Scope  string // "all", or "Azure SQL Database" when it never occurs on SQL Server 2012/2014
}

// TransientErrors returns the classification table, by error number. Only
// numbers that Microsoft documents as worth retrying (or, for
// ClassPartner, as what a mirror answers) are here. Network failures and
// login timeouts carry no SQL number; IsTransient handles them separately.
func TransientErrors() []TransientError { return slices.Clone(transientTable) }

var transientTable = []TransientError{
	{1205, ClassTransient, "deadlock victim; the transaction was rolled back", "MSSQLSERVER_1205: \"Rerun the transaction.\"", "all"},
	{1222, ClassTransient, "lock request time-out period exceeded", "MSSQLSERVER_1222; SqlClient SqlConfigurableRetryFactory default list", "all"},
	{1204, ClassTransient, "could not obtain a lock: lock resources exhausted", "SqlClient SqlConfigurableRetryFactory default list", "all"},
	{954, ClassPartner, "the database is acting as a mirror database", "Connect Clients to a Database Mirroring Session", "all"},
	{955, ClassPartner, "the database is enabled for mirroring but cannot be opened here", "Database Engine events and errors 955", "all"},
	{4060, ClassPartner, "cannot open the database requested by the login (mirror, or failover in progress)", "Azure SQL transient fault list; SqlClient default list", "all"},
	{40613, ClassTransient, "database is not currently available", "Azure SQL: Troubleshoot transient connection errors", "Azure SQL Database"},
	{40197, ClassTransient, "the service encountered an error processing your request", "Azure SQL: Troubleshoot transient connection errors", "Azure SQL Database"},
	{40501, ClassTransient, "the service is currently busy", "Azure SQL: Troubleshoot transient connection errors", "Azure SQL Database"},
	{49918, ClassTransient, "not enough resources to process the request", "Azure SQL: Troubleshoot transient connection errors", "Azure SQL Database"},
	{49919, ClassTransient, "too many create or update operations in progress", "Azure SQL: Troubleshoot transient connection errors", "Azure SQL Database"},
	{49920, ClassTransient, "too many operations in progress", "Azure SQL: Troubleshoot transient connection errors", "Azure SQL Database"},
	{4221, ClassTransient, "login to read-secondary failed due to long wait on HADR_DATABASE_WAIT_FOR_TRANSITION_TO_VERSIONING", "Azure SQL: Troubleshoot transient connection errors", "Azure SQL Database"},
	{10928, ClassTransient, "resource limit reached", "Azure SQL: resource limits; SqlClient default list", "Azure SQL Database"},
	{10929, ClassTransient, "resource minimum guarantee not met", "Azure SQL: resource limits; SqlClient default list", "Azure SQL Database"},
}

// ClassOf returns the class of an error number.
func ClassOf(number int32) Class {
	for _, e := range transientTable {
		if e.Number == number {
			return e.Class
		}
	}
	return ClassFatal
}
