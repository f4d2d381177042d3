package datacenter

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"testing"
	"time"

	"pcsh/modules/lab/fault"
)

// TestMain doubles as a fake `pcsh lab serve` so the orchestration is
// tested without the SQL engine: it listens, prints the ready line and
// exits on SIGTERM.
func TestMain(m *testing.M) {
	if os.Getenv("DATACENTER_FAKE_SERVE") == "1" {
		fakeServe(os.Args[3:])
		return
	}
	os.Exit(m.Run())
}

func fakeServe(args []string) {
	fs := flag.NewFlagSet("serve", flag.ExitOnError)
	name := fs.String("name", "", "")
	listen := fs.String("listen", "", "")
	fs.String("data", "", "")
	fs.String("lab", "", "")
	fs.String("instance", "", "")
	_ = fs.Parse(args)
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Println("listen:", err)
		os.Exit(1)
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	fmt.Printf("lab instance %s ready: sqlserver://sa@%s\n", *name, *listen)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM)
	<-sig
	os.Exit(0)
}

func freePort(t *testing.T, addr string) int {
	t.Helper()
	ln, err := net.Listen("tcp", addr+":0")
	if err != nil {
		t.Skipf("%s unavailable: %v", addr, err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func smallLayout(t *testing.T) Layout {
	l := Layout{Domain: "lab.local", AdminSite: "DC2", Sites: []Site{
		{Name: "DC1", Instances: []Instance{{Name: "dc1-sql1", Role: RolePrimary, Address: "127.0.0.2", Port: freePort(t, "127.0.0.2")}}},
		{Name: "DC2", Instances: []Instance{{Name: "dc2-sql1", Role: RoleBackup, Address: "127.0.0.5", Port: freePort(t, "127.0.0.5")}}},
	}}
	return l.withDefaults()
}

func TestUpStatusFaultDown(t *testing.T) {
	dir := t.TempDir()
	exe, _ := os.Executable()
	env := append(os.Environ(), "DATACENTER_FAKE_SERVE=1")
	ctx := context.Background()
	s, err := Up(ctx, dir, smallLayout(t), exe, env)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = Down(dir, time.Second) })
	if _, err := Up(ctx, dir, smallLayout(t), exe, env); err == nil {
		t.Fatal("a second lab in the same directory must be refused")
	}
	back, err := ReadState(dir)
	if err != nil || len(back.Instances) != 2 || back.Instances[0].Host != "dc1-sql1.lab.local" || back.CopyDirs["dc2-sql1"] == "" {
		t.Fatalf("lab.json: %+v %v", back, err)
	}
	wantStates(t, dir, "Running", "Running")

	if _, err := Fault(ctx, dir, "kill", "DC1", nil, exe, env); err != nil {
		t.Fatal(err)
	}
	wantStates(t, dir, "Stopped", "Running")
	if _, err := Fault(ctx, dir, "restart", "dc1-sql1", nil, exe, env); err != nil {
		t.Fatal(err)
	}
	wantStates(t, dir, "Running", "Running")

	for _, f := range [][]string{{"partition", "link"}, {"slow", "DC2", "50"}, {"disk-full", "share"}} {
		if _, err := Fault(ctx, dir, f[0], f[1], f[2:], exe, env); err != nil {
			t.Fatal(err)
		}
	}
	p, _ := fault.Load(dir)
	if len(p.Cut) != 1 || p.Slow["DC2"] != 50 || p.DiskFull[0] != s.ShareDir {
		t.Fatalf("plan %+v", p)
	}
	if _, err := Fault(ctx, dir, "heal", "all", nil, exe, env); err != nil {
		t.Fatal(err)
	}
	if _, err := Fault(ctx, dir, "partition", "nowhere", nil, exe, env); err == nil {
		t.Fatal("an unknown target must be refused")
	}
	if _, err := Down(dir, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	wantStates(t, dir, "Stopped", "Stopped")
}

func wantStates(t *testing.T, dir string, want ...string) {
	t.Helper()
	st, err := Status(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range want {
		if st[i].State != w {
			t.Fatalf("%s is %s, want %s", st[i].Name, st[i].State, w)
		}
	}
}

func TestLayoutValidate(t *testing.T) {
	if err := Standard().Validate(); err != nil {
		t.Fatal(err)
	}
	l := Standard()
	l.Sites[0].Instances[1].Address = "10.0.0.1"
	if err := l.Validate(); err == nil {
		t.Fatal("non-loopback addresses must be refused")
	}
	l = Standard()
	l.Sites[1].Instances[0].Name = "dc1-sql1"
	if err := l.Validate(); err == nil {
		t.Fatal("duplicate names must be refused")
	}
}

// TestLayoutNamedInstance: a named instance needs a valid name and an
// address of its own, and appears in lab.json and topology.lua.
func TestLayoutNamedInstance(t *testing.T) {
	l := Standard()
	l.Sites[0].Instances[0].Instance = "RTC"
	if err := l.Validate(); err != nil {
		t.Fatal(err)
	}
	s, err := Describe(t.TempDir(), l)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ReadState(s.Dir)
	if err != nil || back.Instances[0].Instance.Instance != "RTC" {
		t.Fatalf("lab.json: %+v, %v", back.Instances[0], err)
	}
	if topo := s.Topology(); !strings.Contains(topo, `host = "dc1-sql1.lab.local", instance = "RTC", site = "DC1"`) {
		t.Fatalf("topology:\n%s", topo)
	}
	l.Sites[0].Instances[0].Instance = "1RTC"
	if err := l.Validate(); err == nil || !strings.Contains(err.Error(), "not a valid instance name") {
		t.Fatalf("bad name: %v", err)
	}
	l.Sites[0].Instances[0].Instance = "RTC"
	l.Sites[0].Instances[1].Address, l.Sites[0].Instances[1].Port = "127.0.0.2", 14330
	if err := l.Validate(); err == nil || !strings.Contains(err.Error(), "needs an address of its own") {
		t.Fatalf("shared address: %v", err)
	}
}

// TestChatServerAddresses: each chat server gets a loopback source
// address (127.0.1.N unless the layout names one), the fault plane sees
// it in the server's site, and a non-loopback one is refused.
func TestChatServerAddresses(t *testing.T) {
	l := Standard()
	if got := l.Pool.Servers[0].Address + " " + l.Pool.Servers[7].Address; got != "127.0.1.1 127.0.1.8" {
		t.Fatalf("addresses %s", got)
	}
	s, err := Describe(t.TempDir(), l)
	if err != nil {
		t.Fatal(err)
	}
	w := s.World()
	if len(w.Clients) != 8 || w.Clients[4] != (fault.Member{Name: "pc5.lab.local", Site: "DC2", Address: "127.0.1.5"}) {
		t.Fatalf("clients %+v", w.Clients)
	}
	l.Pool.Servers[2].Address = "192.0.2.7"
	if err := l.Validate(); err == nil || !strings.Contains(err.Error(), "pc3.lab.local") {
		t.Fatalf("a non-loopback chat server address: %v", err)
	}
}
