package engine

import (
	"context"
	"path/filepath"
	"pcsh/modules/lab/sqldb"
	"sync"
	"testing"
)

// recordingShipper collects shipped blocks and hardens at once.
type recordingShipper struct {
	mu     sync.Mutex
	blocks []LogBlock
	keep   LSN
}

func (r *recordingShipper) Ship(b LogBlock) {
	r.mu.Lock()
	r.blocks = append(r.blocks, b)
	r.mu.Unlock()
}
func (r *recordingShipper) Harden(LSN) error { return nil }
func (r *recordingShipper) KeepFrom() LSN    { return r.keep }

// seedMirror backs up db on p and restores it WITH NORECOVERY on m
// (full, then a log backup), as mirroring preparation does.
func seedMirror(t *testing.T, p, m *Instance, s *Session, db string) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	full, log := filepath.Join(dir, "f.bak"), filepath.Join(dir, "l.trn")
	if err := p.BackupDatabase(ctx, s, db, full, BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := p.BackupLog(ctx, s, db, log, BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := m.RestoreDatabase(ctx, nil, db, full, RestoreOptions{NoRecovery: true}); err != nil {
		t.Fatal(err)
	}
	if err := m.RestoreLog(ctx, nil, db, log, RestoreOptions{NoRecovery: true}); err != nil {
		t.Fatal(err)
	}
}

// TestShipApplyPromote ships commits from a principal to a RESTORING copy,
// survives the mirror's restart, and promotes it: the rows, end of log and
// log backup chain follow the principal.
func TestShipApplyPromote(t *testing.T) {
	ctx := context.Background()
	p := openTest(t, t.TempDir())
	defer p.Close()
	s := connect(t, p, "master")
	setupDB(t, p, s, "chat")
	insertMsg(t, s, "chat", "before")
	mdir := t.TempDir()
	m := openTest(t, mdir)
	seedMirror(t, p, m, s, "chat")
	pos, _ := m.LogPosition("chat")
	rec := &recordingShipper{}
	if err := p.SetLogShipper("chat", rec); err != nil {
		t.Fatal(err)
	}
	from, _ := p.LogPosition("chat")
	if pos.RedoLSN != from.EndOfLog.Next() {
		t.Fatalf("mirror redo %v, principal end %v", pos.RedoLSN, from.EndOfLog)
	}
	insertMsg(t, s, "chat", "a")
	insertMsg(t, s, "chat", "b")
	if len(rec.blocks) != 2 {
		t.Fatalf("shipped %d blocks", len(rec.blocks))
	}
	next, err := m.ApplyLog(ctx, "chat", rec.blocks...)
	if err != nil {
		t.Fatal(err)
	}
	// Overlapping blocks are skipped.
	if again, err := m.ApplyLog(ctx, "chat", rec.blocks...); err != nil || again != next {
		t.Fatalf("reapply: %v %v", again, err)
	}
	end, _ := p.LogPosition("chat")
	if next != end.EndOfLog.Next() {
		t.Fatalf("hardened %v, principal end %v", next, end.EndOfLog)
	}
	m.crash()
	m = openTest(t, mdir)
	defer m.Close()
	if pos, _ := m.LogPosition("chat"); pos.RedoLSN != next || pos.State != StateRestoring {
		t.Fatalf("after restart %+v", pos)
	}
	if err := m.SetMirroringRole("chat", &Mirroring{Role: MirrorRolePrincipal}, StateOnline); err != nil {
		t.Fatal(err)
	}
	ms := connect(t, m, "master")
	if got := len(rows(t, ms, "chat", "chat")); got != 3 {
		t.Fatalf("promoted copy has %d rows", got)
	}
	if err := m.BackupLog(ctx, ms, "chat", filepath.Join(t.TempDir(), "l2.trn"), BackupOptions{}); err != nil {
		t.Fatalf("log chain did not continue: %v", err)
	}
}

// TestMirroredLogKeptAndTruncated keeps the log the mirror has not
// hardened across a log backup, and reports ErrLogTruncated otherwise.
func TestMirroredLogKeptAndTruncated(t *testing.T) {
	ctx := context.Background()
	p := openTest(t, t.TempDir())
	defer p.Close()
	s := connect(t, p, "master")
	setupDB(t, p, s, "chat")
	if err := p.SetRecoveryModel("chat", sqldb.RecoveryFull); err != nil {
		t.Fatal(err)
	}
	if err := p.BackupDatabase(ctx, s, "chat", filepath.Join(t.TempDir(), "f.bak"), BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	start, _ := p.LogPosition("chat")
	if err := p.SetMirroringRole("chat", &Mirroring{Role: MirrorRolePrincipal}, StateOnline); err != nil {
		t.Fatal(err)
	}
	rec := &recordingShipper{keep: start.EndOfLog.Next()}
	_ = p.SetLogShipper("chat", rec)
	insertMsg(t, s, "chat", "a")
	if err := p.BackupLog(ctx, s, "chat", filepath.Join(t.TempDir(), "l.trn"), BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := p.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if b, err := p.LogSince("chat", rec.keep); err != nil || b.Count != 1 {
		t.Fatalf("kept log: %+v %v", b, err)
	}
	if got := rows(t, s, "master", "sys.databases")[4][19]; got != "DATABASE_MIRRORING" {
		t.Fatalf("log_reuse_wait_desc %v", got)
	}
	wantErr(t, p.SetRecoveryModel("chat", sqldb.RecoverySimple), 1468)
	rec.keep = ^LSN(0)
	_ = p.SetMirroringRole("chat", nil, StateOnline)
	if err := p.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := p.LogSince("chat", start.EndOfLog.Next()); err != ErrLogTruncated {
		t.Fatalf("want ErrLogTruncated, got %v", err)
	}
}
