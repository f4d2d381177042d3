package lab

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The mirroring tests drive served lab instances only through go-mssqldb
// and T-SQL, as an administrator would.

const mirrorPassword = "Mirroring-Pw-3"

// served is one lab instance serving TDS in a test.
type served struct {
	name string
	addr string  // TDS host:port
	db   *sql.DB // sa on master
}

// serveMirroring runs Serve in-process for an instance named name on
// 127.0.0.1 and stops it at test end.
func serveMirroring(t *testing.T, name string) *served {
	t.Helper()
	data := filepath.Join(t.TempDir(), name)
	line := serveReady(t, ServeOptions{Name: name, Listen: "127.0.0.1:0", Data: data}, mirrorPassword)
	return newServed(t, name, line)
}

// serveReady runs Serve in this process with o and the sa password
// password until the test ends, and returns its ready line.
func serveReady(t *testing.T, o ServeOptions, password string) string {
	t.Helper()
	line, _ := serveStoppable(t, o, password)
	return line
}

// serveStoppable is serveReady that also returns a function stopping the
// instance as SIGTERM does (its data kept), so a test can start it again
// on the same data directory; the instance stops at test end otherwise.
func serveStoppable(t *testing.T, o ServeOptions, password string) (string, func()) {
	t.Helper()
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	o.Out = pw
	o.BackupDirs = append(o.BackupDirs, backupRoot(t))
	o.Getenv = func(k string) string {
		if k == "PCSH_LAB_PASSWORD" {
			return password
		}
		return ""
	}
	go func() {
		done <- Serve(ctx, o, make(chan os.Signal))
		pw.Close()
	}()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Error(err)
			}
		})
	}
	t.Cleanup(stop)
	line, err := bufio.NewReader(pr).ReadString('\n')
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	if err != nil || !strings.Contains(line, "ready") {
		t.Fatalf("%s: no ready line (%q): %v", o.Name, line, err)
	}
	return line, stop
}

// newServed parses a ready line ("… ready: sqlserver://sa@HOST:PORT?…")
// and opens a pool on master.
func newServed(t *testing.T, name, ready string) *served {
	t.Helper()
	i := strings.Index(ready, "sqlserver://")
	if i < 0 {
		t.Fatalf("%s: ready line %q", name, ready)
	}
	u, err := url.Parse(strings.TrimSpace(ready[i:]))
	if err != nil {
		t.Fatal(err)
	}
	s := &served{name: name, addr: u.Host}
	s.db = s.open(t, "master", nil)
	return s
}

// dsn is a go-mssqldb URL for database on s, with extra parameters.
func (s *served) dsn(database string, extra url.Values) string {
	q := url.Values{"database": {database}, "encrypt": {"disable"}, "dial timeout": {"2"}}
	for k, v := range extra {
		q[k] = v
	}
	u := url.URL{Scheme: "sqlserver", User: url.UserPassword("sa", mirrorPassword), Host: s.addr, RawQuery: q.Encode()}
	return u.String()
}

// open returns a pool on database, closed at test end.
func (s *served) open(t *testing.T, database string, extra url.Values) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlserver", s.dsn(database, extra))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// exec runs batches on master, failing the test on error.
func (s *served) exec(t *testing.T, batches ...string) {
	t.Helper()
	for _, b := range batches {
		if _, err := s.db.Exec(b); err != nil {
			t.Fatalf("%s: %s: %v", s.name, b, err)
		}
	}
}

// endpoint creates the started mirroring endpoint with role and returns
// its server network address, TCP://host:port on s's TDS host.
func (s *served) endpoint(t *testing.T, role string) string {
	t.Helper()
	s.exec(t, "CREATE ENDPOINT Mirroring STATE = STARTED AS TCP (LISTENER_PORT = 0) FOR DATABASE_MIRRORING (ROLE = "+role+")")
	var port int
	if err := s.db.QueryRow("SELECT port FROM sys.tcp_endpoints").Scan(&port); err != nil {
		t.Fatalf("%s: endpoint port: %v", s.name, err)
	}
	host, _, _ := net.SplitHostPort(s.addr)
	return fmt.Sprintf("TCP://%s:%d", host, port)
}

// session returns mgc's role and state on s ("" when not mirrored or
// unreachable).
func (s *served) session(db string) (role, state string) {
	var r, st sql.NullString
	_ = s.db.QueryRow("SELECT mirroring_role_desc, mirroring_state_desc FROM sys.database_mirroring WHERE database_id = DB_ID(@p1)",
		db).Scan(&r, &st)
	return r.String, st.String
}

// mirrorDatabase creates db with the chat table on p, prepares its mirror
// on m as the docs say (full and log backup restored WITH NORECOVERY),
// starts the session (mirror first) and waits for SYNCHRONIZED; with a
// witness w it also sets the witness and waits until w sees the session
// SYNCHRONIZED.
func mirrorDatabase(t *testing.T, p, m, w *served, db string) {
	t.Helper()
	p.exec(t, "CREATE DATABASE "+db, "ALTER DATABASE "+db+" SET RECOVERY FULL",
		"CREATE TABLE "+db+".dbo.chat (id int IDENTITY(1,1) PRIMARY KEY, msg nvarchar(40))")
	startMirroring(t, p, m, p.endpoint(t, "PARTNER"), m.endpoint(t, "PARTNER"), db)
	if w == nil {
		return
	}
	p.exec(t, "ALTER DATABASE "+db+" SET WITNESS = '"+w.endpoint(t, "WITNESS")+"'")
	waitUntil(t, 20*time.Second, w.name+" sees "+db+" SYNCHRONIZED", func() bool {
		var st sql.NullString
		_ = w.db.QueryRow("SELECT partner_sync_state_desc FROM sys.database_mirroring_witnesses WHERE database_name = @p1",
			db).Scan(&st)
		return st.String == "SYNCHRONIZED"
	})
	// Quorum for automatic failover needs the mirror connected to the
	// witness too ("the mirror server instance and witness are still
	// connected to each other").
	for _, s := range []*served{p, m} {
		waitUntil(t, 20*time.Second, s.name+" connected to the witness", func() bool {
			var st sql.NullString
			_ = s.db.QueryRow("SELECT mirroring_witness_state_desc FROM sys.database_mirroring WHERE database_id = DB_ID(@p1)",
				db).Scan(&st)
			return st.String == "CONNECTED"
		})
	}
}

// startMirroring prepares the mirror of db (FULL recovery, online on p)
// on m as Install-CsMirrorDatabase does: a full and a log backup restored
// WITH NORECOVERY, SET PARTNER on the mirror naming p's endpoint pEP, then
// on p naming m's endpoint mEP; it waits until p is SYNCHRONIZED.
func startMirroring(t *testing.T, p, m *served, pEP, mEP, db string) {
	t.Helper()
	dir := backupDir(t)
	p.exec(t, fmt.Sprintf("BACKUP DATABASE %s TO DISK = N'%s/%s.bak'", db, dir, db),
		fmt.Sprintf("BACKUP LOG %s TO DISK = N'%s/%s.trn'", db, dir, db))
	m.exec(t, fmt.Sprintf("RESTORE DATABASE %s FROM DISK = N'%s/%s.bak' WITH NORECOVERY", db, dir, db),
		fmt.Sprintf("RESTORE LOG %s FROM DISK = N'%s/%s.trn' WITH NORECOVERY", db, dir, db),
		"ALTER DATABASE "+db+" SET PARTNER = '"+pEP+"'")
	p.exec(t, "ALTER DATABASE "+db+" SET PARTNER = '"+mEP+"'")
	waitUntil(t, 20*time.Second, p.name+" "+db+" SYNCHRONIZED", func() bool {
		_, st := p.session(db)
		return st == "SYNCHRONIZED"
	})
}

// waitUntil polls cond every 50 ms for up to d.
func waitUntil(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
