package datacenter

import (
	"testing"

	"pcsh/modules/lab/fault"
	"pcsh/runtime/cmdlet"
)

// TestDescribeFault: each action names what it would hit, refuses a
// target it cannot take with LabFaultTargetInvalid, and changes nothing.
func TestDescribeFault(t *testing.T) {
	s := planLab(t)
	for _, c := range []struct{ action, target, want string }{
		{"kill", "dc1-sql1", "dc1-sql1"},
		{"kill", "dc2-sql1.lab.local", "dc2-sql1"},
		{"restart", "DC2", "DC2 (dc2-sql1, dc2-sql2)"},
		{"kill", "all", "all (dc1-sql1, dc1-sql2, dc1-witness, dc2-sql1, dc2-sql2)"},
		{"partition", "link", "the link DC1-DC2"},
		{"slow", "DC1", "DC1 (dc1-sql1, dc1-sql2, dc1-witness)"},
		{"disk-full", "share", `the share \\fs.lab.local\pchatlogs`},
		{"disk-full", "cms", "the Central Management Store " + s.CMSDir},
		{"heal", "all", "all (dc1-sql1, dc1-sql2, dc1-witness, dc2-sql1, dc2-sql2)"},
	} {
		got, err := DescribeFault(s.Dir, c.action, c.target)
		if err != nil || got != c.want {
			t.Errorf("%s %s: %q %v, want %q", c.action, c.target, got, err, c.want)
		}
	}
	for _, c := range [][2]string{{"kill", "link"}, {"partition", "share"}, {"disk-full", "link"}, {"slow", "nowhere"}, {"explode", "dc1-sql1"}} {
		if _, err := DescribeFault(s.Dir, c[0], c[1]); cmdlet.AsRecord(err).ErrorID != "LabFaultTargetInvalid" {
			t.Errorf("%s %s: %v, want LabFaultTargetInvalid", c[0], c[1], err)
		}
	}
	if p, err := fault.Load(s.Dir); err != nil || len(p.Isolated)+len(p.Cut)+len(p.Slow)+len(p.SlowLinks) > 0 {
		t.Fatalf("DescribeFault changed the plan: %+v %v", p, err)
	}
	if _, err := DescribeFault(t.TempDir(), "kill", "dc1-sql1"); cmdlet.AsRecord(err).ErrorID != "LabNotFound" {
		t.Errorf("no lab: %v, want LabNotFound", err)
	}
}
