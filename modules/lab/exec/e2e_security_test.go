package exec

import (
	"errors"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"
)

// wantSQLError fails unless err is SQL Server error n.
func wantSQLError(t *testing.T, err error, n int32) {
	t.Helper()
	var me mssql.Error
	if !errors.As(err, &me) || me.Number != n {
		t.Fatalf("error %v, want %d", err, n)
	}
}

// TestEndpointConnectGrants: CREATE LOGIN … FROM WINDOWS and WITH
// PASSWORD, GRANT/REVOKE CONNECT ON ENDPOINT, DROP LOGIN, as
// sys.server_principals and sys.server_permissions show them (class 105
// ENDPOINT, major_id = endpoint_id, CO/CONNECT, G/GRANT), and the
// documented errors: 15025 (exists), 15151 (no such login or endpoint),
// 15401 (Windows name without a domain). DENY stays unsupported (40517).
func TestEndpointConnectGrants(t *testing.T) {
	l, _ := startMirroredLab(t, "DC1-SQL1", false)
	db := l.open(t, "master")
	_, err := db.Exec(`GRANT CONNECT ON ENDPOINT::[Mirroring] TO [CONTOSO\svc-sql2]`)
	wantSQLError(t, err, 15151)
	mustExec(t, db, `CREATE ENDPOINT [Mirroring] STATE = STARTED AS TCP (LISTENER_PORT = 0) FOR DATABASE_MIRRORING (ROLE = PARTNER)`)
	_, err = db.Exec(`GRANT CONNECT ON ENDPOINT::[Mirroring] TO [CONTOSO\svc-sql2]`)
	wantSQLError(t, err, 15151)
	mustExec(t, db, `CREATE LOGIN [CONTOSO\svc-sql2] FROM WINDOWS`)
	_, err = db.Exec(`CREATE LOGIN [contoso\SVC-SQL2] FROM WINDOWS`)
	wantSQLError(t, err, 15025)
	_, err = db.Exec(`CREATE LOGIN [svc] FROM WINDOWS`)
	wantSQLError(t, err, 15401)
	mustExec(t, db, `CREATE LOGIN monitor WITH PASSWORD = 'S3cret!pass', CHECK_POLICY = OFF`)
	mustExec(t, db, `GRANT CONNECT ON ENDPOINT::[Mirroring] TO [CONTOSO\svc-sql2], [monitor]`)
	mustExec(t, db, `GRANT CONNECT ON ENDPOINT::Mirroring TO [CONTOSO\svc-sql2]`) // again: no change
	_, err = db.Exec(`DENY CONNECT ON ENDPOINT::[Mirroring] TO [monitor]`)
	wantSQLError(t, err, 40517)

	var typ, desc string
	var id int
	if err := db.QueryRow(`SELECT principal_id, type, type_desc FROM sys.server_principals WHERE name = N'CONTOSO\svc-sql2'`).Scan(&id, &typ, &desc); err != nil {
		t.Fatal(err)
	}
	if typ != "U" || desc != "WINDOWS_LOGIN" || id < 256 {
		t.Fatalf("login row %d %s %s", id, typ, desc)
	}
	count := func() (n int) {
		t.Helper()
		q := `SELECT COUNT(*) FROM sys.server_permissions p JOIN sys.endpoints e ON p.major_id = e.endpoint_id
			WHERE p.class_desc = 'ENDPOINT' AND e.name = 'Mirroring' AND p.permission_name = 'CONNECT' AND p.state_desc = 'GRANT'`
		if err := db.QueryRow(q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(); n != 2 {
		t.Fatalf("%d CONNECT grants, want 2", n)
	}
	var grantee int
	if err := db.QueryRow(`SELECT grantee_principal_id FROM sys.server_permissions WHERE grantee_principal_id = @p1`, id).Scan(&grantee); err != nil {
		t.Fatal(err)
	}
	mustExec(t, db, `REVOKE CONNECT ON ENDPOINT::[Mirroring] FROM [monitor]`)
	if n := count(); n != 1 {
		t.Fatalf("%d CONNECT grants after REVOKE, want 1", n)
	}
	mustExec(t, db, `DROP LOGIN [CONTOSO\svc-sql2]`)
	if n := count(); n != 0 {
		t.Fatalf("%d CONNECT grants after DROP LOGIN, want 0", n)
	}
	_, err = db.Exec(`DROP LOGIN [CONTOSO\svc-sql2]`)
	wantSQLError(t, err, 15151)
	_, err = db.Exec(`BEGIN TRAN; CREATE LOGIN [CONTOSO\x] FROM WINDOWS`)
	wantSQLError(t, err, 40517)
}

// TestMirroringMonitorJob: sp_dbmmonitoraddmonitoring creates the enabled
// "Database Mirroring Monitor Job" in msdb.dbo.sysjobs, scheduled every
// @update_period minutes; sp_dbmmonitorchangemonitoring 1, n changes the
// period sp_dbmmonitorhelpmonitoring reports; sp_dbmmonitordropmonitoring
// removes the job; periods outside 1 to 120 fail.
func TestMirroringMonitorJob(t *testing.T) {
	l, _ := startMirroredLab(t, "DC1-SQL1", true)
	db := l.open(t, "msdb")
	mustExec(t, db, `EXEC sp_dbmmonitoraddmonitoring 3`)
	mustExec(t, db, `EXEC sys.sp_dbmmonitoraddmonitoring @update_period = 5`) // exists: unchanged
	var enabled, interval int
	q := `SELECT j.enabled, s.freq_subday_interval FROM msdb.dbo.sysjobs j
		JOIN msdb.dbo.sysjobschedules js ON js.job_id = j.job_id JOIN msdb.dbo.sysschedules s ON s.schedule_id = js.schedule_id
		WHERE j.name = N'Database Mirroring Monitor Job'`
	if err := db.QueryRow(q).Scan(&enabled, &interval); err != nil {
		t.Fatal(err)
	}
	if enabled != 1 || interval != 3 {
		t.Fatalf("job enabled %d every %d min", enabled, interval)
	}
	mustExec(t, db, `EXEC sp_dbmmonitorchangemonitoring 1, 10`)
	var period int
	if err := db.QueryRow(`EXEC sp_dbmmonitorhelpmonitoring`).Scan(&period); err != nil || period != 10 {
		t.Fatalf("update_period %d, %v", period, err)
	}
	_, err := db.Exec(`EXEC sp_dbmmonitorchangemonitoring 1, 121`)
	wantSQLError(t, err, 14266)
	mustExec(t, db, `EXEC msdb.sys.sp_dbmmonitorupdate`)
	mustExec(t, db, `EXEC sp_dbmmonitordropmonitoring`)
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM msdb.dbo.sysjobs WHERE name = N'Database Mirroring Monitor Job'`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d jobs after drop, %v", n, err)
	}
	_, err = db.Exec(`EXEC sp_dbmmonitoraddmonitoring 0`)
	wantSQLError(t, err, 14266)
}
