package lab

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// crashPassword is the sa password of the crash tests' instances.
const crashPassword = "Crash-Test-Pw-7"

// crashServe starts `pcsh lab serve` on the data directory dir and
// returns the process and a go-mssqldb pool to it; the pool is closed
// when the test ends.
func crashServe(t *testing.T, dir string) (*exec.Cmd, *sql.DB) {
	t.Helper()
	cmd, _, ready := startServe(t, crashPassword, "--name", "crash-sql1", "--listen", listenHost()+":0", "--data", dir,
		"--backup-dir", backupRoot(t))
	db, err := sql.Open("sqlserver", serveDSN(t, ready, crashPassword))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return cmd, db
}

// crashKill kills the lab process with SIGKILL and reaps it.
func crashKill(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
}

// crashExec runs statements on db, failing the test on the first error.
func crashExec(t *testing.T, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// TestServeSIGKILLKeepsAcknowledgedInserts: eight clients insert single
// rows through go-mssqldb into a served instance, which is killed with
// SIGKILL after about a second. Restarted on the same data directory, it
// must have every row whose INSERT was acknowledged (the ones in flight
// at the kill may or may not be there): a commit is durable once the
// client has its DONE. Source: ACID durability as SQL Server documents it
// (Control Transaction Durability: "Fully durable transaction commits
// are synchronous and report a commit as successful and return control
// to the client only after the log records for the transaction are
// written to disk").
func TestServeSIGKILLKeepsAcknowledgedInserts(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL")
	}
	dir := t.TempDir()
	cmd, db := crashServe(t, dir)
	crashExec(t, db, "CREATE DATABASE crashdb",
		"CREATE TABLE crashdb.dbo.acked (id int NOT NULL, v nvarchar(40) NOT NULL)")

	const writers = 8
	db.SetMaxOpenConns(writers)
	var (
		mu    sync.Mutex
		acked = map[int]string{}
		wg    sync.WaitGroup
	)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				id, v := w*1_000_000+i, fmt.Sprintf("writer %d row %d", w, i)
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				_, err := db.ExecContext(ctx, "INSERT INTO crashdb.dbo.acked (id, v) VALUES (@p1, @p2)", id, v)
				cancel()
				if err != nil {
					return
				}
				mu.Lock()
				acked[id] = v
				mu.Unlock()
			}
		}()
	}
	time.Sleep(time.Second)
	crashKill(t, cmd)
	stopped := make(chan struct{})
	go func() { wg.Wait(); close(stopped) }()
	select {
	case <-stopped:
	case <-time.After(15 * time.Second):
		t.Fatal("the writers did not stop after the instance was killed")
	}
	if len(acked) == 0 {
		t.Fatal("no INSERT was acknowledged before the kill")
	}

	_, db = crashServe(t, dir)
	rows, err := db.Query("SELECT id, v FROM crashdb.dbo.acked")
	if err != nil {
		t.Fatalf("reading the rows after restart: %v", err)
	}
	have := map[int]string{}
	for rows.Next() {
		var id int
		var v string
		if err := rows.Scan(&id, &v); err != nil {
			t.Fatal(err)
		}
		have[id] = v
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	lost := 0
	for id, v := range acked {
		if got, ok := have[id]; !ok || got != v {
			if lost == 0 {
				t.Errorf("acknowledged row %d (%q) after restart: %q, present %v", id, v, got, ok)
			}
			lost++
		}
	}
	t.Logf("%d inserts acknowledged before SIGKILL, %d rows after restart", len(acked), len(have))
	if lost > 0 {
		t.Fatalf("%d of %d acknowledged rows lost", lost, len(acked))
	}
}

// TestServeSIGKILLDuringBackupLeavesNoHalfFile: a served instance is
// killed with SIGKILL while BACKUP DATABASE writes a backup of some tens
// of MB. After a restart on the same data directory the target is either
// absent or a complete backup that RESTORE VERIFYONLY accepts, never a
// partial one; the next BACKUP to the target removes the temporary file
// the killed one left, and succeeds. The lab writes a backup to a
// temporary file and renames it into place once synced, so a crash never
// leaves a target that looks like a backup but is not one.
func TestServeSIGKILLDuringBackupLeavesNoHalfFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL")
	}
	if testing.Short() {
		t.Skip("writes a backup of tens of MB")
	}
	dir, share := t.TempDir(), backupDir(t)
	cmd, db := crashServe(t, dir)
	crashExec(t, db, "CREATE DATABASE bigdb",
		"CREATE TABLE bigdb.dbo.blobs (id int NOT NULL, b varbinary(max) NOT NULL, s nvarchar(max) NOT NULL)")
	// Random bytes, so that nothing on the way makes the file smaller.
	const rowsN, blob = 6, 4 << 20
	for i := range rowsN {
		b := make([]byte, blob)
		rand.Read(b)
		s := strings.Repeat(fmt.Sprintf("row %d ", i), 100_000)
		if _, err := db.Exec("INSERT INTO bigdb.dbo.blobs (id, b, s) VALUES (@p1, @p2, @p3)", i, b, s); err != nil {
			t.Fatalf("INSERT of %d MB: %v", len(b)>>20, err)
		}
	}

	target := filepath.Join(share, "bigdb.bak")
	backup := make(chan error, 1)
	started := time.Now()
	go func() {
		_, err := db.Exec("BACKUP DATABASE bigdb TO DISK = @p1 WITH INIT", target)
		backup <- err
	}()
	// Kill as soon as the temporary file appears, that is while the
	// backup is being written.
	for deadline := time.Now().Add(20 * time.Second); len(backupTemps(t, target)) == 0; {
		select {
		case err := <-backup:
			t.Fatalf("BACKUP ended (%v) before its temporary file was seen", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("no temporary backup file after 20 s")
		}
		time.Sleep(200 * time.Microsecond)
	}
	crashKill(t, cmd)
	for _, name := range backupTemps(t, target) {
		if fi, err := os.Stat(filepath.Join(share, name)); err == nil {
			t.Logf("killed %v after BACKUP began; it left %s of %d bytes",
				time.Since(started).Round(time.Millisecond), name, fi.Size())
		}
	}

	_, db = crashServe(t, dir)
	if _, err := os.Stat(target); err == nil {
		if _, err := db.Exec("RESTORE VERIFYONLY FROM DISK = @p1", target); err != nil {
			t.Fatalf("the backup file left by the killed BACKUP is not valid: %v", err)
		}
		t.Log("the killed BACKUP had renamed its file into place")
	} else if !os.IsNotExist(err) {
		t.Fatal(err)
	}

	// The next BACKUP to the target cleans up after the killed one.
	if _, err := db.Exec("BACKUP DATABASE bigdb TO DISK = @p1 WITH INIT", target); err != nil {
		t.Fatalf("BACKUP after restart: %v", err)
	}
	if tmps := backupTemps(t, target); len(tmps) > 0 {
		t.Fatalf("temporary files left after the next BACKUP: %v", tmps)
	}
	if _, err := db.Exec("RESTORE VERIFYONLY FROM DISK = @p1", target); err != nil {
		t.Fatalf("RESTORE VERIFYONLY of the new backup: %v", err)
	}
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM bigdb.dbo.blobs").Scan(&n); err != nil || n != rowsN {
		t.Fatalf("rows after restart: %d %v", n, err)
	}
}

// backupTemps lists the temporary files of BACKUP to target
// ("<target>.tmp-<stamp>") in its directory.
func backupTemps(t *testing.T, target string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(target))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), filepath.Base(target)+".tmp-") {
			out = append(out, e.Name())
		}
	}
	return out
}
