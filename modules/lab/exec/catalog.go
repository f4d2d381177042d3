package exec

import (
	"fmt"
	"sync"

	"pcsh/modules/lab/engine"
)

// msgDef is one message of the executor's catalog: severity, the state
// SQL Server reports, and the sys.messages text with its %.*ls/%d inserts
// written as Go verbs.
type msgDef struct {
	severity uint8
	state    uint8
	format   string
}

// Sources: MicrosoftDocs/sql-docs docs/relational-databases/errors-events/
// includes/database-engine-events-and-errors-<range>.md ("ee-<range>"),
// the per-error pages mssqlserver-<n>-database-engine-error.md ("page"),
// and the Azure SQL Database resource-limits page for 40517. States are the
// ones SQL Server reports for the statement forms the lab executes.
func execCatalog() map[int32]msgDef {
	return map[int32]msgDef{
		// ee-0-999
		109: {15, 1, "There are more columns in the INSERT statement than values specified in the VALUES clause. The number of values in the VALUES clause must match the number of columns specified in the INSERT statement."},
		110: {15, 1, "There are fewer columns in the INSERT statement than values specified in the VALUES clause. The number of values in the VALUES clause must match the number of columns specified in the INSERT statement."},
		134: {15, 1, "The variable name '%s' has already been declared. Variable names must be unique within a query batch or stored procedure."},
		137: {15, 2, "Must declare the scalar variable \"%s\"."}, // page mssqlserver-137
		141: {15, 1, "A SELECT statement that assigns a value to a variable must not be combined with data-retrieval operations."},
		147: {15, 1, "An aggregate may not appear in the WHERE clause unless it is in a subquery contained in a HAVING clause or a select list, and the column being aggregated is an outer reference."},
		155: {15, 1, "'%s' is not a recognized %s option."},
		174: {15, 1, "The %s function requires %d argument(s)."},
		195: {15, 10, "'%s' is not a recognized built-in function name."},
		201: {16, 4, "Procedure or function '%s' expects parameter '%s', which was not supplied."},
		209: {16, 1, "Ambiguous column name '%s'."},
		213: {16, 1, "Column name or number of supplied values does not match table definition."},
		512: {16, 1, "Subquery returned more than 1 value. This is not permitted when the subquery follows =, !=, <, <= , >, >= or when the subquery is used as an expression."},
		// 574 takes the statement's name ("CREATE ENDPOINT"); CREATE
		// ENDPOINT's page: "ENDPOINT DDL statements cannot be executed
		// inside a user transaction." State 0 is the state reported for DROP
		// DATABASE and RECONFIGURE; not verified for ENDPOINT DDL.
		574: {16, 0, "%s statement cannot be used inside a user transaction."},
		// ee-2000-2999
		2732: {16, 1, "Error number %d is invalid. The number must be from %d through %d."},
		2812: {16, 62, "Could not find stored procedure '%s'."},
		// ee-3000-3999: sent after a statement that an error terminated.
		3621: {0, 0, "The statement has been terminated."},
		// ee-4000-4999
		4104: {16, 1, "The multi-part identifier \"%s\" could not be bound."},
		// ee-5000-5999: the INFO of USE (state 2 as the login reply sends it).
		5701: {0, 2, "Changed database context to '%s'."},
		// ee-8000-8999
		8117: {16, 1, "Operand data type %s is invalid for %s operator."},
		8134: {16, 1, "Divide by zero error encountered."},
		8144: {16, 2, "Procedure or function %s has too many arguments specified."},
		8178: {16, 1, "The parameterized query '%s' expects the parameter '%s', which was not supplied."},
		// ee-15000-16999
		15025: {16, 1, "The server principal '%s' already exists."},
		15151: {16, 1, "Cannot %s the %s '%s', because it does not exist or you do not have permission."},
		15401: {11, 1, "Windows NT user or group '%s' not found. Check the name again."},
		// ee-18000-18999
		18054: {16, 1, "Error %d, severity %d, state %d was raised, but no message with that error number was found in sys.messages. If error is larger than 50000, make sure the user-defined message is added using sp_addmessage."},
		// ee-31000-41399
		35100: {16, 10, "Error number %d in the THROW statement is outside the valid range. Specify an error number in the valid range of 50000 to 2147483647."},
		// Azure SQL Database resource limits ("Keyword or statement option
		// … is not supported"): the lab names the statement it does not
		// implement with this message.
		40517: {16, 1, "Keyword or statement option '%s' is not supported in this version of SQL Server."},
	}
}

// raise builds error number n from the executor's catalog, or from the
// engine's catalog for the numbers the engine owns.
func raise(n int32, args ...any) *engine.Error {
	if d, ok := messages()[n]; ok {
		return &engine.Error{Number: n, Severity: d.severity, State: d.state, Message: fmt.Sprintf(d.format, args...)}
	}
	return engine.Raise(n, args...)
}

// unsupported is 40517 naming a statement or option the lab does not
// implement.
func unsupported(what string) *engine.Error { return raise(40517, what) }

// messages is the catalog, built once on first use and never changed.
var messages = sync.OnceValue(execCatalog)
