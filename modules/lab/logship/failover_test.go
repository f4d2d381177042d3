package logship

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"pcsh/modules/lab/disk"
	"pcsh/modules/lab/engine"
)

// TestMirrorFailoverKeepsShipping is the documented Lync setup (Lync
// "Setting up SQL Server Log Shipping between the primary mirror and the
// Log Shipping secondary database"; SQL docs "Database Mirroring and Log
// Shipping"): the principal and its mirror both have backup jobs on the
// same share. While it is the mirror, the mirror's job logs 32008 and
// succeeds; after a failover the new principal's log backups continue
// the chain and the secondary keeps restoring within two intervals.
//
// Mirroring is simulated with the engine API: the failover takes the old
// principal's tail WITH NORECOVERY into the share, rolls the mirror
// forward through the share's files and recovers it.
func TestMirrorFailoverKeepsShipping(t *testing.T) {
	p, m, s := openNode(t, "DC1-SQL1", Options{}), openNode(t, "DC1-SQL2", Options{}), openNode(t, "DC2-SQL1", Options{})
	cfg := newConfig(t, "mgc", 1)
	if err := os.MkdirAll(cfg.share, 0o755); err != nil {
		t.Fatal(err)
	}
	seed(t, p, cfg.db, cfg.share, false, m)
	seed2(t, cfg, s)
	for _, n := range []*node{p, m} {
		setupPrimary(t, n, cfg)
		n.must(t, "sp_add_log_shipping_primary_secondary", arg("@primary_database", cfg.db),
			arg("@secondary_server", "DC2-SQL1"), arg("@secondary_database", cfg.db), arg("@overwrite", int64(1)))
	}
	setupSecondary(t, s, "DC1-SQL1", cfg)
	for _, n := range []*node{p, m, s} {
		n.agent.Start()
	}
	p.insert(t, cfg.db, "before")
	if !waitFor(2500*time.Millisecond, func() bool { return s.has(cfg.db, "before") }) {
		t.Fatal("row before failover not shipped")
	}
	if !contains(m.messages(t, "log_shipping_monitor_history_detail"), "Database mgc is not ONLINE.") {
		t.Fatal("mirror's backup job did not log 32008")
	}
	if failed(t, m) {
		t.Fatal("the mirror's backup job failed while the database was the mirror")
	}
	simulateFailover(t, p, m, cfg)
	m.insert(t, cfg.db, "after")
	start := time.Now()
	if !waitFor(2500*time.Millisecond, func() bool { return s.has(cfg.db, "after") }) {
		t.Fatalf("row after failover not shipped; errors %v", s.messages(t, "log_shipping_monitor_error_detail"))
	}
	t.Logf("after failover, shipped in %v", time.Since(start))
	if !contains(p.messages(t, "log_shipping_monitor_history_detail"), "Database mgc is not ONLINE.") {
		t.Fatal("the old principal's backup job did not log 32008")
	}
}

// seed2 restores the share's full backup on the secondary WITH STANDBY.
func seed2(t *testing.T, cfg lsConfig, s *node) {
	t.Helper()
	full := filepath.Join(cfg.share, cfg.db+"_full.bak")
	opts := engine.RestoreOptions{Standby: filepath.Join(t.TempDir(), cfg.db+".tuf")}
	if err := s.inst.RestoreDatabase(context.Background(), s.sess, cfg.db, full, opts); err != nil {
		t.Fatal(err)
	}
}

// failed reports whether any backup job step of n failed.
func failed(t *testing.T, n *node) bool {
	for _, r := range n.rows(t, "sysjobhistory") {
		if r.Int("run_status") == 0 {
			return true
		}
	}
	return false
}

// simulateFailover makes m the principal: p's tail WITH NORECOVERY goes
// to the share under the log shipping name, m restores every share file
// it has not applied, in LSN order, and recovers.
func simulateFailover(t *testing.T, p, m *node, cfg lsConfig) {
	t.Helper()
	ctx := context.Background()
	tailName, _ := backupFileName(cfg.db, time.Now().Add(time.Second))
	tail := filepath.Join(cfg.share, tailName)
	if err := p.inst.BackupLog(ctx, p.sess, cfg.db, tail, engine.BackupOptions{NoRecovery: true}); err != nil {
		t.Fatal(err)
	}
	names, err := backupFiles(disk.FS{}, cfg.share, cfg.db)
	if err != nil {
		t.Fatal(err)
	}
	var files []candidate
	for _, n := range names {
		h, err := readHeader(m.inst, filepath.Join(cfg.share, n))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, candidate{path: filepath.Join(cfg.share, n), hdr: h})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].hdr.first < files[j].hdr.first })
	for _, f := range files {
		chain, _ := m.inst.LogChain(cfg.db)
		if f.hdr.last <= chain.RestoredLSN {
			continue
		}
		if err := m.inst.RestoreLog(ctx, m.sess, cfg.db, f.path, engine.RestoreOptions{NoRecovery: true}); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.inst.RestoreRecovery(ctx, m.sess, cfg.db); err != nil {
		t.Fatal(err)
	}
}
