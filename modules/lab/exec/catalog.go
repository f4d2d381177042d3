package exec

import "pcsh/modules/lab/engine"

// Sources: MicrosoftDocs/sql-docs docs/relational-databases/errors-events/
// includes/database-engine-events-and-errors-<range>.md ("ee-<range>"),
// the per-error pages mssqlserver-<n>-database-engine-error.md ("page"),
// and the Azure SQL Database resource-limits page for 40517. States are the
// ones SQL Server reports for the statement forms the lab executes.
func init() {
	engine.RegisterMessages("exec", func() map[int32]engine.Message {
		return map[int32]engine.Message{
			// ee-0-999
			109: {Severity: 15, State: 1, Text: "There are more columns in the INSERT statement than values specified in the VALUES clause. The number of values in the VALUES clause must match the number of columns specified in the INSERT statement."},
			110: {Severity: 15, State: 1, Text: "There are fewer columns in the INSERT statement than values specified in the VALUES clause. The number of values in the VALUES clause must match the number of columns specified in the INSERT statement."},
			134: {Severity: 15, State: 1, Text: "The variable name '%s' has already been declared. Variable names must be unique within a query batch or stored procedure."},
			137: {Severity: 15, State: 2, Text: "Must declare the scalar variable \"%s\"."}, // page mssqlserver-137
			141: {Severity: 15, State: 1, Text: "A SELECT statement that assigns a value to a variable must not be combined with data-retrieval operations."},
			147: {Severity: 15, State: 1, Text: "An aggregate may not appear in the WHERE clause unless it is in a subquery contained in a HAVING clause or a select list, and the column being aggregated is an outer reference."},
			155: {Severity: 15, State: 1, Text: "'%s' is not a recognized %s option."},
			174: {Severity: 15, State: 1, Text: "The %s function requires %d argument(s)."},
			195: {Severity: 15, State: 10, Text: "'%.*ls' is not a recognized %S_MSG."},
			209: {Severity: 16, State: 1, Text: "Ambiguous column name '%s'."},
			213: {Severity: 16, State: 1, Text: "Column name or number of supplied values does not match table definition."},
			512: {Severity: 16, State: 1, Text: "Subquery returned more than 1 value. This is not permitted when the subquery follows =, !=, <, <= , >, >= or when the subquery is used as an expression."},
			// 574 takes the statement's name ("CREATE ENDPOINT"); CREATE
			// ENDPOINT's page: "ENDPOINT DDL statements cannot be executed
			// inside a user transaction." State 0 is the state reported for DROP
			// DATABASE and RECONFIGURE; not verified for ENDPOINT DDL.
			574: {Severity: 16, State: 0, Text: "%s statement cannot be used inside a user transaction."},
			// ee-2000-2999
			2732: {Severity: 16, State: 1, Text: "Error number %d is invalid. The number must be from %d through %d."},
			// ee-3000-3999: sent after a statement that an error terminated.
			3621: {Severity: 0, State: 0, Text: "The statement has been terminated."},
			// ee-4000-4999
			4104: {Severity: 16, State: 1, Text: "The multi-part identifier \"%s\" could not be bound."},
			// ee-5000-5999: the INFO of USE (state 2 as the login reply sends it).
			5701: {Severity: 0, State: 2, Text: "Changed database context to '%s'."},
			// ee-8000-8999
			8117: {Severity: 16, State: 1, Text: "Operand data type %s is invalid for %s operator."},
			8134: {Severity: 16, State: 1, Text: "Divide by zero error encountered."},
			8178: {Severity: 16, State: 1, Text: "The parameterized query '%s' expects the parameter '%s', which was not supplied."},
			// ee-15000-16999
			15025: {Severity: 16, State: 1, Text: "The server principal '%s' already exists."},
			15401: {Severity: 11, State: 1, Text: "Windows NT user or group '%s' not found. Check the name again."},
			// ee-18000-18999
			18054: {Severity: 16, State: 1, Text: "Error %d, severity %d, state %d was raised, but no message with that error number was found in sys.messages. If error is larger than 50000, make sure the user-defined message is added using sp_addmessage."},
			// ee-31000-41399
			35100: {Severity: 16, State: 10, Text: "Error number %d in the THROW statement is outside the valid range. Specify an error number in the valid range of 50000 to 2147483647."},
			// Azure SQL Database resource limits ("Keyword or statement option
			// … is not supported"): the lab names the statement it does not
			// implement with this message.
			40517: {Severity: 16, State: 1, Text: "Keyword or statement option '%s' is not supported in this version of SQL Server."},
		}
	})
}

// unsupported is 40517 naming a statement or option the lab does not
// implement.
func unsupported(what string) *engine.Error { return engine.Raise(40517, what) }
