package logship

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"pcsh/modules/lab/agent"
	"pcsh/modules/lab/disk"
)

// pair is a configured primary and secondary on a manual clock, jobs
// created but run only by the test.
type pair struct {
	p, s  *node
	cfg   lsConfig
	clock *manualClock
	fs    *fullDirs
}

// newPair seeds and configures log shipping between two instances.
func newPair(t *testing.T, standby bool) *pair {
	clock, full := newClock(), &fullDirs{}
	opts, fsys := Options{Now: clock.Now}, disk.FS{Faults: full}
	pr := &pair{p: openNodeOn(t, "P1", opts, fsys), s: openNodeOn(t, "S1", opts, fsys), clock: clock, fs: full}
	pr.cfg = newConfig(t, "mgc", 1)
	pr.cfg.standby = standby
	if err := os.MkdirAll(pr.cfg.share, 0o755); err != nil {
		t.Fatal(err)
	}
	seed(t, pr.p, pr.cfg.db, pr.cfg.share, standby, pr.s)
	setupPrimary(t, pr.p, pr.cfg)
	setupSecondary(t, pr.s, "P1", pr.cfg)
	return pr
}

// cycle runs backup, copy and restore once, a second apart.
func (pr *pair) cycle(t *testing.T) (agent.Outcome, agent.Outcome, agent.Outcome) {
	pr.clock.Advance(time.Second)
	b := pr.p.runJob(t, pr.p.jobID(t, "LSBackup_mgc"))
	pr.clock.Advance(time.Second)
	c := pr.s.runJob(t, pr.s.jobID(t, "LSCopy_P1_mgc"))
	r := pr.s.runJob(t, pr.s.jobID(t, "LSRestore_P1_mgc"))
	return b, c, r
}

// TestJobsBackupCopyRestore: one cycle ships a row; the monitor and
// configuration rows record the files; history has the documented
// session statuses. Source: "About Log Shipping" (backup, copy, restore
// jobs), log_shipping_monitor_* table pages.
func TestJobsBackupCopyRestore(t *testing.T) {
	pr := newPair(t, true)
	pr.p.insert(t, "mgc", "hello")
	b, c, r := pr.cycle(t)
	if !b.Succeeded || !c.Succeeded || !r.Succeeded {
		t.Fatalf("outcomes %+v %+v %+v", b, c, r)
	}
	if !pr.s.has("mgc", "hello") {
		t.Fatal("row not restored")
	}
	prim := pr.p.rows(t, "log_shipping_primary_databases")[0]
	want := filepath.Join(pr.cfg.share, "mgc_20240506100001.trn")
	if prim.Str("last_backup_file") != want {
		t.Fatalf("last_backup_file %q, want %q", prim.Str("last_backup_file"), want)
	}
	mon := pr.s.rows(t, "log_shipping_monitor_secondary")[0]
	if mon.Str("last_copied_file") != filepath.Join(pr.cfg.copyDir, "mgc_20240506100001.trn") ||
		mon.Str("last_restored_file") != mon.Str("last_copied_file") || mon.Int("last_restored_latency") != 0 {
		t.Fatalf("monitor secondary %v", mon)
	}
	if !contains(pr.s.messages(t, "log_shipping_monitor_history_detail"), "Number of log backup files restored: 1") {
		t.Fatal("no restore summary in history")
	}
	hist := pr.s.rows(t, "sysjobhistory")
	if len(hist) != 4 || hist[1].Int("step_id") != 0 || hist[1].Int("run_status") != 1 {
		t.Fatalf("sysjobhistory %v", hist)
	}
}

// TestRestoreSkipsAppliedAndHonoursDelay: files already applied are
// skipped; a restore delay keeps young files back. Source:
// sp_add_log_shipping_secondary_database @restore_delay.
func TestRestoreSkipsAppliedAndHonoursDelay(t *testing.T) {
	pr := newPair(t, false)
	pr.p.insert(t, "mgc", "a")
	pr.cycle(t)
	pr.s.must(t, "sp_change_log_shipping_secondary_database", arg("@secondary_database", "mgc"), arg("@restore_delay", int64(5)))
	pr.p.insert(t, "mgc", "b")
	_, _, r := pr.cycle(t)
	if !r.Succeeded || !contains(pr.s.messages(t, "log_shipping_monitor_history_detail"), "restore delay") {
		t.Fatalf("restore with delay: %+v", r)
	}
	pr.clock.Advance(6 * time.Minute)
	pr.s.runJob(t, pr.s.jobID(t, "LSRestore_P1_mgc"))
	if n := len(pr.s.rows(t, "restorehistory")); n != 3 {
		t.Fatalf("restorehistory rows %d, want 3 (full + 2 logs)", n)
	}
}

// TestCorruptTrnReportedNotRestored: a damaged file in the copy directory
// fails the restore job with the RESTORE errors in the error detail and
// is not recorded as restored.
func TestCorruptTrnReportedNotRestored(t *testing.T) {
	pr := newPair(t, true)
	pr.p.insert(t, "mgc", "x")
	pr.clock.Advance(time.Second)
	pr.p.runJob(t, pr.p.jobID(t, "LSBackup_mgc"))
	pr.s.runJob(t, pr.s.jobID(t, "LSCopy_P1_mgc"))
	path := filepath.Join(pr.cfg.copyDir, "mgc_20240506100001.trn")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-10] ^= 0xff
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	r := pr.s.runJob(t, pr.s.jobID(t, "LSRestore_P1_mgc"))
	errs := pr.s.messages(t, "log_shipping_monitor_error_detail")
	if r.Succeeded || !contains(errs, "Damage to the backup set was detected.") || !contains(errs, "RESTORE LOG is terminating abnormally.") {
		t.Fatalf("outcome %+v errors %v", r, errs)
	}
	if pr.s.has("mgc", "x") || pr.s.rows(t, "log_shipping_secondary_databases")[0]["last_restored_file"] != nil {
		t.Fatal("corrupt file was restored")
	}
}

// TestDiskFullBackupFails: a full share fails the backup job with error
// 3202 and the OS error 112 in sysjobhistory and the error detail; once
// space is back the chain continues and the secondary restores.
func TestDiskFullBackupFails(t *testing.T) {
	pr := newPair(t, true)
	pr.fs.SetFull(pr.cfg.share, true)
	pr.p.insert(t, "mgc", "during")
	pr.clock.Advance(time.Second)
	b := pr.p.runJob(t, pr.p.jobID(t, "LSBackup_mgc"))
	const osErr = "112(There is not enough space on the disk.)"
	if b.Succeeded || !contains(pr.p.messages(t, "sysjobhistory"), osErr) ||
		!contains(pr.p.messages(t, "log_shipping_monitor_error_detail"), "Write on \""+pr.cfg.share) {
		t.Fatalf("outcome %+v history %v", b, pr.p.messages(t, "sysjobhistory"))
	}
	pr.fs.SetFull(pr.cfg.share, false)
	pr.p.insert(t, "mgc", "after")
	if b, c, r := pr.cycle(t); !b.Succeeded || !c.Succeeded || !r.Succeeded {
		t.Fatalf("after the fault: %+v %+v %+v", b, c, r)
	}
	if !pr.s.has("mgc", "during") || !pr.s.has("mgc", "after") {
		t.Fatal("rows lost across the disk-full fault")
	}
}

// TestCopyDiskFull: a full copy directory fails the copy job with the OS
// error.
func TestCopyDiskFull(t *testing.T) {
	pr := newPair(t, true)
	pr.fs.SetFull(pr.cfg.copyDir, true)
	pr.clock.Advance(time.Second)
	pr.p.runJob(t, pr.p.jobID(t, "LSBackup_mgc"))
	c := pr.s.runJob(t, pr.s.jobID(t, "LSCopy_P1_mgc"))
	if c.Succeeded || !contains(pr.s.messages(t, "log_shipping_monitor_error_detail"), "112(There is not enough space on the disk.)") {
		t.Fatalf("copy outcome %+v", c)
	}
}

// TestThresholdAlertsWhenJobsDisabled: with the jobs disabled the alert
// job raises 14420 on the primary and 14421 on the secondary once the
// thresholds pass. Sources: mssqlserver-14420/14421 pages; anchors §2.9.
func TestThresholdAlertsWhenJobsDisabled(t *testing.T) {
	pr := newPair(t, true)
	pr.cycle(t)
	for _, n := range []*node{pr.p, pr.s} {
		n.must(t, "sp_add_log_shipping_alert_job", outArg("@alert_job_id"))
		if out := n.runJob(t, n.jobID(t, "LSAlert_"+n.inst.Name())); !out.Succeeded {
			t.Fatalf("alert before thresholds: %+v", out)
		}
	}
	for _, j := range []struct {
		n    *node
		name string
	}{{pr.p, "LSBackup_mgc"}, {pr.s, "LSCopy_P1_mgc"}, {pr.s, "LSRestore_P1_mgc"}} {
		j.n.must(t, "sp_update_job", arg("@job_name", j.name), arg("@enabled", int64(0)))
	}
	pr.clock.Advance(2 * time.Hour)
	p := pr.p.runJob(t, pr.p.jobID(t, "LSAlert_P1"))
	s := pr.s.runJob(t, pr.s.jobID(t, "LSAlert_S1"))
	want14420 := "The log shipping primary database P1.mgc has backup threshold of 60 minutes and has not performed a backup log operation for 120 minutes."
	want14421 := "The log shipping secondary database S1.mgc has restore threshold of 45 minutes and is out of sync. No restore was performed for 120 minutes."
	if p.Succeeded || !contains(pr.p.messages(t, "log_shipping_monitor_error_detail"), want14420) {
		t.Fatalf("primary alert: %+v %v", p, pr.p.messages(t, "log_shipping_monitor_error_detail"))
	}
	if s.Succeeded || !contains(pr.s.messages(t, "log_shipping_monitor_error_detail"), want14421) {
		t.Fatalf("secondary alert: %+v %v", s, pr.s.messages(t, "log_shipping_monitor_error_detail"))
	}
	if !contains(pr.p.messages(t, "sysjobhistory"), "(Error 14420)") {
		t.Fatal("14420 not in sysjobhistory")
	}
}
