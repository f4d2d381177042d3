// Package conformance holds the lab's conformance corpus (*.txtar: T-SQL
// batches and the output SQL Server documents for them) and, in its
// tests, the runner that plays each archive against lab instances built
// as `pcsh lab serve` builds them (labtest, sqlserver.Start).
package conformance
