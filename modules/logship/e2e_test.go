package logship

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"pcsh/modules/connection"
	"pcsh/modules/connection/labpassword"
	"pcsh/modules/lab/agent"
	"pcsh/modules/lab/disk"
	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/exec"
	labls "pcsh/modules/lab/logship"
	"pcsh/modules/lab/tds"
	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
)

const e2ePW = "Lab-Secret-Pw1!"

// labDialer routes host:port to in-process lab servers; other addresses
// are refused as a dead host would refuse them.
type labDialer struct {
	mu      sync.Mutex
	servers map[string]*tds.Server
}

func (d *labDialer) HostName() string { return "" }

func (d *labDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	d.mu.Lock()
	srv, ok := d.servers[addr]
	d.mu.Unlock()
	if !ok {
		return nil, &net.OpError{Op: "dial", Net: network, Err: fmt.Errorf("connection refused")}
	}
	return tds.PipeDialer{Server: srv}.DialContext(ctx, network, addr)
}

// labNode is one in-process lab instance.
type labNode struct {
	name  string
	inst  *engine.Instance
	agent *agent.Agent
}

// labEnv is a session whose connection manager reaches lab instances
// named dc<N>-sql1 through lab.json, as pcsh lab up writes it.
type labEnv struct {
	sess   *cmdlet.Session
	host   *cmdlettest.Host
	nodes  map[string]*labNode
	dir    string
	dialer *labDialer
}

// newLabEnv starts the named instances; withAgent says which get a
// running SQL Server Agent with the lab's log shipping job runners.
func newLabEnv(t *testing.T, names []string, withAgent map[string]bool) *labEnv {
	t.Helper()
	agents := map[string]*labls.Options{}
	for n, ok := range withAgent {
		if ok {
			agents[n] = &labls.Options{}
		}
	}
	return newLabEnvAgents(t, names, agents, nil)
}

// newLabEnvAgents is newLabEnv with the Agent options of each instance
// that gets one and the file system of each that has one of its own (a
// fault plan's read check, say).
func newLabEnvAgents(t *testing.T, names []string, agents map[string]*labls.Options, disks map[string]disk.FS) *labEnv {
	t.Helper()
	e := &labEnv{host: &cmdlettest.Host{}, nodes: map[string]*labNode{}, dir: t.TempDir()}
	d := &labDialer{servers: map[string]*tds.Server{}}
	e.dialer = d
	var entries []string
	for i, n := range names {
		node := e.start(t, n, agents[n], disks[n])
		addr := fmt.Sprintf("127.0.0.%d", i+2)
		cfg := exec.Config{Password: e2ePW}
		if node.agent != nil {
			cfg.Procedures, cfg.Agent = labls.Procedures(), node.agent
		}
		h := exec.New(node.inst, cfg)
		srv := tds.NewServer(tds.Config{ServerName: node.inst.Name(), Version: h.TDSVersion()}, h)
		t.Cleanup(func() { srv.Close() })
		d.servers[addr+":1433"] = srv
		entries = append(entries, fmt.Sprintf(`{"name": %q, "role": "primary", "host": "%s.lab.local", "address": %q, "port": 1433}`, n, n, addr))
	}
	labFile := filepath.Join(e.dir, "lab.json")
	if err := os.WriteFile(labFile, []byte(`{"instances": [`+strings.Join(entries, ",")+`]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{connection.LabFileEnv: labFile, labpassword.Env: e2ePW, "HOME": e.dir}
	e.sess = cmdlettest.NewSession(e.host)
	e.sess.Now = time.Now
	e.sess.Getenv = func(k string) string { return env[k] }
	m := connection.NewManager(e.sess)
	m.Dialer = d
	connection.Install(e.sess, m)
	t.Cleanup(func() { m.Close() })
	return e
}

// start opens one engine instance on fsys, with a running Agent when
// asked.
func (e *labEnv) start(t *testing.T, name string, agentOpts *labls.Options, fsys disk.FS) *labNode {
	inst, err := engine.Open(engine.Options{Name: strings.ToUpper(name), Dir: filepath.Join(e.dir, name),
		Logins: map[string]string{"sa": e2ePW}, Disk: fsys})
	if err != nil {
		t.Fatal(err)
	}
	node := &labNode{name: name, inst: inst}
	if agentOpts != nil {
		a, err := labls.NewAgent(context.Background(), inst, *agentOpts)
		if err != nil {
			t.Fatal(err)
		}
		a.Start()
		node.agent = a
	}
	t.Cleanup(func() {
		if node.agent != nil {
			node.agent.Stop()
		}
		inst.Close()
	})
	e.nodes[name] = node
	return node
}

// sql runs a batch on a lab instance through the connection module.
func (e *labEnv) sql(t *testing.T, instance, q string, args ...any) *connection.Result {
	t.Helper()
	ctx := &cmdlet.Context{Context: context.Background(), Session: e.sess,
		Command: &cmdlet.Command{Info: cmdlet.Info{Name: "Test-E2E"}}, Prefs: e.sess.Prefs}
	c, err := connection.Open(ctx, instance, connection.Options{Database: "master"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Exec(ctx, q, args...)
	if err != nil {
		t.Fatalf("%s on %s: %v", q, instance, err)
	}
	return res
}

// needLogShippingProcs skips when the lab executor does not run the
// msdb Agent and log shipping procedures yet.
func (e *labEnv) needLogShippingProcs(t *testing.T, instance string) {
	t.Helper()
	ctx := &cmdlet.Context{Context: context.Background(), Session: e.sess,
		Command: &cmdlet.Command{Info: cmdlet.Info{Name: "Test-E2E"}}, Prefs: e.sess.Prefs}
	c, _ := connection.Open(ctx, instance, connection.Options{Database: "master"})
	_, err := c.Query(ctx, "EXEC master.dbo.sp_help_log_shipping_monitor")
	if connection.ErrorNumber(err) == 2812 {
		t.Skipf("the lab executor (modules/lab/exec) does not route the Agent and log shipping procedures of "+
			"modules/lab/agent and modules/lab/logship yet: %v", err)
	}
}

// TestE2EResource checks two lab instances: reachable, FULL recovery,
// the share reached by the instance itself without writing to it (and a
// backup the instance wrote there named), Agent running on one only; a
// share path the instance cannot reach fails.
func TestE2EResource(t *testing.T) {
	e := newLabEnv(t, []string{"dc1-sql1", "dc2-sql1"}, map[string]bool{"dc1-sql1": true})
	share := filepath.Join(e.dir, "share")
	if err := os.MkdirAll(share, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"dc1-sql1", "dc2-sql1"} {
		e.sql(t, n, "CREATE DATABASE [mgc]; ALTER DATABASE [mgc] SET RECOVERY FULL")
	}
	full := filepath.Join(share, "mgc_full.bak")
	e.sql(t, "dc1-sql1", "BACKUP DATABASE [mgc] TO DISK = @p1", sql.Named("p1", full))
	before, _ := os.ReadDir(share)
	r := invoke(t, e.sess, e.host, "Test-PcResource", nil, "SqlInstance", []any{"dc1-sql1", "dc2-sql1", "dc9-sql1"}, "BackupShare", share)
	got := map[string]string{}
	for _, o := range r.objs {
		got[prop(o, "SqlInstance")+" "+prop(o, "Check")] = prop(o, "Verdict") + ": " + prop(o, "Detail")
	}
	for k, want := range map[string]string{"dc1-sql1 Reachable": "Pass", "dc1-sql1 RecoveryModel": "Pass",
		"dc1-sql1 Share": "Pass", "dc1-sql1 Agent": "Pass", "dc2-sql1 Agent": "Fail", "dc9-sql1 Reachable": "Fail",
		"dc9-sql1 Share": "Skipped"} {
		if !strings.HasPrefix(got[k], want) {
			t.Errorf("%s = %q, want %s", k, got[k], want)
		}
	}
	if d := got["dc1-sql1 Share"]; !strings.Contains(d, "reaches "+share+" and last wrote "+full+" there at ") {
		t.Errorf("dc1-sql1 Share: %s", d)
	}
	if d := got["dc2-sql1 Share"]; !strings.HasSuffix(d, "reaches "+share+", but its write access is not proven: msdb shows nothing it wrote there yet (its first log backup or copy will; Test-PcResource writes nothing).") {
		t.Errorf("dc2-sql1 Share: %s", d)
	}
	if after, _ := os.ReadDir(share); len(after) != len(before) {
		t.Errorf("Test-PcResource wrote to the share: %d files before, %d after", len(before), len(after))
	}
	r = invoke(t, e.sess, e.host, "Test-PcResource", nil, "SqlInstance", []any{"dc1-sql1"}, "BackupShare", filepath.Join(e.dir, "nope", "x"))
	for _, o := range r.objs {
		if prop(o, "Check") == "Share" && prop(o, "Verdict") != "Fail" {
			t.Errorf("unwritable share: %s %s", prop(o, "Verdict"), prop(o, "Detail"))
		}
	}
}

// TestE2ELogShipping sets up log shipping between two lab instances with
// Agents, ships rows, reads the status, fails over with a tail-log
// backup and checks the recovered secondary holds every row.
func TestE2ELogShipping(t *testing.T) {
	e := newLabEnv(t, []string{"dc1-sql1", "dc2-sql1"}, map[string]bool{"dc1-sql1": true, "dc2-sql1": true})
	e.needLogShippingProcs(t, "dc1-sql1")
	share, copyDir := filepath.Join(e.dir, "share"), filepath.Join(e.dir, "copy")
	for _, d := range []string{share, copyDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	e.sql(t, "dc1-sql1", "CREATE DATABASE [mgc]; ALTER DATABASE [mgc] SET RECOVERY FULL")
	e.sql(t, "dc1-sql1", "CREATE TABLE [mgc].dbo.chat (id int, msg nvarchar(50))")
	r := invoke(t, e.sess, e.host, "New-PcLogShipping", force, "PrimaryInstance", "dc1-sql1", "SecondaryInstance", []any{"dc2-sql1"},
		"Database", "mgc", "BackupShare", share, "CopyDirectory", copyDir, "BackupInterval", time.Second,
		"CopyInterval", time.Second, "RestoreInterval", time.Second)
	if r.err != nil {
		t.Fatalf("New-PcLogShipping: %v\n%s", r.err, r.host)
	}
	e.sql(t, "dc1-sql1", "INSERT INTO [mgc].dbo.chat VALUES (@p1, @p2)", sql.Named("p1", 1), sql.Named("p2", "before failover"))
	res := e.sql(t, "dc2-sql1", "SELECT COUNT(*) FROM msdb.dbo.log_shipping_secondary_databases WHERE secondary_database = N'mgc'")
	if n, _ := integer(res.Scalar()); n != 1 {
		t.Fatalf("secondary rows: %v", res.Scalar())
	}
	time.Sleep(2500 * time.Millisecond)
	r = invoke(t, e.sess, e.host, "Get-PcLogShippingStatus", nil, "SqlInstance", []any{"dc1-sql1", "dc2-sql1"})
	if len(r.objs) != 2 || r.err != nil {
		t.Fatalf("status: %v %v", r.objs, r.err)
	}
	for _, o := range r.objs {
		t.Logf("%s %s %s: %s", prop(o, "SqlInstance"), prop(o, "Role"), prop(o, "Verdict"), prop(o, "Reason"))
	}
	r = invoke(t, e.sess, e.host, "Start-PcLogShippingJob", nil, "SqlInstance", "dc1-sql1", "Database", "mgc", "Job", "Backup",
		"Wait", true, "Timeout", 10*time.Second, "PollEvery", 50*time.Millisecond)
	if r.err != nil || len(r.objs) != 1 || prop(r.objs[0], "Outcome") != "Succeeded" {
		t.Fatalf("Start-PcLogShippingJob: %v %v", r.err, r.objs)
	}
	if r = invoke(t, e.sess, e.host, "Get-PcLogShippingError", nil, "SqlInstance", []any{"dc1-sql1", "dc2-sql1"}); r.err != nil || len(r.errs) > 0 {
		t.Fatalf("Get-PcLogShippingError: %v %v", r.err, r.errs)
	}
	wantCopyDirWritten(t, e, copyDir)
	e.sql(t, "dc1-sql1", "INSERT INTO [mgc].dbo.chat VALUES (@p1, @p2)", sql.Named("p1", 2), sql.Named("p2", "in the tail"))
	r = invoke(t, e.sess, e.host, "Invoke-PcLogShippingRecovery", force, "SqlInstance", "dc2-sql1", "Database", "mgc", "AllowDataLoss", true,
		"PrimaryInstance", "dc1-sql1", "PollEvery", 50*time.Millisecond, "JobTimeout", 20*time.Second, "Settle", 200*time.Millisecond)
	if r.err != nil {
		t.Fatalf("recovery: %v\n%s", r.err, r.host)
	}
	for _, o := range r.objs {
		t.Logf("recovery: %s %s%s %s %s", prop(o, "SqlInstance"), prop(o, "Step"), prop(o, "Job"), prop(o, "Status")+prop(o, "Outcome"), prop(o, "Message"))
	}
	res = e.sql(t, "dc2-sql1", "SELECT state_desc FROM sys.databases WHERE name = N'mgc'; SELECT COUNT(*) FROM [mgc].dbo.chat")
	if res.Scalar() != "ONLINE" || len(res.Sets) < 2 || fmt.Sprint(res.Sets[1].Rows[0][0]) != "2" {
		for _, d := range []string{"share", "copy"} {
			ents, _ := os.ReadDir(filepath.Join(e.dir, d))
			for _, x := range ents {
				h := e.sql(t, "dc1-sql1", "RESTORE HEADERONLY FROM DISK = @p1", sql.Named("p1", filepath.Join(e.dir, d, x.Name())))
				var sets []string
				for _, r := range h.First().Rows {
					sets = append(sets, fmt.Sprint(r[column(h.First().Columns, "Position")], "/", r[column(h.First().Columns, "FirstLSN")], "-", r[column(h.First().Columns, "LastLSN")]))
				}
				t.Logf("%s: %s %v", d, x.Name(), sets)
			}
		}
		t.Logf("rows: %v", e.sql(t, "dc2-sql1", "SELECT * FROM [mgc].dbo.chat").First().Rows)
		t.Fatalf("after recovery: %+v", res.Sets)
	}
	res = e.sql(t, "dc1-sql1", "SELECT state_desc FROM sys.databases WHERE name = N'mgc'")
	if res.Scalar() != "RESTORING" {
		t.Fatalf("primary after the tail-log backup: %v", res.Scalar())
	}
	removeAfterRecovery(t, e)
}

// wantCopyDirWritten waits until Test-PcResource sees, read-only, that the
// secondary reaches its copy directory and its copy job last wrote a file
// there.
func wantCopyDirWritten(t *testing.T, e *labEnv, copyDir string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		r := invoke(t, e.sess, e.host, "Test-PcResource", nil, "SqlInstance", []any{"dc2-sql1"}, "SkipShareProbe", false, "CopyDirectory", copyDir)
		var detail string
		for _, o := range r.objs {
			if prop(o, "Check") == "CopyDirectory" {
				detail = prop(o, "Verdict") + ": " + prop(o, "Detail")
			}
		}
		if strings.HasPrefix(detail, "Pass: dc2-sql1 reaches "+copyDir+" and last wrote "+copyDir) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("CopyDirectory: %q", detail)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// removeAfterRecovery removes what the recovery left (the primary side):
// the secondary side is NotFound and tolerated.
func removeAfterRecovery(t *testing.T, e *labEnv) {
	r := invoke(t, e.sess, e.host, "Remove-PcLogShipping", force, "PrimaryInstance", "dc1-sql1", "SecondaryInstance", []any{"dc2-sql1"}, "Database", "mgc")
	if r.err != nil {
		t.Fatalf("Remove-PcLogShipping: %v", r.err)
	}
	var st []string
	for _, o := range r.objs {
		st = append(st, prop(o, "Status"))
	}
	if strings.Join(st, ",") != "Done,NotFound,NotFound,Done" {
		t.Errorf("statuses %v", st)
	}
	res := e.sql(t, "dc1-sql1", "SELECT COUNT(*) FROM msdb.dbo.log_shipping_primary_databases")
	if n, _ := integer(res.Scalar()); n != 0 {
		t.Errorf("%d primary rows left", n)
	}
}

// TestE2EKillSessions runs the recovery's kill batch on a lab instance:
// the session using the database is ended, the caller's is not.
func TestE2EKillSessions(t *testing.T) {
	e := newLabEnv(t, []string{"dc1-sql1"}, nil)
	e.sql(t, "dc1-sql1", "CREATE DATABASE [mgc]")
	ctx := &cmdlet.Context{Context: context.Background(), Session: e.sess,
		Command: &cmdlet.Command{Info: cmdlet.Info{Name: "Test-E2E"}}, Prefs: e.sess.Prefs}
	user, err := connection.Open(ctx, "dc1-sql1", connection.Options{Database: "mgc"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := user.Query(ctx, "SELECT 1"); err != nil {
		t.Fatal(err)
	}
	count := "SELECT COUNT(*) FROM sys.dm_exec_sessions WHERE database_id = DB_ID(N'mgc')"
	if n, _ := integer(e.sql(t, "dc1-sql1", count).Scalar()); n == 0 {
		t.Fatal("no session uses mgc")
	}
	srv, _ := DialConnection(ctx, "dc1-sql1")
	st := killSessionsStmt("mgc")
	if _, err := srv.Exec(ctx, st.SQL, st.named()...); err != nil {
		t.Fatalf("kill batch: %v", err)
	}
	if n, _ := integer(e.sql(t, "dc1-sql1", count).Scalar()); n != 0 {
		t.Fatalf("%d sessions still use mgc", n)
	}
}

// TestE2EStartJobNotConfigured runs Start-PcLogShippingJob's lookup
// batch on a lab instance whose msdb has the log shipping tables but no
// configuration: JobNotFound, from the batch's THROW.
func TestE2EStartJobNotConfigured(t *testing.T) {
	e := newLabEnv(t, []string{"dc2-sql1"}, map[string]bool{"dc2-sql1": true})
	for _, job := range []string{"Backup", "Copy", "Restore"} {
		r := invoke(t, e.sess, e.host, "Start-PcLogShippingJob", nil, "SqlInstance", "dc2-sql1", "Database", "mgc", "Job", job)
		if errorID(r.err) != "JobNotFound" {
			t.Errorf("%s: %v", job, r.err)
		}
	}
}

// TestE2EStatusOnMirror reads the status of a lab instance whose log
// shipping primary database is the mirroring MIRROR (the principal's
// mirror after Add-PcLogShippingMirrorSource): Standby while it is the
// mirror, Critical with no backup once it is the principal.
func TestE2EStatusOnMirror(t *testing.T) {
	e := newLabEnv(t, []string{"dc1-sql2"}, map[string]bool{"dc1-sql2": true})
	e.needLogShippingProcs(t, "dc1-sql2")
	e.sql(t, "dc1-sql2", "CREATE DATABASE [mgc]; ALTER DATABASE [mgc] SET RECOVERY FULL")
	st := addPrimaryDatabase(Primary{Database: "mgc", BackupShare: filepath.Join(e.dir, "share"), BackupInterval: time.Minute,
		BackupThreshold: time.Hour, Retention: time.Hour, HistoryRetention: time.Hour, AlertEnabled: true})
	e.sql(t, "dc1-sql2", st.SQL, st.named()...)
	for _, c := range []struct {
		role                    uint8
		mirroring, verdict, why string
	}{
		{engine.MirrorRoleMirror, "MIRROR", Standby,
			"The database is the mirroring MIRROR here: its backup job skips the backup (message 32008) until a failover makes it the principal."},
		{engine.MirrorRolePrincipal, "PRINCIPAL", Critical, "No log backup has happened yet."},
	} {
		if err := e.nodes["dc1-sql2"].inst.SetMirroring("mgc", &engine.Mirroring{GUID: [16]byte{1}, State: 4, Role: c.role}); err != nil {
			t.Fatal(err)
		}
		r := invoke(t, e.sess, e.host, "Get-PcLogShippingStatus", nil, "SqlInstance", []any{"dc1-sql2"})
		if r.err != nil || len(r.objs) != 1 {
			t.Fatalf("role %s: %v %v", c.mirroring, r.err, r.objs)
		}
		o := r.objs[0]
		got := [4]string{prop(o, "Role"), prop(o, "MirroringRole"), prop(o, "Verdict"), prop(o, "Reason")}
		if want := [4]string{"Primary", c.mirroring, c.verdict, c.why}; got != want {
			t.Errorf("role %s:\ngot  %q\nwant %q", c.mirroring, got, want)
		}
	}
}
