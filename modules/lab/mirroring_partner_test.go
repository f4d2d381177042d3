package lab

import (
	"bytes"
	"context"
	"database/sql"
	"net"
	"net/url"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	mssql "github.com/microsoft/go-mssqldb"
)

// TestFailoverPartnerThroughTheDriver: go-mssqldb's failoverpartner and
// failoverport against two served instances mirroring mgc. The
// principal's login response announces the mirror (ENVCHANGE type 13,
// the database mirroring partner); after a manual failover a new
// connection whose DSN still names the old principal first reaches the
// old principal, whose mgc is now the mirror and cannot be opened, then
// the failover partner, the new principal. Sources: Connect Clients to a
// Database Mirroring Session (the provider downloads the partner name on
// login); MS-TDS ENVCHANGE type 13; go-mssqldb README (failoverpartner,
// failoverport).
func TestFailoverPartnerThroughTheDriver(t *testing.T) {
	p, m := serveMirroring(t, "DC1-SQL1"), serveMirroring(t, "DC1-SQL2")
	mirrorDatabase(t, p, m, nil, "mgc")
	if !announces(t, p, "DC1-SQL2") {
		t.Fatal("the principal's login does not announce DC1-SQL2 as failover partner (ENVCHANGE 13)")
	}

	p.exec(t, "ALTER DATABASE mgc SET PARTNER FAILOVER")
	waitUntil(t, 20*time.Second, "DC1-SQL2 principal", func() bool {
		role, st := m.session("mgc")
		return role == "PRINCIPAL" && st == "SYNCHRONIZED"
	})
	if !announces(t, m, "DC1-SQL1") {
		t.Fatal("the new principal's login does not announce DC1-SQL1 as failover partner")
	}

	host, port, _ := net.SplitHostPort(m.addr)
	db := p.open(t, "mgc", url.Values{"failoverpartner": {host}, "failoverport": {port}})
	var server string
	if err := db.QueryRow("SELECT @@SERVERNAME").Scan(&server); err != nil {
		t.Fatalf("connecting with failoverpartner: %v", err)
	}
	if server != "DC1-SQL2" {
		t.Fatalf("the DSN naming DC1-SQL1 reached %s, want the new principal DC1-SQL2", server)
	}
	if _, err := db.Exec("INSERT INTO dbo.chat (msg) VALUES (N'after failover')"); err != nil {
		t.Fatalf("write through the failover partner: %v", err)
	}

	// Without failoverpartner the same DSN fails: the old principal's mgc
	// is the mirror.
	var x int
	if err := p.open(t, "mgc", nil).QueryRow("SELECT 1").Scan(&x); err == nil {
		t.Fatal("a DSN without failoverpartner reached mgc on the mirror")
	}
}

// announces logs in to mgc on s through go-mssqldb and reports whether
// the login response carried ENVCHANGE type 13 with partner.
func announces(t *testing.T, s *served, partner string) bool {
	t.Helper()
	c, err := mssql.NewConnector(s.dsn("mgc", nil))
	if err != nil {
		t.Fatal(err)
	}
	rec := &recordingDialer{}
	c.Dialer = rec
	db := sql.OpenDB(c)
	defer db.Close()
	var x int
	if err := db.QueryRow("SELECT 1").Scan(&x); err != nil {
		t.Fatalf("%s: login to mgc: %v", s.name, err)
	}
	return bytes.Contains(rec.received(), envChangePartner(partner))
}

// envChangePartner is the ENVCHANGE token announcing partner: 0xE3, the
// length, type 13, the new value as B_VARCHAR (UTF-16LE) and an empty old
// value.
func envChangePartner(partner string) []byte {
	u := utf16.Encode([]rune(partner))
	body := []byte{13, byte(len(u))}
	for _, c := range u {
		body = append(body, byte(c), byte(c>>8))
	}
	body = append(body, 0)
	return append([]byte{0xE3, byte(len(body)), byte(len(body) >> 8)}, body...)
}

// recordingDialer dials TCP and keeps what the server sends.
type recordingDialer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (d *recordingDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	return &recordingConn{Conn: c, d: d}, nil
}

func (d *recordingDialer) received() []byte {
	d.mu.Lock()
	defer d.mu.Unlock()
	return bytes.Clone(d.buf.Bytes())
}

type recordingConn struct {
	net.Conn
	d *recordingDialer
}

func (c *recordingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.d.mu.Lock()
	c.d.buf.Write(p[:n])
	c.d.mu.Unlock()
	return n, err
}
