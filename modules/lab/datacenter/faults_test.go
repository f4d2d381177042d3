package datacenter

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"pcsh/modules/lab/fault"
)

// planLab writes lab.json for the standard layout (no processes) and
// returns the state.
func planLab(t *testing.T) *State {
	t.Helper()
	s := newState(t.TempDir(), Standard())
	if err := s.Write(); err != nil {
		t.Fatal(err)
	}
	return s
}

// apply runs one plan fault and returns its message and the plan after.
func apply(t *testing.T, s *State, action, target string, args ...string) (string, fault.Plan) {
	t.Helper()
	msg, err := Fault(context.Background(), s.Dir, action, target, args, "", nil)
	if err != nil {
		t.Fatalf("%s %s: %v", action, target, err)
	}
	p, err := fault.Load(s.Dir)
	if err != nil {
		t.Fatal(err)
	}
	return msg, p
}

// TestHealClearsEveryFaultOnTarget: heal of an instance clears its
// isolation, latency and full disks (data and copy directory); heal of
// the share clears its full disk; heal of a site clears what is in it,
// the share included when the site hosts it; heal link clears the cut
// and the latency on the link.
func TestHealClearsEveryFaultOnTarget(t *testing.T) {
	s := planLab(t)
	apply(t, s, "partition", "dc2-sql1.lab.local")
	apply(t, s, "slow", "dc2-sql1", "100")
	msg, p := apply(t, s, "disk-full", "dc2-sql1")
	r, _ := s.Find("dc2-sql1")
	if msg != "filled the disks of dc2-sql1" || !slices.Equal(p.DiskFull, sorted(r.DataDir, s.CopyDirs["dc2-sql1"])) ||
		!slices.Equal(p.Isolated, []string{"dc2-sql1"}) {
		t.Fatalf("%q %+v", msg, p)
	}
	msg, p = apply(t, s, "heal", "dc2-sql1")
	if msg != "healed dc2-sql1" || len(p.DiskFull)+len(p.Isolated)+len(p.Slow) != 0 {
		t.Fatalf("%q left %+v", msg, p)
	}
	apply(t, s, "disk-full", "share")
	if _, p = apply(t, s, "heal", "share"); len(p.DiskFull) != 0 {
		t.Fatalf("heal share left %+v", p)
	}
	apply(t, s, "disk-full", "share")
	apply(t, s, "disk-full", "dc1-sql1")
	if _, p = apply(t, s, "heal", "DC2"); len(p.DiskFull) != 2 {
		t.Fatalf("DC2 does not host the share or dc1-sql1: %+v", p)
	}
	if _, p = apply(t, s, "heal", "DC1"); len(p.DiskFull) != 0 {
		t.Fatalf("heal DC1 left %+v", p)
	}
	msg, p = apply(t, s, "disk-full", "cms")
	if msg != "filled the disk of the Central Management Store" || !slices.Equal(p.DiskFull, sorted(s.CMSDir)) {
		t.Fatalf("%q %+v", msg, p)
	}
	if fault.DiskCheck(s.Dir)(filepath.Join(s.CMSDir, "cms.json")) != fault.ErrDiskFull || fault.DiskCheck(s.Dir)(s.ShareDir) != nil {
		t.Fatal("DiskCheck does not read the plan's full CMS disk alone")
	}
	if _, p = apply(t, s, "heal", "DC1"); len(p.DiskFull) != 1 {
		t.Fatalf("no site holds the CMS: %+v", p)
	}
	if _, p = apply(t, s, "heal", "cms"); len(p.DiskFull) != 0 {
		t.Fatalf("heal cms left %+v", p)
	}
	apply(t, s, "disk-full", "cms")
	if _, p = apply(t, s, "heal", "all"); len(p.DiskFull) != 0 {
		t.Fatalf("heal all left %+v", p)
	}
	apply(t, s, "partition", "link")
	msg, p = apply(t, s, "slow", "link", "300")
	if msg != "added 300 ms to the link DC1-DC2" || len(p.SlowLinks) != 1 || len(p.Cut) != 1 {
		t.Fatalf("%q %+v", msg, p)
	}
	if _, p = apply(t, s, "heal", "link"); len(p.Cut)+len(p.SlowLinks) != 0 {
		t.Fatalf("heal link left %+v", p)
	}
}

func sorted(xs ...string) []string {
	for i := range xs {
		xs[i] = filepath.Clean(xs[i])
	}
	slices.Sort(xs)
	return xs
}

// TestFaultTargetsAreValidated: every plan fault takes only the targets
// it can act on; slow no longer accepts names that are not in the lab.
func TestFaultTargetsAreValidated(t *testing.T) {
	s := planLab(t)
	for _, c := range [][3]string{
		{"slow", "DC1-DC2", "no instance or site named"},
		{"slow", "share", `slow cannot take share: name an instance, a site or "link"`},
		{"partition", "share", "partition cannot take share"},
		{"partition", "all", "partition cannot take all"},
		{"disk-full", "link", `disk-full cannot take link: name an instance, a site, "share" or "cms"`},
		{"partition", "cms", "partition cannot take cms"},
		{"heal", "nowhere", "no instance or site named"},
	} {
		_, err := Fault(context.Background(), s.Dir, c[0], c[1], nil, "", nil)
		if err == nil || !strings.Contains(err.Error(), c[2]) {
			t.Errorf("%s %s: %v, want %q", c[0], c[1], err, c[2])
		}
	}
	if p, _ := fault.Load(s.Dir); len(p.Slow)+len(p.Isolated)+len(p.DiskFull) != 0 {
		t.Fatalf("refused faults reached the plan: %+v", p)
	}
}

// TestShareSite: the share lives in the primary's site unless the layout
// names another; an unknown site is refused.
func TestShareSite(t *testing.T) {
	s := planLab(t)
	if got := s.World().Shares[s.ShareDir]; got != "DC1" || s.Layout.ShareSite != "DC1" {
		t.Fatalf("standard share site %q (layout %q)", got, s.Layout.ShareSite)
	}
	l := Standard()
	l.ShareSite = "DC2"
	if s2 := newState(t.TempDir(), l); s2.World().Shares[s2.ShareDir] != "DC2" {
		t.Fatalf("share site from the layout: %+v", s2.World().Shares)
	}
	l.ShareSite = "DC3"
	if err := l.Validate(); err == nil || !strings.Contains(err.Error(), "shareSite") {
		t.Fatalf("unknown share site: %v", err)
	}
}
