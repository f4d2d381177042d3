package lab

import "testing"

// TestServedCreateDatabaseOnFullDataDisk: with `disk-full INSTANCE`,
// CREATE DATABASE fails with 5123 (OS error 112) and 1802 through
// go-mssqldb; after heal it succeeds.
func TestServedCreateDatabaseOnFullDataDisk(t *testing.T) {
	st := faultLab(t)
	db := serveLabInstance(t, st, "dc1-sql1")
	if _, err := db.Exec("CREATE TABLE master.dbo.probe (id int)"); err != nil {
		t.Fatal(err)
	}
	labFault(t, st, "disk-full", "dc1-sql1")
	// The fault is in force once a change fails with 9002.
	execUntil(t, db, "INSERT INTO master.dbo.probe (id) VALUES (1)", func(err error) bool { return err != nil })
	create := "CREATE DATABASE [full]"
	_, err := db.Exec(create)
	if !hasSQLError(err, 5123, "CREATE FILE encountered operating system error 112(There is not enough space on the disk.) while attempting to open or create the physical file '") ||
		!hasSQLError(err, 1802, "CREATE DATABASE failed. Some file names listed could not be created.") {
		t.Fatalf("CREATE DATABASE on a full data disk: %v", err)
	}
	labFault(t, st, "heal", "dc1-sql1")
	if err := execUntil(t, db, create, func(err error) bool { return err == nil }); err != nil {
		t.Fatalf("CREATE DATABASE after heal: %v", err)
	}
}
