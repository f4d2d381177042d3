package exec

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"
)

// TestFailedProcedureReturnsItsStatus: a log shipping procedure that
// fails raises its error and returns 1 in the RPC's RETURNSTATUS (the
// batch form, EXEC @rc = …, is in conformance/logship.txtar). Source:
// sp_add_log_shipping_primary_database, "Return code values: 0 (success)
// or 1 (failure)"; 32015 for a primary database in SIMPLE recovery.
func TestFailedProcedureReturnsItsStatus(t *testing.T) {
	l, _ := startMirroredLab(t, "DC1-SQL1", true)
	db := l.open(t, "master")
	mustExec(t, db, "CREATE DATABASE simpledb; ALTER DATABASE simpledb SET RECOVERY SIMPLE")
	args := []any{sql.Named("database", "simpledb"), sql.Named("backup_directory", t.TempDir()),
		sql.Named("backup_share", t.TempDir()), sql.Named("backup_job_name", "LSBackup_simpledb"),
		sql.Named("backup_retention_period", 4320)}

	var rs mssql.ReturnStatus
	_, err := db.ExecContext(context.Background(), "master.dbo.sp_add_log_shipping_primary_database", append(args, &rs)...)
	var me mssql.Error
	if !errors.As(err, &me) || me.Number != 32015 {
		t.Fatalf("RPC error %v, want 32015", err)
	}
	if rs != 1 {
		t.Fatalf("RPC return status %d, want 1", rs)
	}

}
