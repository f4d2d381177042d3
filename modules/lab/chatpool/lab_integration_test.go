package chatpool_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"pcsh/modules/lab/chatpool"
	"pcsh/modules/lab/cms"
	"pcsh/modules/lab/datacenter"
	"pcsh/modules/lab/labtest"
	"pcsh/modules/lab/mgc"
	"pcsh/modules/topology"
)

// describeLab describes the standard lab in a temporary directory with
// the instances in addrs (name → host:port, served by the test without
// TLS) and seeds the lab CMS from the lab's topology.
func describeLab(t *testing.T, addrs map[string]string) *datacenter.State {
	t.Helper()
	s, err := datacenter.Describe(t.TempDir(), datacenter.Standard())
	if err != nil {
		t.Fatal(err)
	}
	for name, addr := range addrs {
		r, ok := s.Find(name)
		if !ok {
			t.Fatalf("the standard lab has no %s", name)
		}
		r.DSN = (&url.URL{Scheme: "sqlserver", User: url.User("sa"), Host: addr,
			RawQuery: url.Values{"database": {"master"}, "encrypt": {"disable"}}.Encode()}).String()
	}
	top, err := topology.Parse(context.Background(), "lab", s.Topology())
	if err != nil {
		t.Fatal(err)
	}
	store, _ := cms.Open(s.CMSDir)
	if _, err := store.Seed(top, false); err != nil {
		t.Fatal(err)
	}
	return s
}

// servedLab is describeLab with its primary (dc1-sql1) and backup
// (dc2-sql1) served in-process, each with an mgc database.
func servedLab(t *testing.T) (*datacenter.State, map[string]*labtest.Instance) {
	t.Helper()
	served, addrs := map[string]*labtest.Instance{}, map[string]string{}
	for _, name := range []string{"dc1-sql1", "dc2-sql1"} {
		inst := labtest.Start(t, name)
		if err := mgc.Create(context.Background(), inst.Open(t, "master")); err != nil {
			t.Fatal(err)
		}
		served[name], addrs[name] = inst, inst.Addr
	}
	return describeLab(t, addrs), served
}

// startPool starts the pool of lab s with short intervals, stopped at
// test end.
func startPool(t *testing.T, s *datacenter.State, password string) *chatpool.Pool {
	t.Helper()
	ctx := context.Background()
	cfg, err := chatpool.FromLabState(ctx, s, chatpool.LabOptions{Password: password})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Refresh, cfg.PingInterval = 50*time.Millisecond, 200*time.Millisecond
	p, err := chatpool.New(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	p.Start(ctx)
	t.Cleanup(p.Stop)
	return p
}

// runAndReadBack puts traffic on the pool for d, then reads back from the
// database the pool uses and measures.
func runAndReadBack(t *testing.T, p *chatpool.Pool, d time.Duration) (chatpool.Measurement, chatpool.Target, *chatpool.Record) {
	t.Helper()
	ctx := context.Background()
	tr, err := chatpool.StartTraffic(ctx, p, chatpool.TrafficConfig{Clients: 4, Rooms: chatpool.Rooms(2), Rate: 40})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(d)
	rec := tr.Stop()
	ids, target, err := p.ReadBack(ctx, rec.Rooms, rec.FirstID, rec.LastID())
	if err != nil {
		t.Fatal(err)
	}
	return chatpool.Measure(rec, ids, time.Time{}), target, rec
}

// TestPoolOnServedLab: the pool of the standard lab's CMS and topology,
// over go-mssqldb to in-process lab instances: traffic in Normal lands on
// the primary, every acknowledged message is read back and the active
// servers ping tblServerIdentity; after the CMS says FailedOver with
// DC2's servers active, traffic lands on the backup, again with nothing
// lost.
func TestPoolOnServedLab(t *testing.T) {
	ctx := context.Background()
	s, served := servedLab(t)
	p := startPool(t, s, labtest.Password)
	if n := len(p.Servers()); n != 8 {
		t.Fatalf("the lab pool has %d servers, want 8", n)
	}

	m, target, _ := runAndReadBack(t, p, 1200*time.Millisecond)
	if target.Store != "dc1-sql1" || target.Partner != "dc1-sql2" {
		t.Fatalf("Normal reads back from %v", target)
	}
	if m.Acknowledged < 20 || m.Lost != 0 || m.Failed != 0 || m.Present != m.Acknowledged {
		t.Fatalf("Normal: %d acknowledged, %d lost, %d failed, %d present", m.Acknowledged, m.Lost, m.Failed, m.Present)
	}
	primary := served["dc1-sql1"].Open(t, "mgc")
	var pinged int
	if err := primary.QueryRow("SELECT COUNT(*) FROM dbo.tblServerIdentity WHERE serverLastPingTime IS NOT NULL").Scan(&pinged); err != nil || pinged != 4 {
		t.Fatalf("%d servers pinged tblServerIdentity (want DC1's four): %v", pinged, err)
	}

	store, _ := cms.Open(s.CMSDir)
	err := store.Update(func(d *cms.Document) error {
		pool := d.Pool(s.Layout.Pool.FQDN)
		pool.PoolState = chatpool.StateFailedOver
		pool.ActiveServers = []string{"pc5.lab.local", "pc6.lab.local", "pc7.lab.local", "pc8.lab.local"}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	p.Refresh(ctx)
	m, target, rec := runAndReadBack(t, p, 800*time.Millisecond)
	if target.Store != "dc2-sql1" || target.Partner != "dc2-sql2" {
		t.Fatalf("FailedOver reads back from %v", target)
	}
	if m.Acknowledged < 10 || m.Lost != 0 || m.Failed != 0 {
		t.Fatalf("FailedOver: %d acknowledged, %d lost, %d failed", m.Acknowledged, m.Lost, m.Failed)
	}
	for _, a := range rec.Acks {
		if a.Server < "pc5" {
			t.Fatalf("a DC1 server served %+v after the failover", a)
		}
	}
	var onPrimary int
	if err := primary.QueryRow("SELECT COUNT(*) FROM dbo.tblChat WHERE chatId >= @p1", rec.FirstID).Scan(&onPrimary); err != nil || onPrimary != 0 {
		t.Fatalf("%d messages of the failed-over run reached the primary: %v", onPrimary, err)
	}
}
