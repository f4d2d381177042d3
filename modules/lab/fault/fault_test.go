package fault

import (
	"errors"
	"io"
	"net"
	"os"
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

// allowedCase is one judgement of World.Allowed.
type allowedCase struct {
	name   string
	p      Plan
	self   string
	remote string
	want   bool
}

func checkAllowed(t *testing.T, w World, cases []allowedCase) {
	t.Helper()
	for _, c := range cases {
		if got := w.Allowed(c.p, c.self, c.remote); got != c.want {
			t.Errorf("%s: Allowed = %v", c.name, got)
		}
	}
}

func TestAllowed(t *testing.T) {
	w := world()
	var cutLink, isoInst, isoSite Plan
	cutLink.CutLink("DC2", "DC1")
	isoInst.Isolate("dc1-sql2")
	isoSite.Isolate("DC1")
	cases := []allowedCase{
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
	checkAllowed(t, w, cases)
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

// TestListenerBlackholesCutConnections: a partition makes live and new
// cross-site connections silent (writes discarded, reads deliver nothing,
// a peer's close is not seen) and the heal ends the cut ones.
func TestListenerBlackholesCutConnections(t *testing.T) {
	dir := t.TempDir()
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("127.0.0.2 unavailable: %v", err)
	}
	wt := NewWatcher(dir, "dc1-sql1", world())
	fl := Listen(ln, wt)
	defer fl.Close()
	d := Dialer(Member{"dc2-sql1", "DC2", "127.0.0.5"}, time.Second)
	c1, s1 := dialPair(t, d, fl)
	var p Plan
	p.CutLink("DC1", "DC2")
	setPlan(t, wt, p, 1)
	assertSilent(t, c1, s1)
	c2, s2 := dialPair(t, d, fl)
	assertSilent(t, c2, s2)
	must(t, c1.Close())
	if err := readWithin(s1, 100*time.Millisecond); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("a cut connection must not see its peer close: %v", err)
	}
	setPlan(t, wt, Plan{}, 2)
	if err := readWithin(s2, time.Second); !errors.Is(err, ErrTimedOut) {
		t.Fatalf("a cut connection is dead after heal: %v", err)
	}
	if _, err := s2.Write([]byte("x")); !errors.Is(err, ErrTimedOut) {
		t.Fatalf("writing a dead connection: %v", err)
	}
	if err := readWithin(c2, time.Second); err == nil || errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("the peer of a dead connection sees it closed: %v", err)
	}
	c3, s3 := dialPair(t, d, fl)
	must(t, c3.Close())
	if err := readWithin(s3, time.Second); !errors.Is(err, io.EOF) {
		t.Fatalf("after heal connections work: %v", err)
	}
}

// dialPair dials the listener and returns both ends.
func dialPair(t *testing.T, d *net.Dialer, l net.Listener) (client, server net.Conn) {
	t.Helper()
	c, err := d.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	s, err := l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(); s.Close() })
	return c, s
}

// setPlan saves p with a distinct modification time and loads it.
func setPlan(t *testing.T, wt *Watcher, p Plan, gen int) {
	t.Helper()
	must(t, Save(wt.dir, p))
	mt := time.Now().Add(time.Duration(gen) * time.Second)
	must(t, os.Chtimes(filepath.Join(wt.dir, FileName), mt, mt))
	wt.reload()
}

// assertSilent checks that writes both ways succeed and deliver nothing.
func assertSilent(t *testing.T, c, s net.Conn) {
	t.Helper()
	for _, pair := range [][2]net.Conn{{c, s}, {s, c}} {
		if n, err := pair[0].Write([]byte("hello")); n != 5 || err != nil {
			t.Fatalf("write into the blackhole: %d, %v", n, err)
		}
		if err := readWithin(pair[1], 200*time.Millisecond); !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatalf("read across the blackhole: %v", err)
		}
	}
}

// readWithin reads one byte with a deadline d away.
func readWithin(c net.Conn, d time.Duration) error {
	_ = c.SetReadDeadline(time.Now().Add(d))
	_, err := c.Read(make([]byte, 1))
	return err
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestClientsSitInTheirSite: a chat server's address is judged by its
// site, so a cut link does not cut DC1's servers from DC1's instances,
// while the admin's workstation (any other address, in DC2) is cut.
func TestClientsSitInTheirSite(t *testing.T) {
	w := world()
	w.Clients = []Member{{"pc1.lab.local", "DC1", "127.0.1.1"}, {"pc5.lab.local", "DC2", "127.0.1.5"}}
	var cutLink, isoInst Plan
	cutLink.CutLink("DC1", "DC2")
	isoInst.Isolate("dc1-sql1")
	cases := []allowedCase{
		{"DC1 server reaches DC1 across a cut link", cutLink, "dc1-sql1", "127.0.1.1:40000", true},
		{"DC2 server is cut from DC1", cutLink, "dc1-sql1", "127.0.1.5:40000", false},
		{"DC2 server reaches DC2", cutLink, "dc2-sql1", "127.0.1.5:40000", true},
		{"the admin is still in DC2", cutLink, "dc1-sql1", "127.0.0.1:40000", false},
		{"an isolated instance refuses its site's servers", isoInst, "dc1-sql1", "127.0.1.1:40000", false},
		{"isolating an instance leaves the servers' other paths", isoInst, "dc1-sql2", "127.0.1.1:40000", true},
	}
	checkAllowed(t, w, cases)
}
