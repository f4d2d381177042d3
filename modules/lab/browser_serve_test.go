package lab

import (
	"database/sql"
	"net"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pcsh/modules/connection/ssrp"
	"pcsh/modules/lab/datacenter"
)

// browserAddr is the loopback address of the named-instance tests: UDP
// 1434 is a fixed port, so each test binding it takes its own address.
const browserAddr = "127.0.0.87"

// TestServeNamedInstance: `lab serve --instance RTC` answers SSRP on UDP
// 1434 of its address, go-mssqldb connects by host\RTC without a port,
// and @@SERVERNAME and @@SERVICENAME are HOST\RTC and RTC.
func TestServeNamedInstance(t *testing.T) {
	o := ServeOptions{Name: "dc1-sql1", Instance: "rtc", Listen: browserAddr + ":0", Data: filepath.Join(t.TempDir(), "d")}
	ready := serveReady(t, o, mirrorPassword)
	if !strings.Contains(ready, `lab instance dc1-sql1\RTC ready: sqlserver://sa@`+browserAddr+"/RTC?") {
		t.Fatalf("ready line %q", ready)
	}
	q := url.Values{"database": {"master"}, "encrypt": {"disable"}, "dial timeout": {"5"}}
	u := url.URL{Scheme: "sqlserver", User: url.UserPassword("sa", mirrorPassword), Host: browserAddr, Path: "RTC", RawQuery: q.Encode()}
	db, err := sql.Open("sqlserver", u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var server, service, inst string
	err = db.QueryRow("SELECT @@SERVERNAME, @@SERVICENAME, CAST(SERVERPROPERTY('InstanceName') AS nvarchar(128))").Scan(&server, &service, &inst)
	if err != nil || server != `dc1-sql1\RTC` || service != "RTC" || inst != "RTC" {
		t.Fatalf("got %q %q %q, %v", server, service, inst, err)
	}
}

// TestBrowserIgnoresBadRequests: malformed datagrams and an unknown
// instance get no reply, and the Browser answers the next good request.
func TestBrowserIgnoresBadRequests(t *testing.T) {
	const addr = "127.0.0.88"
	o := ServeOptions{Name: "sql01", Instance: "LYNC", Listen: addr + ":0", Data: filepath.Join(t.TempDir(), "d")}
	serveReady(t, o, mirrorPassword)
	c, err := net.Dial("udp", net.JoinHostPort(addr, "1434"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, bad := range []string{"\x04LYNC", "\x04RTC\x00", "\x0f\x01LYNC\x00", "\xff\xff\xff", "\x03\x03", strings.Repeat("\x04", 3000)} {
		if _, err := c.Write([]byte(bad)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Write([]byte("\x04lync\x00")); err != nil {
		t.Fatal(err)
	}
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 2048)
	n, err := c.Read(buf)
	if err != nil {
		t.Fatal(err)
	}
	all, err := ssrp.DecodeResponse(buf[:n])
	if err != nil || len(all) != 1 || all[0].InstanceName != "LYNC" || all[0].ServerName != "SQL01" || all[0].TCPPort == 0 {
		t.Fatalf("the reply to the good request is %q (%+v, %v)", buf[:n], all, err)
	}
}

// TestServeInstanceNameChecked refuses names SQL Server Setup refuses.
func TestServeInstanceNameChecked(t *testing.T) {
	for _, name := range []string{"1RTC", "RTC-1", "ABCDEFGHIJKLMNOPQ", "Default", "R C"} {
		if err := datacenter.CheckInstanceName(name); err == nil {
			t.Errorf("instance name %q accepted", name)
		}
	}
	for _, name := range []string{"", "MSSQLSERVER", "RTC", "_x$1", "LYNC2013"} {
		if err := datacenter.CheckInstanceName(name); err != nil {
			t.Errorf("instance name %q: %v", name, err)
		}
	}
	o := ServeOptions{Name: `a\b`, Instance: "RTC", Listen: "127.0.0.1:0"}.withDefaults()
	if err := o.check(); err == nil {
		t.Error(`--name a\b with --instance was accepted`)
	}
}
