package backup

import (
	"strings"
	"testing"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
)

// chainFolder is a folder holding a full backup, two logs and a file
// that is not a backup.
func chainFolder(f *fakeSQL) {
	f.file("/ship/mgc_FULL.bak", full("1", "10"))
	f.file("/ship/mgc_LOG_1.trn", logSet("10", "20"))
	f.file("/ship/mgc_LOG_2.trn", logSet("20", "30"))
	f.folder["/ship"] = []string{"/ship/mgc_FULL.bak", "/ship/mgc_LOG_2.trn", "/ship/notes.txt", "/ship/mgc_LOG_1.trn"}
}

// online gives the fake an ONLINE mgc on dc2-sql1.
func (f *fakeSQL) online() {
	f.states["dc2-sql1/mgc"] = DatabaseState{Database: "mgc", State: "ONLINE", RecoveryModel: "FULL"}
}

// shipped is a fake holding chainFolder, and a session over it.
func shipped() (*fakeSQL, *cmdlet.Session, *cmdlettest.Host) {
	f := newFake()
	chainFolder(f)
	s, h := f.session()
	return f, s, h
}

// restores counts the RESTORE DATABASE and RESTORE LOG batches sent.
func (f *fakeSQL) restores() int {
	return len(f.batches("RESTORE DATABASE")) + len(f.batches("RESTORE LOG"))
}

// TestRestoreChainFromFolder restores the full backup and the logs in
// LSN order, NORECOVERY on all but the last, skips what is not a backup
// with a warning, and writes each file and the final state.
func TestRestoreChainFromFolder(t *testing.T) {
	f, s, h := shipped()
	o := run(t, s, h, "Restore-PcDatabase dc2-sql1 -Database mgc -Path /ship -Force")
	if o.err != nil {
		t.Fatal(o.err)
	}
	want := []string{
		"dc2-sql1: RESTORE DATABASE [mgc] FROM DISK = @p1 WITH NORECOVERY, STATS = 10",
		"dc2-sql1: RESTORE LOG [mgc] FROM DISK = @p1 WITH NORECOVERY, STATS = 10",
		"dc2-sql1: RESTORE LOG [mgc] FROM DISK = @p1 WITH RECOVERY, STATS = 10",
	}
	if got := f.batches("RESTORE DATABASE [mgc]"); len(got) != 1 || got[0] != want[0] {
		t.Fatalf("full: %q", got)
	}
	if got := f.batches("RESTORE LOG"); strings.Join(got, "\n") != strings.Join(want[1:], "\n") {
		t.Fatalf("logs: %q", got)
	}
	var files []string
	for _, obj := range o.objs[:3] {
		files = append(files, prop(obj, "Path")+" "+prop(obj, "Type")+" "+prop(obj, "Recovery"))
	}
	if strings.Join(files, ", ") != "/ship/mgc_FULL.bak Full NORECOVERY, /ship/mgc_LOG_1.trn Log NORECOVERY, /ship/mgc_LOG_2.trn Log RECOVERY" {
		t.Fatalf("files %v", files)
	}
	if len(o.objs) != 4 || o.objs[3].TypeName != "DatabaseState" || prop(o.objs[3], "Database") != "mgc" {
		t.Fatalf("state %v", o.objs)
	}
	if !strings.Contains(o.host, "warning: Skipped /ship/notes.txt: it is not a backup dc2-sql1 can read") {
		t.Fatalf("host %s", o.host)
	}
}

// TestRestoreStandbyAndPosition: the undo file and a set's FILE number
// travel as parameters.
func TestRestoreStandbyAndPosition(t *testing.T) {
	f := newFake()
	f.file("/b/media.bak", full("1", "5"), full("1", "10"))
	s, h := f.session()
	o := run(t, s, h, "Restore-PcDatabase dc2-sql1 -Database mgc -Path /b/media.bak -Standby /b/undo.tuf -Force")
	if o.err != nil {
		t.Fatal(o.err)
	}
	if got := f.batches("RESTORE DATABASE"); len(got) != 1 || got[0] != "dc2-sql1: RESTORE DATABASE [mgc] FROM DISK = @p1 WITH FILE = @p2, STANDBY = @p3, STATS = 10" {
		t.Fatalf("%q", got)
	}
	f2 := newFake()
	f2.file("/b/media.bak", full("1", "5"), full("1", "10"))
	s, h = f2.session()
	o = run(t, s, h, "Restore-PcDatabase dc2-sql1 -Database mgc -Path /b/media.bak -Standby /b/undo.tuf -WhatIf")
	if !strings.Contains(o.host, "DECLARE @p2 bigint = 2;\nDECLARE @p3 nvarchar(11) = N'/b/undo.tuf';\nRESTORE DATABASE") {
		t.Fatalf("what if:\n%s", o.host)
	}
}

// TestReplaceNeedsAllowDataLoss: -Replace alone (even with -Force) is
// refused before any file is read, naming the database, its state, the
// lost log tail and -AllowDataLoss; with -AllowDataLoss REPLACE is sent.
func TestReplaceNeedsAllowDataLoss(t *testing.T) {
	f, s, h := shipped()
	f.online()
	o := run(t, s, h, "Restore-PcDatabase dc2-sql1 -Database mgc -Path /ship -Replace -Force")
	rec := o.err
	if idOf(rec) != "DataLossNotAllowed" {
		t.Fatalf("err %v", rec)
	}
	for _, want := range []string{"overwrite the existing database mgc on dc2-sql1, which is ONLINE (FULL recovery)", "log tail", "-AllowDataLoss"} {
		if !strings.Contains(rec.Error(), want) {
			t.Errorf("message lacks %q: %s", want, rec)
		}
	}
	if f.restores() != 0 {
		t.Fatalf("batches %v", f.log)
	}
	o = run(t, s, h, "Restore-PcDatabase dc2-sql1 -Database mgc -Path /ship -Replace -AllowDataLoss -Force")
	if o.err != nil {
		t.Fatal(o.err)
	}
	if got := f.batches("RESTORE DATABASE"); len(got) != 1 || !strings.HasSuffix(got[0], "WITH NORECOVERY, REPLACE, STATS = 10") {
		t.Fatalf("%q", got)
	}
	if got := f.batches("RESTORE LOG"); len(got) != 2 || strings.Contains(strings.Join(got, ""), "REPLACE") {
		t.Fatalf("REPLACE goes on the full restore only: %q", got)
	}
}

// TestOverwriteWithoutReplaceNeedsAllowDataLoss: a full restore over an
// ONLINE database is refused without -AllowDataLoss even without
// -Replace; a database in STANDBY is a restorable copy and is not.
func TestOverwriteWithoutReplaceNeedsAllowDataLoss(t *testing.T) {
	f, s, h := shipped()
	f.online()
	o := run(t, s, h, "Restore-PcDatabase dc2-sql1 -Database mgc -Path /ship -Force")
	if idOf(o.err) != "DataLossNotAllowed" || !strings.Contains(o.err.Error(), "RESTORE DATABASE would overwrite the existing database mgc") || f.restores() != 0 {
		t.Fatalf("%v", o.err)
	}
	f.states["dc2-sql1/mgc"] = DatabaseState{Database: "mgc", State: "ONLINE", InStandby: true}
	if o = run(t, s, h, "Restore-PcDatabase dc2-sql1 -Database mgc -Path /ship -Force"); o.err != nil {
		t.Fatal(o.err)
	}
}

// TestReplaceOfNoDatabase says there is nothing to replace.
func TestReplaceOfNoDatabase(t *testing.T) {
	f := newFake().file("/b/f.bak", full("1", "2"))
	s, h := f.session()
	o := run(t, s, h, "Restore-PcDatabase dc2-sql1 -Database mgc -Path /b/f.bak -Replace -Force")
	if idOf(o.err) != "DataLossNotAllowed" || !strings.Contains(o.err.Error(), "there is no such database now, so restore without -Replace") {
		t.Fatalf("%v", o.err)
	}
}

// TestRestoreGapRestoresNothing: the gap is reported before any change.
func TestRestoreGapRestoresNothing(t *testing.T) {
	f, s, h := shipped()
	f.file("/ship/mgc_LOG_2.trn", logSet("25", "30"))
	o := run(t, s, h, "Restore-PcDatabase dc2-sql1 -Database mgc -Path /ship -Force")
	if idOf(o.err) != "LogChainGap" || !strings.Contains(o.err.Error(), "LSN 20 up to LSN 25") {
		t.Fatalf("%v", o.err)
	}
	if f.restores() != 0 {
		t.Fatalf("restored past a gap: %v", f.log)
	}
}

// TestRestoreWhatIfChangesNothing reads the headers and prints every
// RESTORE, sending none and writing no object.
func TestRestoreWhatIfChangesNothing(t *testing.T) {
	f, s, h := shipped()
	o := run(t, s, h, "Restore-PcDatabase dc2-sql1 -Database mgc -Path /ship -NoRecovery -WhatIf")
	if o.err != nil || len(o.objs) != 0 {
		t.Fatalf("%v %v", o.err, o.objs)
	}
	if n := strings.Count(o.host, "What if: "); n != 3 || !strings.Contains(o.host, "RESTORE LOG [mgc] FROM DISK = @p1 WITH NORECOVERY, STATS = 10\" on target") {
		t.Fatalf("%d what-ifs:\n%s", n, o.host)
	}
	if f.restores() != 0 {
		t.Fatalf("sent %v", f.log)
	}
}

// TestRestoreStopsAtAFailedFile: a failed restore ends the run with the
// file named, and nothing after it is sent.
func TestRestoreStopsAtAFailedFile(t *testing.T) {
	f, s, h := shipped()
	f.fail["RESTORE LOG"] = 4305
	o := run(t, s, h, "Restore-PcDatabase dc2-sql1 -Database mgc -Path /ship -Force")
	if o.err == nil || !strings.Contains(o.err.Error(), "Restore /ship/mgc_LOG_1.trn into mgc on dc2-sql1: ") || len(f.batches("RESTORE LOG")) != 1 {
		t.Fatalf("%v %v", o.err, f.log)
	}
}

// TestRestoreRecoveryOptionsConflict is a binding error.
func TestRestoreRecoveryOptionsConflict(t *testing.T) {
	f := newFake()
	s, h := f.session()
	o := run(t, s, h, "Restore-PcDatabase dc2-sql1 -Database mgc -Path /b -NoRecovery -Standby /b/u.tuf")
	if idOf(o.err) != "RecoveryOptionConflict" || len(f.log) != 0 {
		t.Fatalf("%v", o.err)
	}
}

// TestRestoreWhatIfOfAFileNotTakenYet plans, under -WhatIf, the restore
// of a named file that does not exist yet (a backup an earlier runbook
// step only planned) as one full backup, with a warning; a real run
// still fails on it.
func TestRestoreWhatIfOfAFileNotTakenYet(t *testing.T) {
	f := newFake()
	f.online()
	s, h := f.session()
	o := run(t, s, h, "Restore-PcDatabase dc2-sql1 -Database mgc -Path /b/later.bak -Replace -AllowDataLoss -WhatIf")
	if o.err != nil || !strings.Contains(o.host, "-WhatIf cannot read the backup sets in /b/later.bak") ||
		strings.Count(o.host, "What if: ") != 1 || !strings.Contains(o.host, "RESTORE DATABASE [mgc] FROM DISK = @p1 WITH RECOVERY, REPLACE, STATS = 10") {
		t.Fatalf("%v\n%s", o.err, o.host)
	}
	if f.restores() != 0 {
		t.Fatalf("sent %v", f.log)
	}
	o = run(t, s, h, "Restore-PcDatabase dc2-sql1 -Database mgc -Path /b/later.bak -Replace -AllowDataLoss -Force")
	if o.err == nil || !strings.Contains(o.err.Error(), "Read the backup sets in /b/later.bak") {
		t.Fatalf("a real run restored a file it cannot read: %v", o.err)
	}
}
