package engine

import (
	"context"
	"os"
	"path/filepath"
	"pcsh/modules/lab/sqldb"
	"strings"
	"testing"
)

// labPair opens a primary and a secondary instance with a shared backup
// folder, and the mgc database with rows on the primary.
type labPair struct {
	prim, sec   *Instance
	ps, ss      *Session
	share       string
	primDir, sd string
}

func newLabPair(t *testing.T) *labPair {
	t.Helper()
	p := &labPair{primDir: t.TempDir(), sd: t.TempDir(), share: t.TempDir()}
	p.prim, p.sec = openTest(t, p.primDir), openTest(t, p.sd)
	t.Cleanup(func() { p.prim.Close(); p.sec.Close() })
	p.ps, p.ss = connect(t, p.prim, "master"), connect(t, p.sec, "master")
	setupDB(t, p.prim, p.ps, "mgc")
	insertMsg(t, p.ps, "mgc", "before full")
	return p
}

func (p *labPair) file(name string) string { return filepath.Join(p.share, name) }

func TestBackupRestoreLogChain(t *testing.T) {
	p := newLabPair(t)
	ctx := context.Background()
	var msgs []string
	opts := BackupOptions{Init: true, Stats: 50, Messages: func(e *Error) { msgs = append(msgs, e.Message) }}
	wantErr(t, p.prim.BackupLog(ctx, p.ps, "mgc", p.file("early.trn"), opts), 4214)
	must(t, p.prim.BackupDatabase(ctx, p.ps, "mgc", p.file("mgc.bak"), opts))
	if !strings.Contains(strings.Join(msgs, "\n"), "50 percent processed.\n100 percent processed.\nProcessed ") ||
		!strings.HasPrefix(msgs[len(msgs)-1], "BACKUP DATABASE successfully processed ") {
		t.Fatalf("messages: %q", msgs)
	}
	insertMsg(t, p.ps, "mgc", "log1")
	must(t, p.prim.BackupLog(ctx, p.ps, "mgc", p.file("l1.trn"), BackupOptions{}))
	insertMsg(t, p.ps, "mgc", "log2")
	must(t, p.prim.BackupLog(ctx, p.ps, "mgc", p.file("l2.trn"), BackupOptions{}))

	must(t, p.sec.RestoreDatabase(ctx, p.ss, "mgc", p.file("mgc.bak"), RestoreOptions{NoRecovery: true}))
	wantErr(t, p.sec.RestoreLog(ctx, p.ss, "mgc", p.file("l2.trn"), RestoreOptions{NoRecovery: true}), 4305)
	must(t, p.sec.RestoreLog(ctx, p.ss, "mgc", p.file("l1.trn"), RestoreOptions{NoRecovery: true}))
	wantErr(t, p.sec.RestoreLog(ctx, p.ss, "mgc", p.file("l1.trn"), RestoreOptions{NoRecovery: true}), 4326)
	must(t, p.sec.RestoreLog(ctx, p.ss, "mgc", p.file("l2.trn"), RestoreOptions{Standby: p.file("undo.tuf")}))
	info, _ := p.sec.Database("mgc")
	if !info.IsInStandby || !info.IsReadOnly || info.State != StateOnline {
		t.Fatalf("standby state %+v", info)
	}
	if got := rows(t, p.ss, "mgc", "chat"); len(got) != 3 || got[2][1] != "log2" {
		t.Fatalf("restored rows %v", got)
	}
	_, err := p.ss.Insert(ctx, "mgc", "chat", []string{"msg"}, []Row{{"x"}})
	wantErr(t, err, 3906)
	must(t, p.sec.RestoreRecovery(ctx, p.ss, "mgc"))
	wantErr(t, p.sec.RestoreLog(ctx, p.ss, "mgc", p.file("l2.trn"), RestoreOptions{}), 3117)
	wantErr(t, p.sec.RestoreRecovery(ctx, p.ss, "mgc"), 3153)
	checkHistory(t, p)
}

func checkHistory(t *testing.T, p *labPair) {
	t.Helper()
	sets := rows(t, p.ps, "msdb", "dbo.backupset")
	if len(sets) != 3 || sets[0][27] != "D" || sets[1][27] != "L" {
		t.Fatalf("backupset rows: %d", len(sets))
	}
	if got := rows(t, p.ss, "msdb", "restorehistory"); len(got) != 3 {
		t.Fatalf("restorehistory rows %d", len(got))
	}
	if fam := rows(t, p.ps, "msdb", "backupmediafamily"); fam[0][5] != p.file("mgc.bak") {
		t.Fatalf("backupmediafamily %v", fam[0])
	}
}

func TestBackupErrorsEndWith3013(t *testing.T) {
	p := newLabPair(t)
	ctx := context.Background()
	must(t, p.prim.SetRecoveryModel("mgc", sqldb.RecoverySimple))
	err := p.prim.BackupLog(ctx, p.ps, "mgc", p.file("x.trn"), BackupOptions{})
	chain := SQLErrors(err)
	if len(chain) != 2 || chain[0].Number != 4208 || chain[1].Number != 3013 ||
		chain[1].Message != "BACKUP LOG is terminating abnormally." {
		t.Fatalf("chain %v", chain)
	}
	err = p.prim.BackupDatabase(ctx, p.ps, "mgc", filepath.Join(p.share, "no", "such", "x.bak"), BackupOptions{})
	wantErr(t, err, 3201)
	if !strings.Contains(err.Error(), "Operating system error 3(The system cannot find the path specified.).") {
		t.Fatalf("3201 text %q", err)
	}
	wantErr(t, p.prim.BackupDatabase(ctx, p.ps, "nodb", p.file("x.bak"), BackupOptions{}), 911)
	wantErr(t, p.prim.BackupLog(ctx, p.ps, "master", p.file("x.trn"), BackupOptions{}), 4212)
}

func TestRestoreOverwriteChecks(t *testing.T) {
	p := newLabPair(t)
	ctx := context.Background()
	must(t, p.prim.BackupDatabase(ctx, p.ps, "mgc", p.file("mgc.bak"), BackupOptions{}))
	wantErr(t, p.prim.RestoreDatabase(ctx, p.ps, "mgc", p.file("mgc.bak"), RestoreOptions{}), 3159)
	other := connect(t, p.prim, "mgc")
	wantErr(t, p.prim.RestoreDatabase(ctx, p.ps, "mgc", p.file("mgc.bak"), RestoreOptions{Replace: true}), 3101)
	wantErr(t, p.prim.RestoreDatabase(ctx, other, "mgc", p.file("mgc.bak"), RestoreOptions{Replace: true}), 3102)
	other.Close()
	must(t, p.prim.BackupLog(ctx, p.ps, "mgc", p.file("tail.trn"), BackupOptions{NoRecovery: true}))
	if info, _ := p.prim.Database("mgc"); info.State != StateRestoring {
		t.Fatalf("tail-log backup left %v", info.State)
	}
	_, err := p.prim.Connect(LoginRequest{Login: "sa", Database: "mgc"})
	wantErr(t, err, 4060)
	wantErr(t, p.ps.Use("mgc"), 927)
	must(t, p.prim.RestoreDatabase(ctx, p.ps, "mgc", p.file("mgc.bak"), RestoreOptions{}))
	must(t, p.prim.CreateDatabase("other"))
	wantErr(t, p.prim.RestoreDatabase(ctx, p.ps, "other", p.file("mgc.bak"), RestoreOptions{}), 3154)
	wantErr(t, p.prim.RestoreLog(ctx, p.ps, "other", p.file("mgc.bak"), RestoreOptions{}), 3135)
	wantErr(t, p.prim.RestoreDatabase(ctx, p.ps, "other", p.file("mgc.bak"), RestoreOptions{File: 2}), 4038)
}

func TestCorruptBackupRefused(t *testing.T) {
	p := newLabPair(t)
	ctx := context.Background()
	path := p.file("mgc.bak")
	must(t, p.prim.BackupDatabase(ctx, p.ps, "mgc", path, BackupOptions{Checksum: true}))
	b, _ := os.ReadFile(path)
	b[len(b)-10] ^= 0xff
	must(t, os.WriteFile(path, b, 0o644))
	wantErr(t, p.sec.RestoreDatabase(ctx, p.ss, "mgc", path, RestoreOptions{}), 3189)
	wantErr(t, p.sec.RestoreDatabase(ctx, p.ss, "mgc", path, RestoreOptions{Checksum: true}), 3183)
	_, err := p.sec.RestoreVerifyOnly(path, RestoreOptions{})
	wantErr(t, err, 3189)
	must(t, os.WriteFile(path, b[:len(b)/2], 0o644))
	err = p.sec.RestoreDatabase(ctx, p.ss, "mgc", path, RestoreOptions{})
	wantErr(t, err, 3241)
	if _, err := p.sec.Database("mgc"); err == nil {
		t.Fatal("a refused restore created the database")
	}
	wantErr(t, p.sec.RestoreDatabase(ctx, p.ss, "mgc", p.file("missing.bak"), RestoreOptions{}), 3201)
}

func TestAppendInitFormatAndHeaders(t *testing.T) {
	p := newLabPair(t)
	ctx := context.Background()
	path := p.file("media.bak")
	must(t, p.prim.BackupDatabase(ctx, p.ps, "mgc", path, BackupOptions{Name: "one", Compression: true}))
	must(t, p.prim.BackupDatabase(ctx, p.ps, "mgc", path, BackupOptions{Name: "two"}))
	rel, err := p.prim.RestoreHeaderOnly(path)
	must(t, err)
	var got []Row
	for r := range rel.Rows() {
		got = append(got, r)
	}
	if len(got) != 2 || got[1][0] != "two" || got[1][5] != int64(2) || got[0][4] != true {
		t.Fatalf("headers %v", got)
	}
	if len(rel.Columns()) != 56 || rel.Columns()[13].Name != "FirstLSN" {
		t.Fatalf("columns %d", len(rel.Columns()))
	}
	must(t, p.sec.RestoreDatabase(ctx, p.ss, "copy", path, RestoreOptions{File: 1,
		Move: map[string]string{"mgc": "/data/copy.mdf"}}))
	info, _ := p.sec.Database("copy")
	if info.Files[0].PhysicalName != "/data/copy.mdf" || info.State != StateOnline {
		t.Fatalf("restored copy %+v", info)
	}
	must(t, p.prim.BackupDatabase(ctx, p.ps, "mgc", path, BackupOptions{Init: true}))
	if rel, _ := p.prim.RestoreHeaderOnly(path); Len(rel) != 1 {
		t.Fatal("INIT kept old sets")
	}
	files, err := p.prim.RestoreFileListOnly(path, 1)
	must(t, err)
	if Len(files) != 2 {
		t.Fatal("FILELISTONLY rows")
	}
	label, err := p.prim.RestoreLabelOnly(path)
	must(t, err)
	if Len(label) != 1 {
		t.Fatal("LABELONLY rows")
	}
	msg, err := p.prim.RestoreVerifyOnly(path, RestoreOptions{File: 1})
	must(t, err)
	if msg.Message != "The backup set on file 1 is valid." {
		t.Fatal(msg.Message)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
