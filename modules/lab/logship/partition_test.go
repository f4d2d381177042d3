package logship

import (
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"pcsh/modules/lab/disk"
	"pcsh/modules/lab/fault"
)

// cutLink is the secondary's read check under a partition: nothing under
// the share reads while cut (files only, when filesOnly).
type cutLink struct {
	share     string
	cut       atomic.Bool
	filesOnly atomic.Bool
}

// check returns fault.ErrNetPath for share paths while the link is cut.
func (c *cutLink) check(path string) error {
	p, root := filepath.Clean(path), filepath.Clean(c.share)
	if !c.cut.Load() || (p != root && !strings.HasPrefix(p, root+string(filepath.Separator))) {
		return nil
	}
	if c.filesOnly.Load() && p == root {
		return nil
	}
	return fault.ErrNetPath
}

// TestCopyAcrossCutLinkFails: with the link to the share cut, the
// secondary's copy job can neither list the share nor read a backup file
// in it; each failure quotes "53(The network path was not found.)" in
// sysjobhistory and log_shipping_monitor_error_detail and copies nothing.
// Once the link heals the chain continues.
func TestCopyAcrossCutLinkFails(t *testing.T) {
	clock, cfg := newClock(), newConfig(t, "mgc", 1)
	link := &cutLink{share: cfg.share}
	pr := &pair{p: openNode(t, "P1", Options{Now: clock.Now}),
		s: openNodeOn(t, "S1", Options{Now: clock.Now}, disk.FS{Faults: disk.Checks{Read: link.check}}), clock: clock, cfg: cfg}
	if err := os.MkdirAll(cfg.share, 0o755); err != nil {
		t.Fatal(err)
	}
	seed(t, pr.p, cfg.db, cfg.share, true, pr.s)
	setupPrimary(t, pr.p, cfg)
	setupSecondary(t, pr.s, "P1", cfg)
	pr.p.insert(t, "mgc", "during")
	link.cut.Store(true)
	pr.expectCopyFails(t, "Could not find a part of the path '"+cfg.share+"'.")
	link.filesOnly.Store(true)
	pr.expectCopyFails(t, "Could not copy file '"+filepath.Join(cfg.share, "mgc_"))
	link.cut.Store(false)
	if b, c, r := pr.cycle(t); !b.Succeeded || !c.Succeeded || !r.Succeeded || !pr.s.has("mgc", "during") {
		t.Fatalf("after the link heals: %+v %+v %+v", b, c, r)
	}
}

// expectCopyFails runs a backup and a copy and checks that the copy
// failed with OS error 53 and the detail want, recorded in the history
// and the error detail, and that nothing was copied.
func (pr *pair) expectCopyFails(t *testing.T, want string) {
	t.Helper()
	const osErr = "53(The network path was not found.)"
	if b, c, _ := pr.cycle(t); !b.Succeeded || c.Succeeded {
		t.Fatalf("backup %+v, copy across the cut link %+v", b, c)
	}
	hist, detail := pr.s.messages(t, "sysjobhistory"), pr.s.messages(t, "log_shipping_monitor_error_detail")
	if !contains(hist, osErr) || !contains(detail, osErr) || !contains(detail, want) {
		t.Fatalf("history %q\nerror detail %q", hist, detail)
	}
	if f := pr.s.rows(t, "log_shipping_secondary")[0]["last_copied_file"]; f != nil {
		t.Fatalf("copied %v across the cut link", f)
	}
}
