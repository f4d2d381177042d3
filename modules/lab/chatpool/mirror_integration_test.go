package chatpool_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pcsh/modules/lab"
	"pcsh/modules/lab/chatpool"
	"pcsh/modules/lab/mgc"
)

const mirrorPassword = "Chatpool-Mirror-Pw-1"

// serveLab runs `pcsh lab serve` in this process for instance name on
// 127.0.0.1 until the test ends and returns its address and sa on master.
func serveLab(t *testing.T, name, backups string) (string, *sql.DB) {
	t.Helper()
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	o := lab.ServeOptions{Name: name, Listen: "127.0.0.1:0", Data: filepath.Join(t.TempDir(), name), Out: pw,
		BackupDirs: []string{backups}, Err: io.Discard,
		Getenv: func(k string) string {
			if k == "PCSH_LAB_PASSWORD" {
				return mirrorPassword
			}
			return ""
		}}
	go func() { done <- lab.Serve(ctx, o, make(chan os.Signal)); pw.Close() }()
	t.Cleanup(func() { cancel(); <-done })
	line, err := bufio.NewReader(pr).ReadString('\n')
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	i := strings.Index(line, "sqlserver://")
	if err != nil || i < 0 {
		t.Fatalf("%s: no ready line (%q): %v", name, line, err)
	}
	u, err := url.Parse(strings.TrimSpace(line[i:]))
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlserver", (&url.URL{Scheme: "sqlserver", User: url.UserPassword("sa", mirrorPassword), Host: u.Host,
		RawQuery: url.Values{"database": {"master"}, "encrypt": {"disable"}}.Encode()}).String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return u.Host, db
}

// mustExec runs administrator batches (test set-up DDL) on db.
func mustExec(t *testing.T, db *sql.DB, batches ...string) {
	t.Helper()
	for _, b := range batches {
		if _, err := db.Exec(b); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
	}
}

// mirrorEndpoint creates a started partner endpoint and returns its
// address TCP://127.0.0.1:port.
func mirrorEndpoint(t *testing.T, db *sql.DB) string {
	t.Helper()
	mustExec(t, db, "CREATE ENDPOINT Mirroring STATE = STARTED AS TCP (LISTENER_PORT = 0) FOR DATABASE_MIRRORING (ROLE = PARTNER)")
	var port int
	if err := db.QueryRow("SELECT port FROM sys.tcp_endpoints").Scan(&port); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("TCP://127.0.0.1:%d", port)
}

// mirrorState returns mgc's mirroring role and state on db.
func mirrorState(db *sql.DB) (string, string) {
	var r, s sql.NullString
	_ = db.QueryRow("SELECT mirroring_role_desc, mirroring_state_desc FROM sys.database_mirroring WHERE database_id = DB_ID(@p1)", mgc.Database).Scan(&r, &s)
	return r.String, s.String
}

// waitFor polls cond every 50 ms for up to 20 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !cond(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// TestPoolFollowsMirrorFailover: mgc mirrored from dc1-sql1 to dc1-sql2
// (SAFETY FULL); a manual failover during traffic. The servers'
// connections, which name dc1-sql1 with dc1-sql2 as failoverpartner,
// reach the new principal, posting resumes, and reading back through the
// same target finds every acknowledged message.
func TestPoolFollowsMirrorFailover(t *testing.T) {
	backups := t.TempDir()
	pAddr, p := serveLab(t, "dc1-sql1", backups)
	mAddr, m := serveLab(t, "dc1-sql2", backups)
	if err := mgc.Create(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	pEP, mEP := mirrorEndpoint(t, p), mirrorEndpoint(t, m)
	full, log := filepath.Join(backups, "mgc.bak"), filepath.Join(backups, "mgc.trn")
	mustExec(t, p, "BACKUP DATABASE [mgc] TO DISK = N'"+full+"'", "BACKUP LOG [mgc] TO DISK = N'"+log+"'")
	mustExec(t, m, "RESTORE DATABASE [mgc] FROM DISK = N'"+full+"' WITH NORECOVERY",
		"RESTORE LOG [mgc] FROM DISK = N'"+log+"' WITH NORECOVERY", "ALTER DATABASE [mgc] SET PARTNER = '"+pEP+"'")
	mustExec(t, p, "ALTER DATABASE [mgc] SET PARTNER = '"+mEP+"'")
	waitFor(t, "mgc SYNCHRONIZED", func() bool { _, s := mirrorState(p); return s == "SYNCHRONIZED" })

	pool := startPool(t, describeLab(t, map[string]string{"dc1-sql1": pAddr, "dc1-sql2": mAddr}), mirrorPassword)
	ctx := context.Background()
	tr, err := chatpool.StartTraffic(ctx, pool, chatpool.TrafficConfig{Clients: 4, Rooms: chatpool.Rooms(2), Rate: 40})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	fault := time.Now()
	mustExec(t, p, "ALTER DATABASE [mgc] SET PARTNER FAILOVER")
	waitFor(t, "dc1-sql2 principal", func() bool { r, _ := mirrorState(m); return r == "PRINCIPAL" })
	time.Sleep(1500 * time.Millisecond)
	rec := tr.Stop()

	ids, target, err := pool.ReadBack(ctx, rec.Rooms, rec.FirstID, rec.LastID())
	if err != nil {
		t.Fatal(err)
	}
	if target.Store != "dc1-sql1" || target.Partner != "dc1-sql2" {
		t.Fatalf("read back from %v", target)
	}
	meas := chatpool.Measure(rec, ids, fault)
	if meas.Lost != 0 || !meas.Recovered || meas.RTO > 2*time.Second {
		t.Fatalf("after the mirror failover: %d lost %v, recovered %v, RTO %v, %d failures %v",
			meas.Lost, meas.LostIDs, meas.Recovered, meas.RTO, meas.Failed, rec.Failures)
	}
	var held int
	if err := m.QueryRow("SELECT COUNT(*) FROM [mgc].[dbo].[tblChat] WHERE [chatId] >= @p1", rec.FirstID).Scan(&held); err != nil || held != meas.Present {
		t.Fatalf("the new principal holds %d of the run's messages, read back %d: %v", held, meas.Present, err)
	}
	t.Logf("%d acknowledged, %d failed attempts, RTO %v, longest gap %v", meas.Acknowledged, meas.Failed, meas.RTO, meas.LongestGap)
}
