package backup

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pcsh/modules/connection"
	"pcsh/modules/connection/labpassword"
	"pcsh/modules/lab/labtest"
	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
)

// The end-to-end tests run the cmdlets through the real connection
// module against in-process lab instances (labtest: engine, executor,
// TDS on a loopback port) named in a lab.json, as pcsh lab up writes it.

// lab is a session that reaches the lab instances dc1-sql1 and dc2-sql1.
type lab struct {
	sess *cmdlet.Session
	host *cmdlettest.Host
	dbs  map[string]*sql.DB
	dir  string // the backup folder, as the instances and pcsh see it
}

// newLab starts dc1-sql1 and dc2-sql1 and a session addressing them,
// with mgc on dc1-sql1 (chat).
func newLab(t *testing.T) *lab {
	t.Helper()
	l := &lab{host: &cmdlettest.Host{}, dbs: map[string]*sql.DB{}, dir: t.TempDir()}
	var entries []map[string]any
	// The instances may back up to any of the test's temporary
	// directories (lab serve --backup-dir): all share l.dir's parent.
	dirs := labtest.Options{BackupDirs: []string{filepath.Dir(l.dir)}}
	for _, name := range []string{"dc1-sql1", "dc2-sql1"} {
		inst := labtest.StartWith(t, strings.ToUpper(name), dirs)
		h, p, _ := net.SplitHostPort(inst.Addr)
		var port int
		fmt.Sscan(p, &port)
		entries = append(entries, map[string]any{"name": name, "role": "primary", "host": name + ".lab.local", "address": h, "port": port})
		l.dbs[name] = inst.Open(t, "master")
	}
	data, _ := json.Marshal(map[string]any{"instances": entries})
	labFile := filepath.Join(t.TempDir(), "lab.json")
	if err := os.WriteFile(labFile, data, 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{connection.LabFileEnv: labFile, labpassword.Env: labtest.Password, "HOME": t.TempDir()}
	l.sess = cmdlettest.NewSession(l.host)
	l.sess.Getenv = func(k string) string { return env[k] }
	m := connection.NewManager(l.sess)
	connection.Install(l.sess, m)
	t.Cleanup(func() { m.Close() })
	l.chat(t)
	return l
}

// exec runs T-SQL on an instance directly (not through pcsh).
func (l *lab) exec(t *testing.T, instance, q string, args ...any) {
	t.Helper()
	labtest.MustExec(t, l.dbs[instance], q, args...)
}

// scalar reads one value on an instance; nil when there is no row.
func (l *lab) scalar(t *testing.T, instance, q string, args ...any) any {
	t.Helper()
	var v any
	if err := l.dbs[instance].QueryRow(q, args...).Scan(&v); err != nil && err != sql.ErrNoRows {
		t.Fatalf("%s: %v", q, err)
	}
	return v
}

// state is the database's state_desc on an instance ("" when absent).
func (l *lab) state(t *testing.T, instance string) string {
	v := l.scalar(t, instance, "SELECT state_desc FROM sys.databases WHERE name = N'mgc'")
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// chat creates mgc on dc1-sql1 in FULL recovery with one message.
func (l *lab) chat(t *testing.T) {
	l.exec(t, "dc1-sql1", "CREATE DATABASE [mgc]; ALTER DATABASE [mgc] SET RECOVERY FULL")
	l.exec(t, "dc1-sql1", "CREATE TABLE [mgc].dbo.chat (id int, msg nvarchar(50))")
	l.insert(t, "dc1-sql1", 1)
}

func (l *lab) insert(t *testing.T, instance string, id int) {
	l.exec(t, instance, "INSERT INTO [mgc].dbo.chat VALUES (@p1, @p2)", id, fmt.Sprintf("message %d", id))
}

func (l *lab) count(t *testing.T, instance string) string {
	return fmt.Sprint(l.scalar(t, instance, "SELECT COUNT(*) FROM [mgc].dbo.chat"))
}

// pcsh runs one command line in the lab session.
func (l *lab) pcsh(t *testing.T, line string) outcome {
	t.Helper()
	return run(t, l.sess, l.host, line)
}

// must runs a command line that must succeed.
func (l *lab) must(t *testing.T, line string) outcome {
	t.Helper()
	o := l.pcsh(t, line)
	if o.err != nil {
		t.Fatalf("%s: %v\n%s", line, o.err, o.host)
	}
	return o
}

// TestE2EChainToSecondInstance backs up a full and two logs to a folder
// on dc1-sql1 (the logs, taken in the same second, share one file as
// sets 1 and 2), restores the chain on dc2-sql1 WITH NORECOVERY, then a
// later log WITH RECOVERY: every message is there.
func TestE2EChainToSecondInstance(t *testing.T) {
	l := newLab(t)
	o := l.must(t, "Backup-PcDatabase dc1-sql1 -Database mgc -Path "+l.dir+" -Init -Checksum")
	if len(o.objs) != 1 || prop(o.objs[0], "Type") != "Full" || prop(o.objs[0], "Checksum") != "true" ||
		prop(o.objs[0], "Path") != filepath.Join(l.dir, "mgc_FULL_20240101000000.bak") {
		t.Fatalf("full backup set %v", o.objs)
	}
	if !strings.Contains(o.host, "progress: Backing up mgc on dc1-sql1: ") {
		t.Errorf("no progress from STATS:\n%s", o.host)
	}
	for id := 2; id <= 3; id++ {
		l.insert(t, "dc1-sql1", id)
		o = l.must(t, "Backup-PcDatabase dc1-sql1 -Database mgc -Type Log -Path "+l.dir)
	}
	if prop(o.objs[0], "Position") != "2" || prop(o.objs[0], "FirstLSN") == prop(o.objs[0], "LastLSN") {
		t.Fatalf("second log set %v", o.objs[0])
	}
	o = l.must(t, "Restore-PcDatabase dc2-sql1 -Database mgc -Path "+l.dir+" -NoRecovery -Force")
	var got []string
	for _, obj := range o.objs {
		got = append(got, prop(obj, "Type")+"/"+prop(obj, "Position")+"/"+prop(obj, "Recovery")+prop(obj, "State"))
	}
	if strings.Join(got, " ") != "Full/1/NORECOVERY Log/1/NORECOVERY Log/2/NORECOVERY //RESTORING" {
		t.Fatalf("restored %v", got)
	}
	l.insert(t, "dc1-sql1", 4)
	tail := filepath.Join(l.dir, "mgc_tail.trn")
	l.must(t, "Backup-PcDatabase dc1-sql1 -Database mgc -Type Log -Path "+tail)
	o = l.must(t, "Restore-PcDatabase dc2-sql1 -Database mgc -Path "+tail+" -Recovery -Force")
	if len(o.objs) != 2 || prop(o.objs[1], "State") != "ONLINE" {
		t.Fatalf("recovery %v", o.objs)
	}
	if n := l.count(t, "dc2-sql1"); n != "4" {
		t.Fatalf("dc2-sql1 has %s messages, want 4", n)
	}
}

// TestE2EReplace: over an existing ONLINE mgc, -Replace without
// -AllowDataLoss is refused and the database keeps its data; with it the
// database is overwritten by the backup.
func TestE2EReplace(t *testing.T) {
	l := newLab(t)
	file := filepath.Join(l.dir, "mgc.bak")
	l.must(t, "Backup-PcDatabase dc1-sql1 -Database mgc -Path "+file)
	l.exec(t, "dc2-sql1", "CREATE DATABASE [mgc]; ALTER DATABASE [mgc] SET RECOVERY FULL")
	l.exec(t, "dc2-sql1", "CREATE TABLE [mgc].dbo.chat (id int, msg nvarchar(50))")
	l.must(t, "Backup-PcDatabase dc2-sql1 -Database mgc -Path "+filepath.Join(l.dir, "dc2.bak"))
	for id := 10; id < 13; id++ {
		l.insert(t, "dc2-sql1", id)
	}
	o := l.pcsh(t, "Restore-PcDatabase dc2-sql1 -Database mgc -Path "+file+" -Replace -Force")
	if idOf(o.err) != "DataLossNotAllowed" || !strings.Contains(o.err.Error(), "which is ONLINE (FULL recovery)") {
		t.Fatalf("%v", o.err)
	}
	if n := l.count(t, "dc2-sql1"); n != "3" || l.state(t, "dc2-sql1") != "ONLINE" {
		t.Fatalf("the refused restore changed dc2-sql1: %s messages, %s", n, l.state(t, "dc2-sql1"))
	}
	o = l.pcsh(t, "Restore-PcDatabase dc2-sql1 -Database mgc -Path "+file+" -Force")
	if idOf(o.err) != "DataLossNotAllowed" {
		t.Fatalf("a full restore over an ONLINE database without -AllowDataLoss: %v", o.err)
	}
	o = l.pcsh(t, "Restore-PcDatabase dc2-sql1 -Database mgc -Path "+file+" -AllowDataLoss -Force")
	if connection.ErrorNumber(o.err) != 3159 {
		t.Fatalf("without -Replace SQL Server refuses to lose the log tail (3159): %v", o.err)
	}
	l.must(t, "Restore-PcDatabase dc2-sql1 -Database mgc -Path "+file+" -Replace -AllowDataLoss -Force")
	if n := l.count(t, "dc2-sql1"); n != "1" {
		t.Fatalf("after REPLACE dc2-sql1 has %s messages, want dc1-sql1's 1", n)
	}
}

// TestE2EGap: with the middle log backup missing, the restore names the
// gap and restores nothing.
func TestE2EGap(t *testing.T) {
	l := newLab(t)
	l.must(t, "Backup-PcDatabase dc1-sql1 -Database mgc -Path "+filepath.Join(l.dir, "mgc.bak"))
	var lsn [3]string
	for i := range lsn {
		l.insert(t, "dc1-sql1", 2+i)
		o := l.must(t, "Backup-PcDatabase dc1-sql1 -Database mgc -Type Log -Path "+filepath.Join(l.dir, fmt.Sprintf("mgc_%d.trn", i)))
		lsn[i] = prop(o.objs[0], "LastLSN")
	}
	if err := os.Remove(filepath.Join(l.dir, "mgc_1.trn")); err != nil {
		t.Fatal(err)
	}
	o := l.pcsh(t, "Restore-PcDatabase dc2-sql1 -Database mgc -Path "+l.dir+" -Force")
	if idOf(o.err) != "LogChainGap" || !strings.Contains(o.err.Error(), "no backup read holds LSN "+lsn[0]+" up to LSN "+lsn[1]) {
		t.Fatalf("%v", o.err)
	}
	if st := l.state(t, "dc2-sql1"); st != "" {
		t.Fatalf("the gap restored something: mgc is %s", st)
	}
}

// TestE2EStandby leaves the restored database read-only in STANDBY,
// readable, with its undo file written.
func TestE2EStandby(t *testing.T) {
	l := newLab(t)
	l.must(t, "Backup-PcDatabase dc1-sql1 -Database mgc -Path "+l.dir)
	l.insert(t, "dc1-sql1", 2)
	l.must(t, "Backup-PcDatabase dc1-sql1 -Database mgc -Type Log -Path "+l.dir)
	undo := filepath.Join(t.TempDir(), "mgc_undo.tuf")
	o := l.must(t, "Restore-PcDatabase dc2-sql1 -Database mgc -Path "+l.dir+" -Standby "+undo+" -Force")
	last := o.objs[len(o.objs)-1]
	if prop(o.objs[1], "Recovery") != "STANDBY" || prop(last, "State") != "ONLINE" || prop(last, "InStandby") != "true" {
		t.Fatalf("%v", o.objs)
	}
	if n := l.count(t, "dc2-sql1"); n != "2" {
		t.Fatalf("standby mgc has %s messages", n)
	}
	if _, err := os.Stat(undo); err != nil {
		t.Fatalf("undo file: %v", err)
	}
}

// TestE2EWhatIf prints the exact statements and changes nothing: no
// backup file, no database on the target.
func TestE2EWhatIf(t *testing.T) {
	l := newLab(t)
	empty := filepath.Join(t.TempDir(), "empty")
	os.MkdirAll(empty, 0o755)
	o := l.must(t, "Backup-PcDatabase dc1-sql1 -Database mgc -Path "+empty+" -WhatIf")
	if ents, _ := os.ReadDir(empty); len(ents) != 0 || !strings.Contains(o.host, "BACKUP DATABASE [mgc] TO DISK = @p1 WITH STATS = 10\" on target \"dc1-sql1\".") {
		t.Fatalf("%d files, host:\n%s", len(ents), o.host)
	}
	l.must(t, "Backup-PcDatabase dc1-sql1 -Database mgc -Path "+l.dir)
	l.host.Lines = nil
	o = l.must(t, "Restore-PcDatabase dc2-sql1 -Database mgc -Path "+l.dir+" -WhatIf")
	want := "host: What if: Performing the operation \"DECLARE @p1 nvarchar(" + fmt.Sprint(len(filepath.Join(l.dir, "mgc_FULL_20240101000000.bak"))) +
		") = N'" + filepath.Join(l.dir, "mgc_FULL_20240101000000.bak") + "';\nRESTORE DATABASE [mgc] FROM DISK = @p1 WITH RECOVERY, STATS = 10\" on target \"dc2-sql1\"."
	if o.host != want || len(o.objs) != 0 || l.state(t, "dc2-sql1") != "" {
		t.Fatalf("host:\n%s\nwant:\n%s", o.host, want)
	}
}
