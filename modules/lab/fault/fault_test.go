package fault

import (
	"context"
	"errors"
	"net"
	"path/filepath"
	"testing"
	"time"
)

func world() World {
	return World{AdminSite: "DC2", Members: []Member{
		{"dc1-sql1", "DC1", "127.0.0.2"}, {"dc1-sql2", "DC1", "127.0.0.3"},
		{"dc2-sql1", "DC2", "127.0.0.5"},
	}, Shares: map[string]string{"/lab/share": "DC1"}}
}

func TestAllowed(t *testing.T) {
	w := world()
	var cutLink, isoInst, isoSite Plan
	cutLink.CutLink("DC2", "DC1")
	isoInst.Isolate("dc1-sql2")
	isoSite.Isolate("DC1")
	cases := []struct {
		name   string
		p      Plan
		self   string
		remote string
		want   bool
	}{
		{"no faults", Plan{}, "dc1-sql1", "127.0.0.5:50000", true},
		{"link cut blocks other site", cutLink, "dc1-sql1", "127.0.0.5:50000", false},
		{"link cut keeps same site", cutLink, "dc1-sql1", "127.0.0.3:50000", true},
		{"link cut blocks admin in DC2", cutLink, "dc1-sql1", "127.0.0.1:50000", false},
		{"admin reaches own site", cutLink, "dc2-sql1", "127.0.0.1:5000", true},
		{"isolated instance refuses its partner", isoInst, "dc1-sql2", "127.0.0.2:1", false},
		{"isolated instance cannot reach out", isoInst, "dc1-sql1", "127.0.0.3:1", false},
		{"others unaffected", isoInst, "dc1-sql1", "127.0.0.5:1", true},
		{"isolated site keeps inside traffic", isoSite, "dc1-sql1", "127.0.0.3:1", true},
		{"isolated site refuses outside", isoSite, "dc1-sql1", "127.0.0.1:1", false},
		{"isolated site cannot reach out", isoSite, "dc2-sql1", "127.0.0.2:1", false},
	}
	for _, c := range cases {
		if got := w.Allowed(c.p, c.self, c.remote); got != c.want {
			t.Errorf("%s: Allowed = %v", c.name, got)
		}
	}
}

func TestHeal(t *testing.T) {
	var p Plan
	p.CutLink("DC1", "DC2")
	p.Isolate("dc1-sql1")
	p.SetSlow("DC1", 200)
	p.FillDisk("/lab/share")
	p.Heal("link")
	p.Heal("dc1-sql1")
	p.Heal("DC1")
	if len(p.Cut) != 0 || len(p.Isolated) != 0 || len(p.Slow) != 0 || len(p.DiskFull) != 1 {
		t.Fatalf("%+v", p)
	}
	p.ClearDisks("/lab")
	if len(p.DiskFull) != 0 {
		t.Fatalf("a full disk under a cleared directory stays: %+v", p)
	}
	p.FillDisk("/lab/share")
	p.SetLinkSlow("DC2", "DC1", 300)
	p.Heal("all")
	if len(p.DiskFull) != 0 || len(p.SlowLinks) != 0 {
		t.Fatal("heal all")
	}
}

// TestSlowLink: latency on the link delays traffic to peers in the other
// site only, and healing the link (or a site at its end) removes it.
func TestSlowLink(t *testing.T) {
	w := world()
	var p Plan
	p.SetLinkSlow("DC2", "DC1", 300)
	p.SetLinkSlow("DC1", "DC2", 250)
	if len(p.SlowLinks) != 1 {
		t.Fatalf("one delay per link: %+v", p.SlowLinks)
	}
	cases := []struct {
		self, remote string
		want         time.Duration
	}{
		{"dc1-sql1", "127.0.0.5:1", 250 * time.Millisecond}, // the other site
		{"dc1-sql1", "127.0.0.1:1", 250 * time.Millisecond}, // the admin, in DC2
		{"dc1-sql1", "127.0.0.3:1", 0},                      // same site
		{"dc2-sql1", "127.0.0.2:1", 250 * time.Millisecond},
		{"dc2-sql1", "127.0.0.1:1", 0},
	}
	for _, c := range cases {
		if got := w.Delay(p, c.self, c.remote); got != c.want {
			t.Errorf("%s to %s: %v, want %v", c.self, c.remote, got, c.want)
		}
	}
	p.SetSlow("dc1-sql1", 400)
	if got := w.Delay(p, "dc1-sql1", "127.0.0.3:1"); got != 400*time.Millisecond {
		t.Fatalf("instance latency: %v", got)
	}
	p.Heal("DC2")
	if len(p.SlowLinks) != 0 || p.Slow["dc1-sql1"] != 400 {
		t.Fatalf("healing DC2 heals its link only: %+v", p)
	}
}

func TestWatcherAndChecks(t *testing.T) {
	dir := t.TempDir()
	w := world()
	w.Shares = map[string]string{filepath.Join(dir, "share"): "DC1"}
	wt := NewWatcher(dir, "dc2-sql1", w)
	if wt.CheckWrite(filepath.Join(dir, "share", "x.trn")) != nil {
		t.Fatal("no faults yet")
	}
	var p Plan
	p.CutLink("DC1", "DC2")
	p.FillDisk(filepath.Join(dir, "data"))
	if err := Save(dir, p); err != nil {
		t.Fatal(err)
	}
	wt.reload()
	if err := wt.CheckRead(filepath.Join(dir, "share", "x.trn")); !errors.Is(err, ErrNetPath) {
		t.Fatalf("share across a cut link: %v", err)
	}
	if err := wt.CheckWrite(filepath.Join(dir, "data", "mgc.wal")); !errors.Is(err, ErrDiskFull) || err.Error() != "112(There is not enough space on the disk.)" {
		t.Fatalf("disk full: %v", err)
	}
}

func TestListenerDropsCutConnections(t *testing.T) {
	dir := t.TempDir()
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("127.0.0.2 unavailable: %v", err)
	}
	wt := NewWatcher(dir, "dc1-sql1", world())
	fl := Listen(ln, wt)
	defer fl.Close()
	accepted := make(chan net.Conn, 4)
	go func() {
		for {
			c, err := fl.Accept()
			if err != nil {
				return
			}
			accepted <- c
		}
	}()
	d := Dialer(Member{"dc2-sql1", "DC2", "127.0.0.5"}, time.Second)
	c1, err := d.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c1.Close()
	<-accepted
	var p Plan
	p.CutLink("DC1", "DC2")
	if err := Save(dir, p); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go wt.Run(ctx, 10*time.Millisecond)
	_ = c1.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := c1.Read(make([]byte, 1)); err == nil {
		t.Fatal("the live cross-site connection must be closed by the partition")
	}
	c2, err := d.Dial("tcp", ln.Addr().String())
	if err == nil {
		_ = c2.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, err := c2.Read(make([]byte, 1)); err == nil {
			t.Fatal("a new cross-site connection must be refused")
		}
		c2.Close()
	}
}
