package backup

import (
	"strings"
	"testing"
	"time"
)

// TestBackupToFolderNamesTheFile: the file is named from the database,
// the type and the session's clock, in the folder's own separator style,
// and the set read back is the output.
func TestBackupToFolderNamesTheFile(t *testing.T) {
	f := newFake()
	file := `\\fs.lab.local\pchatlogs\mgc_LOG_20240101000000.trn`
	ls := logSet("100", "200")
	ls.Start, ls.Finish, ls.Size, ls.CopyOnly = time.Unix(1, 0), time.Unix(2, 0), 4096, true
	f.file(file, full("1", "2"), ls)
	s, h := f.session()
	o := run(t, s, h, `Backup-PcDatabase dc1-sql1 -Database mgc -Type Log -CopyOnly -Checksum -Path \\fs.lab.local\pchatlogs\`)
	if o.err != nil {
		t.Fatal(o.err)
	}
	want := "dc1-sql1: BACKUP LOG [mgc] TO DISK = @p1 WITH COPY_ONLY, CHECKSUM, STATS = 10"
	if b := f.batches("BACKUP"); len(b) != 1 || b[0] != want {
		t.Fatalf("batches %q", b)
	}
	if len(o.objs) != 1 {
		t.Fatalf("objects %v", o.objs)
	}
	b := o.objs[0]
	got := []string{prop(b, "Path"), prop(b, "Type"), prop(b, "Position"), prop(b, "FirstLSN"), prop(b, "LastLSN"), prop(b, "CopyOnly"), prop(b, "Size")}
	if strings.Join(got, "|") != file+"|Log|2|100|200|true|4096" {
		t.Fatalf("backup set %v", got)
	}
}

// TestBackupRefusesANameThatLeavesTheFolder: a folder's file name cannot
// be built from a database name with a separator or "..".
func TestBackupRefusesANameThatLeavesTheFolder(t *testing.T) {
	for _, name := range []string{"../etc", `a\b`, "x..y"} {
		f := newFake()
		s, h := f.session()
		o := run(t, s, h, "Backup-PcDatabase dc1-sql1 -Database '"+name+"' -Path /backups")
		if idOf(o.err) != "DatabaseNameNotAFileName" || len(f.log) != 0 {
			t.Errorf("%s: %v, %d batches", name, o.err, len(f.log))
		}
	}
	f := newFake().file("/backups/odd..name.bak", full("1", "2"))
	s, h := f.session()
	if o := run(t, s, h, "Backup-PcDatabase dc1-sql1 -Database 'odd..name' -Path /backups/odd..name.bak"); o.err != nil {
		t.Fatalf("a file path needs no name check: %v", o.err)
	}
}

// TestBackupWhatIfSendsNothing prints the statement with its parameter
// declared and sends no batch at all.
func TestBackupWhatIfSendsNothing(t *testing.T) {
	f := newFake()
	s, h := f.session()
	o := run(t, s, h, "Backup-PcDatabase dc1-sql1 -Database mgc -Path /backups/x.bak -Init -WhatIf")
	want := "host: What if: Performing the operation \"DECLARE @p1 nvarchar(14) = N'/backups/x.bak';\n" +
		"BACKUP DATABASE [mgc] TO DISK = @p1 WITH INIT, STATS = 10\" on target \"dc1-sql1\"."
	if o.err != nil || o.host != want || len(f.log) != 0 || len(o.objs) != 0 {
		t.Fatalf("err %v, %d batches, host:\n%s", o.err, len(f.log), o.host)
	}
}

// TestBackupFailureSaysWhat: a failed BACKUP is the SQL error prefixed
// with the step, and no set is read.
func TestBackupFailureSaysWhat(t *testing.T) {
	f := newFake()
	f.fail["BACKUP LOG"] = 4208
	s, h := f.session()
	o := run(t, s, h, "Backup-PcDatabase dc1-sql1 -Database mgc -Type Log -Path /b/x.trn")
	if o.err == nil || !strings.Contains(o.err.Error(), "Back up mgc on dc1-sql1: ") || len(f.batches("HEADERONLY")) != 0 {
		t.Fatalf("err %v, log %v", o.err, f.log)
	}
}
