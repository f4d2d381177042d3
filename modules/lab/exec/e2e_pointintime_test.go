package exec

import (
	"database/sql"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"
)

// ids returns the ids of db.dbo.t in order.
func pitIDs(t *testing.T, conn *sql.DB, db string) []int {
	t.Helper()
	rows, err := conn.Query("SELECT id FROM " + db + ".dbo.t ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	return out
}

// pitNow reads the instance's clock as a datetime string between two
// pauses, so commits before and after it fall on either side.
func pitNow(t *testing.T, conn *sql.DB) string {
	t.Helper()
	time.Sleep(40 * time.Millisecond)
	var s string
	if err := conn.QueryRow("SELECT CONVERT(varchar(23), GETDATE(), 121)").Scan(&s); err != nil {
		t.Fatal(err)
	}
	time.Sleep(40 * time.Millisecond)
	return s
}

// TestRestoreChainStopAt restores full + differential + log backups to a
// STOPAT in the middle of a log backup (RESTORE Arguments, STOPAT: "Only
// transaction log records written before the specified date and time are
// applied"; "If the specified STOPAT time is after the last LOG backup,
// the database is left in the unrecovered state"), through go-mssqldb.
func TestRestoreChainStopAt(t *testing.T) {
	l := startLab(t)
	conn := l.open(t, "master")
	conn.SetMaxOpenConns(1)
	dir := t.TempDir()
	full, diff, log1, log2 := filepath.Join(dir, "full.bak"), filepath.Join(dir, "diff.bak"),
		filepath.Join(dir, "log1.trn"), filepath.Join(dir, "log2.trn")
	mustExec(t, conn, "CREATE DATABASE pit; ALTER DATABASE pit SET RECOVERY FULL")
	mustExec(t, conn, "CREATE TABLE pit.dbo.t (id int PRIMARY KEY); INSERT INTO pit.dbo.t VALUES (1)")
	mustExec(t, conn, "BACKUP DATABASE pit TO DISK = @p1", full)
	mustExec(t, conn, "INSERT INTO pit.dbo.t VALUES (2)")
	mustExec(t, conn, "BACKUP DATABASE pit TO DISK = @p1 WITH DIFFERENTIAL", diff)
	mustExec(t, conn, "INSERT INTO pit.dbo.t VALUES (3)")
	mid := pitNow(t, conn)
	mustExec(t, conn, "INSERT INTO pit.dbo.t VALUES (4)")
	mustExec(t, conn, "BACKUP LOG pit TO DISK = @p1", log1)
	mustExec(t, conn, "INSERT INTO pit.dbo.t VALUES (5)")
	late := pitNow(t, conn)
	mustExec(t, conn, "INSERT INTO pit.dbo.t VALUES (6)")
	mustExec(t, conn, "BACKUP LOG pit TO DISK = @p1", log2)

	// The differential's header and history name its base.
	var fullCkpt, fullGUID, diffBase, diffGUID, dbLSN string
	var typ int
	if err := conn.QueryRow("SELECT CONVERT(varchar(40), checkpoint_lsn), CONVERT(varchar(36), backup_set_uuid) "+
		"FROM msdb.dbo.backupset WHERE type = 'D' AND database_name = 'pit'").Scan(&fullCkpt, &fullGUID); err != nil {
		t.Fatal(err)
	}
	if err := conn.QueryRow("SELECT CONVERT(varchar(40), differential_base_lsn), CONVERT(varchar(36), differential_base_guid), "+
		"CONVERT(varchar(40), database_backup_lsn) FROM msdb.dbo.backupset WHERE type = 'I'").Scan(&diffBase, &diffGUID, &dbLSN); err != nil {
		t.Fatal(err)
	}
	if diffBase != fullCkpt || !strings.EqualFold(diffGUID, fullGUID) || dbLSN != fullCkpt {
		t.Fatalf("differential base %s %s (database_backup_lsn %s), full %s %s", diffBase, diffGUID, dbLSN, fullCkpt, fullGUID)
	}
	hdr := firstRow(t, conn, "RESTORE HEADERONLY FROM DISK = @p1", diff)
	get := func(name string) any { return hdr[name] }
	typ = int(get("BackupType").(int64))
	if typ != 5 || get("BackupTypeDescription") != "DATABASE DIFFERENTIAL" || string(get("DifferentialBaseLSN").([]byte)) != fullCkpt {
		t.Fatalf("HEADERONLY: type %v %v base %s", typ, get("BackupTypeDescription"), get("DifferentialBaseLSN"))
	}

	// Full + differential + first log to the middle of the log.
	mustExec(t, conn, "RESTORE DATABASE pit2 FROM DISK = @p1 WITH NORECOVERY"+moveCopy("pit", "pit2"), full)
	mustExec(t, conn, "RESTORE DATABASE pit2 FROM DISK = @p1 WITH NORECOVERY", diff)
	mustExec(t, conn, "RESTORE LOG pit2 FROM DISK = @p1 WITH STOPAT = @p2", log1, mid)
	if got := pitIDs(t, conn, "pit2"); !slices.Equal(got, []int{1, 2, 3}) {
		t.Fatalf("STOPAT in the first log: %v, want [1 2 3]", got)
	}
	var stopAt sql.NullString
	if err := conn.QueryRow("SELECT TOP 1 CONVERT(varchar(23), stop_at, 121) FROM msdb.dbo.restorehistory " +
		"WHERE destination_database_name = 'pit2' ORDER BY restore_history_id DESC").Scan(&stopAt); err != nil || !stopAt.Valid {
		t.Fatalf("restorehistory.stop_at %v %v", stopAt, err)
	}

	// A point after the first log leaves the database restoring (4322);
	// the second log with the same STOPAT stops in it.
	mustExec(t, conn, "RESTORE DATABASE pit3 FROM DISK = @p1 WITH NORECOVERY"+moveCopy("pit", "pit3"), full)
	mustExec(t, conn, "RESTORE DATABASE pit3 FROM DISK = @p1 WITH NORECOVERY", diff)
	msgs := runNotices(t, conn, "RESTORE LOG pit3 FROM DISK = @p1 WITH STOPAT = @p2, RECOVERY", log1, late)
	if !slices.ContainsFunc(msgs, func(n notice) bool { return n.number == 4322 && n.class == 10 }) {
		t.Fatalf("no 4322 in %v", msgs)
	}
	var state string
	if err := conn.QueryRow("SELECT state_desc FROM sys.databases WHERE name = 'pit3'").Scan(&state); err != nil || state != "RESTORING" {
		t.Fatalf("pit3 is %q (%v), want RESTORING", state, err)
	}
	mustExec(t, conn, "RESTORE LOG pit3 FROM DISK = @p1 WITH STOPAT = @p2, RECOVERY", log2, late)
	if got := pitIDs(t, conn, "pit3"); !slices.Equal(got, []int{1, 2, 3, 4, 5}) {
		t.Fatalf("STOPAT in the second log: %v, want [1 2 3 4 5]", got)
	}

	// Refusals: no base (3035), wrong base (3136), a data backup more
	// recent than STOPAT (4338).
	mustExec(t, conn, "CREATE DATABASE nobase")
	if _, err := conn.Exec("BACKUP DATABASE nobase TO DISK = @p1 WITH DIFFERENTIAL", filepath.Join(dir, "nb.bak")); err == nil ||
		!strings.Contains(err.Error(), "because a current database backup does not exist") {
		t.Fatalf("differential without a base: %v", err)
	}
	mustExec(t, conn, "BACKUP DATABASE pit TO DISK = @p1", filepath.Join(dir, "full2.bak"))
	mustExec(t, conn, "RESTORE DATABASE pit4 FROM DISK = @p1 WITH NORECOVERY"+moveCopy("pit", "pit4"), filepath.Join(dir, "full2.bak"))
	if _, err := conn.Exec("RESTORE DATABASE pit4 FROM DISK = @p1", diff); err == nil ||
		!strings.Contains(err.Error(), "has not been restored to the correct earlier state") {
		t.Fatalf("differential on another base: %v", err)
	}
	if _, err := conn.Exec("RESTORE DATABASE pit5 FROM DISK = @p1 WITH STOPAT = @p2, NORECOVERY"+moveCopy("pit", "pit5"),
		filepath.Join(dir, "full2.bak"), mid); err == nil || !strings.Contains(err.Error(), "STOPAT clause specifies a point too early") {
		t.Fatalf("data backup after STOPAT: %v", err)
	}
}

// TestLabelOnlyMatchesMsdb: RESTORE LABELONLY's MediaSetId and
// MediaFamilyId are msdb's backupmediaset.media_uuid and
// backupmediafamily.media_family_id of the backup that wrote the media
// (RESTORE LABELONLY, backupmediaset and backupmediafamily documentation).
func TestLabelOnlyMatchesMsdb(t *testing.T) {
	l := startLab(t)
	conn := l.open(t, "master")
	path := filepath.Join(t.TempDir(), "m.bak")
	mustExec(t, conn, "BACKUP DATABASE msdb TO DISK = @p1 WITH FORMAT", path)
	label := firstRow(t, conn, "RESTORE LABELONLY FROM DISK = @p1", path)
	guid := func(name string) string {
		var u mssqlGUID
		_ = u.Scan(label[name])
		return strings.ToUpper(u.String())
	}
	var set, family string
	if err := conn.QueryRow("SELECT CONVERT(varchar(36), s.media_uuid), CONVERT(varchar(36), f.media_family_id) "+
		"FROM msdb.dbo.backupmediaset AS s INNER JOIN msdb.dbo.backupmediafamily AS f ON f.media_set_id = s.media_set_id").
		Scan(&set, &family); err != nil {
		t.Fatal(err)
	}
	if got := guid("MediaSetId"); got != strings.ToUpper(set) {
		t.Errorf("MediaSetId %s, media_uuid %s", got, set)
	}
	if got := guid("MediaFamilyId"); got != strings.ToUpper(family) || set == family {
		t.Errorf("MediaFamilyId %s, media_family_id %s (media_uuid %s)", got, family, set)
	}
}

// mssqlGUID is go-mssqldb's uniqueidentifier.
type mssqlGUID = mssql.UniqueIdentifier

// firstRow runs query and returns its first row by column name.
func firstRow(t *testing.T, conn *sql.DB, query string, args ...any) map[string]any {
	t.Helper()
	rows, err := conn.Query(query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	for k := range vals {
		vals[k] = new(any)
	}
	if !rows.Next() {
		t.Fatalf("%s: no row", query)
	}
	if err := rows.Scan(vals...); err != nil {
		t.Fatal(err)
	}
	out := map[string]any{}
	for k, c := range cols {
		out[c] = *vals[k].(*any)
	}
	return out
}
