package logship

import (
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"pcsh/modules/lab/disk"
	"pcsh/modules/lab/fault"
	"pcsh/modules/lab/share"
)

// TestUNCShareAndFaultPlan: a UNC backup share is resolved through the
// lab's share map, and the fault plan's disk-full error fails the backup
// job with 3202 quoting "112(There is not enough space on the disk.)".
func TestUNCShareAndFaultPlan(t *testing.T) {
	root := t.TempDir()
	m := share.Map{Root: root}
	var full atomic.Bool
	clock := newClock()
	opts := Options{Now: clock.Now}
	fsys := disk.FS{Map: m.Local, Faults: disk.Checks{Write: func(p string) error {
		if full.Load() && strings.HasPrefix(m.Local(p), filepath.Join(root, "fs")) {
			return fault.ErrDiskFull
		}
		return nil
	}}}
	pr := &pair{p: openNodeOn(t, "P1", opts, fsys), s: openNodeOn(t, "S1", opts, fsys), clock: clock}
	pr.cfg = lsConfig{db: "mgc", share: `\\FS\PChatLogs\mgc`, copyDir: filepath.Join(t.TempDir(), "copy"),
		intervalSeconds: 1, standby: true}
	if err := os.MkdirAll(m.Local(pr.cfg.share), 0o755); err != nil {
		t.Fatal(err)
	}
	seed(t, pr.p, "mgc", m.Local(pr.cfg.share), true, pr.s)
	setupPrimary(t, pr.p, pr.cfg)
	setupSecondary(t, pr.s, "P1", pr.cfg)
	full.Store(true)
	pr.clock.Advance(time.Second)
	if b := pr.p.runJob(t, pr.p.jobID(t, "LSBackup_mgc")); b.Succeeded ||
		!contains(pr.p.messages(t, "log_shipping_monitor_error_detail"),
			`Write on "\\FS\PChatLogs\mgc\mgc_20240506100001.trn" failed: 112(There is not enough space on the disk.)`) {
		t.Fatalf("backup on a full share: %+v %v", b, pr.p.messages(t, "log_shipping_monitor_error_detail"))
	}
	full.Store(false)
	pr.p.insert(t, "mgc", "unc")
	if b, c, r := pr.cycle(t); !b.Succeeded || !c.Succeeded || !r.Succeeded || !pr.s.has("mgc", "unc") {
		t.Fatalf("shipping through the UNC share: %+v %+v %+v", b, c, r)
	}
}
