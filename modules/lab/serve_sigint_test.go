package lab

import (
	"database/sql"
	"os"
	"testing"

	_ "github.com/microsoft/go-mssqldb"
)

// TestServeStopsCleanlyOnSIGINT proves that `pcsh lab serve` runs until
// SIGINT as it does until SIGTERM: after a query it exits 0 with the
// stopped line, and a row committed before the signal is there when the
// instance is served again from the same --data directory.
func TestServeStopsCleanlyOnSIGINT(t *testing.T) {
	const password = "Cli-Sigint-Pw-3"
	data := t.TempDir()
	args := []string{"--name", "dc1-sql1", "--listen", listenHost() + ":0", "--data", data}

	cmd, lines, ready := startServe(t, password, args...)
	db, err := sql.Open("sqlserver", serveDSN(t, ready, password))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"CREATE TABLE master.dbo.sigint_probe (id int)", "INSERT INTO master.dbo.sigint_probe (id) VALUES (42)"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	waitExit(t, cmd, lines)

	cmd, lines, ready = startServe(t, password, args...)
	db, err = sql.Open("sqlserver", serveDSN(t, ready, password))
	if err != nil {
		t.Fatal(err)
	}
	var id int
	if err := db.QueryRow("SELECT id FROM master.dbo.sigint_probe").Scan(&id); err != nil || id != 42 {
		t.Fatalf("row after restart: %v %d", err, id)
	}
	db.Close()
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	waitExit(t, cmd, lines)
}
