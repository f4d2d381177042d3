package mirror

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"pcsh/modules/lab/engine"
)

// staleCopy restores db from a full backup of p on x as opts say and
// stores p's mirroring row on it, as RESTORE did before it dropped the
// row a backup of a mirrored principal holds; x then restarts.
func staleCopy(t *testing.T, p, x *node, db string, opts engine.RestoreOptions) {
	t.Helper()
	ctx := context.Background()
	full := filepath.Join(t.TempDir(), db+".bak")
	must(t, p.inst.BackupDatabase(ctx, p.s, db, full, engine.BackupOptions{}))
	must(t, x.inst.RestoreDatabase(ctx, nil, db, full, opts))
	info, err := p.inst.Database(db)
	must(t, err)
	must(t, x.inst.SetMirroring(db, info.Mirroring))
	x.kill()
	x.restart()
}

// TestStartDropsRestoredRow: at start-up a stored mirroring row that no
// session on this instance can have (the principal's row on a copy in
// STANDBY or RESTORING) is dropped, not resumed: the copy is not mirrored
// (1416) and the pair and its witness are undisturbed.
func TestStartDropsRestoredRow(t *testing.T) {
	p, m, w := newNode(t, "P", nil), newNode(t, "M", nil), newNode(t, "W", nil)
	setupWitness(t, p, m, w, "mgc")
	for _, opts := range []engine.RestoreOptions{{Standby: filepath.Join(t.TempDir(), "mgc.tuf")}, {NoRecovery: true}} {
		x := newNode(t, "X", nil)
		staleCopy(t, p, x, "mgc", opts)
		info, err := x.inst.Database("mgc")
		must(t, err)
		if info.Mirroring != nil || x.srv.session("mgc") != nil {
			t.Fatalf("%+v: the restored copy resumed the principal's session: %+v", opts, info.Mirroring)
		}
		_, err = x.srv.Status("mgc")
		wantErr(t, err, 1416)
		x.kill()
		x.restart()
		if info, _ := x.inst.Database("mgc"); info.Mirroring != nil {
			t.Fatalf("%+v: the dropped row is back after another restart", opts)
		}
		x.kill()
	}
	pairUndisturbed(t, p, m, w, time.Second)
}

// TestCopyCannotSpeakForSession: a recovered copy whose stored row names
// the session (ONLINE as its principal, so nothing tells it apart at
// start-up) resumes it, but the mirror refuses it (it is not the
// session's partner instance) and so does the witness: the pair keeps its
// principal and stays SYNCHRONIZED.
func TestCopyCannotSpeakForSession(t *testing.T) {
	p, m, w := newNode(t, "P", nil), newNode(t, "M", nil), newNode(t, "W", nil)
	setupWitness(t, p, m, w, "mgc")
	x := newNode(t, "X", nil)
	staleCopy(t, p, x, "mgc", engine.RestoreOptions{})
	pairUndisturbed(t, p, m, w, 2*time.Second)
}

// pairUndisturbed checks for d that P is the SYNCHRONIZED principal with
// its mirror M's row naming it, and that the witness watches one session
// with P as principal and M as mirror.
func pairUndisturbed(t *testing.T, p, m, w *node, d time.Duration) {
	t.Helper()
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		pst, perr := p.srv.Status("mgc")
		mst, merr := m.srv.Status("mgc")
		rows := w.srv.wit.rows()
		switch {
		case perr != nil || pst.Role != engine.MirrorRolePrincipal || pst.State != StateSynchronized:
			t.Fatalf("P: %+v %v, want the SYNCHRONIZED principal", pst, perr)
		case merr != nil || mst.Role != engine.MirrorRoleMirror || mst.PartnerInstance != "P":
			t.Fatalf("M: %+v %v, want the mirror of P", mst, merr)
		case len(rows) != 1 || rows[0][1] != "P" || rows[0][2] != "M":
			t.Fatalf("the witness: %v, want one session with P and M", rows)
		}
	}
}
