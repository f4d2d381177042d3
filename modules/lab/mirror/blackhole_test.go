package mirror

import (
	"context"
	"net"
	"testing"
	"time"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/fault"
)

// TestBlackholePartitionFailsOverAfterTimeout isolates the principal with
// the lab's fault plan, a silent network: mirror and witness hear nothing
// but see no reset, so the mirror stays SYNCHRONIZED and MIRROR until the
// partner TIMEOUT (5 s) passes, then fails over with the witness; the
// healed principal rejoins as the mirror ("Possible Failures During
// Database Mirroring": soft errors are detected by the timeout).
func TestBlackholePartitionFailsOverAfterTimeout(t *testing.T) {
	planDir := t.TempDir()
	world := fault.World{AdminSite: "DC1", Members: []fault.Member{
		{Name: "P", Site: "DC1", Address: "127.0.0.31"}, {Name: "M", Site: "DC2", Address: "127.0.0.32"},
		{Name: "W", Site: "DC3", Address: "127.0.0.33"}}}
	if l, err := net.Listen("tcp", "127.0.0.31:0"); err != nil {
		t.Skipf("127.0.0.31 unavailable: %v", err)
	} else {
		l.Close()
	}
	p, m, w := siteNode(t, world, 0, planDir), siteNode(t, world, 1, planDir), siteNode(t, world, 2, planDir)
	setupWitness(t, p, m, w, "mgc")
	var plan fault.Plan
	plan.Isolate("P")
	must(t, fault.Save(planDir, plan))
	start := time.Now()
	time.Sleep(3 * time.Second)
	if st, err := m.srv.Status("mgc"); err != nil || st.Role != engine.MirrorRoleMirror || st.State != StateSynchronized {
		t.Fatalf("before TIMEOUT the mirror must not notice the silent partner: %+v, %v", st, err)
	}
	waitRole(t, m, "mgc", engine.MirrorRolePrincipal, 10*time.Second)
	if d := time.Since(start); d < 5*time.Second {
		t.Fatalf("the mirror took over after %v, before TIMEOUT", d)
	}
	eventually(t, 8*time.Second, "principal out of service", func() bool {
		info, _ := p.inst.Database("mgc")
		return info.State != engine.StateOnline
	})
	must(t, fault.Save(planDir, fault.Plan{}))
	waitRole(t, p, "mgc", engine.MirrorRoleMirror, 15*time.Second)
	waitState(t, m, "mgc", StateSynchronized)
}

// siteNode starts the world's i-th member as a node whose endpoint
// listens on the member's address under the fault plan in planDir and
// dials from that address.
func siteNode(t *testing.T, world fault.World, i int, planDir string) *node {
	t.Helper()
	self := world.Members[i]
	wt := fault.NewWatcher(planDir, self.Name, world)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go wt.Run(ctx, 20*time.Millisecond)
	n := &node{t: t, name: self.Name, dir: t.TempDir(), dialer: fault.Dialer(self, time.Second), host: self.Address,
		listen: func(network, address string) (net.Listener, error) {
			l, err := net.Listen(network, address)
			if err != nil {
				return nil, err
			}
			return fault.Listen(l, wt), nil
		}}
	n.start()
	t.Cleanup(n.kill)
	return n
}
