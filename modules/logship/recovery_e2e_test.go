package logship

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"pcsh/modules/lab/disk"
	"pcsh/modules/lab/fault"
	labls "pcsh/modules/lab/logship"
	"pcsh/runtime/cmdlet"
)

// shareLink is the secondary's CheckRead: while cut, nothing under the
// share reads, as across a partition of the link between the sites.
type shareLink struct {
	share string
	cut   atomic.Bool
}

func (l *shareLink) check(path string) error {
	p, root := filepath.Clean(path), filepath.Clean(l.share)
	if l.cut.Load() && (p == root || strings.HasPrefix(p, root+string(filepath.Separator))) {
		return fault.ErrNetPath
	}
	return nil
}

// shipping is a lab pair, dc1-sql1 shipping mgc to dc2-sql1, whose jobs
// run only when the test starts them.
type shipping struct {
	*labEnv
	share, copyDir string
	link           *shareLink
}

// newShipping sets up log shipping with schedules too long to fire.
func newShipping(t *testing.T) *shipping {
	t.Helper()
	link := &shareLink{}
	e := newLabEnvAgents(t, []string{"dc1-sql1", "dc2-sql1"},
		map[string]*labls.Options{"dc1-sql1": {}, "dc2-sql1": {}},
		map[string]disk.FS{"dc2-sql1": {Faults: disk.Checks{Read: link.check}}})
	e.needLogShippingProcs(t, "dc1-sql1")
	s := &shipping{labEnv: e, share: filepath.Join(e.dir, "share"), copyDir: filepath.Join(e.dir, "copy"), link: link}
	link.share = s.share
	for _, d := range []string{s.share, s.copyDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	e.sql(t, "dc1-sql1", "CREATE DATABASE [mgc]; ALTER DATABASE [mgc] SET RECOVERY FULL")
	e.sql(t, "dc1-sql1", "CREATE TABLE [mgc].dbo.chat (id int, msg nvarchar(50))")
	r := invoke(t, e.sess, e.host, "New-PcLogShipping", force, "PrimaryInstance", "dc1-sql1", "SecondaryInstance", []any{"dc2-sql1"},
		"Database", "mgc", "BackupShare", s.share, "CopyDirectory", s.copyDir, "BackupInterval", 12*time.Hour,
		"CopyInterval", 12*time.Hour, "RestoreInterval", 12*time.Hour)
	if r.err != nil {
		t.Fatalf("New-PcLogShipping: %v\n%s", r.err, r.host)
	}
	return s
}

// insert commits a chat message on the primary.
func (s *shipping) insert(t *testing.T, id int, msg string) {
	t.Helper()
	s.sql(t, "dc1-sql1", "INSERT INTO [mgc].dbo.chat VALUES (@p1, @p2)", sql.Named("p1", id), sql.Named("p2", msg))
}

// job runs a log shipping job and waits for its outcome.
func (s *shipping) job(t *testing.T, instance, job, want string) {
	t.Helper()
	r := invoke(t, s.sess, s.host, "Start-PcLogShippingJob", nil, "SqlInstance", instance, "Database", "mgc", "Job", job,
		"Wait", true, "Timeout", 20*time.Second, "PollEvery", 20*time.Millisecond)
	if r.err != nil || len(r.objs) != 1 || prop(r.objs[0], "Outcome") != want {
		t.Fatalf("%s job on %s: %v %v (want %s)", job, instance, r.err, r.objs, want)
	}
}

// backup runs the backup job and returns the file it wrote.
func (s *shipping) backup(t *testing.T) string {
	t.Helper()
	s.job(t, "dc1-sql1", "Backup", "Succeeded")
	return filepath.Base(str(s.sql(t, "dc1-sql1", lastBackupQuery, sql.Named("p1", "mgc")).Scalar()))
}

// copiedNotRestored ships message 1 (restored on dc2-sql1) and message 2,
// whose log backup is copied but not restored; it returns that file.
func (s *shipping) copiedNotRestored(t *testing.T) string {
	t.Helper()
	s.insert(t, 1, "restored")
	s.backup(t)
	s.job(t, "dc2-sql1", "Copy", "Succeeded")
	s.job(t, "dc2-sql1", "Restore", "Succeeded")
	s.insert(t, 2, "copied")
	copied := s.backup(t)
	s.job(t, "dc2-sql1", "Copy", "Succeeded")
	return copied
}

// recover runs Invoke-PcLogShippingRecovery on dc2-sql1 with extra
// arguments.
func (s *shipping) recover(t *testing.T, kv ...any) result {
	t.Helper()
	args := append([]any{"SqlInstance", "dc2-sql1", "Database", "mgc", "PollEvery", 20 * time.Millisecond,
		"JobTimeout", 20 * time.Second, "Settle", 100 * time.Millisecond}, kv...)
	return invoke(t, s.sess, s.host, "Invoke-PcLogShippingRecovery", force, args...)
}

// state returns mgc's state_desc on an instance.
func (s *shipping) state(t *testing.T, instance string) string {
	t.Helper()
	return str(s.sql(t, instance, "SELECT state_desc FROM sys.databases WHERE name = N'mgc'").Scalar())
}

// ids returns the chat ids on the recovered secondary.
func (s *shipping) ids(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, r := range s.sql(t, "dc2-sql1", "SELECT id FROM [mgc].dbo.chat").First().Rows {
		out = append(out, fmt.Sprint(r[0]))
	}
	slices.Sort(out)
	return out
}

// lastLog returns the LastRestoredLog object of a run.
func lastLog(t *testing.T, r result) *cmdlet.Object {
	t.Helper()
	if len(r.objs) == 0 || r.objs[len(r.objs)-1].TypeName != "LastRestoredLog" {
		t.Fatalf("no LastRestoredLog last: %v\n%s", r.objs, r.host)
	}
	return r.objs[len(r.objs)-1]
}

// wantLastLog checks the reported last restored log backup.
func wantLastLog(t *testing.T, o *cmdlet.Object, outcome, file string, tail bool) {
	t.Helper()
	if prop(o, "Outcome") != outcome || filepath.Base(prop(o, "File")) != file || prop(o, "TailLog") != fmt.Sprint(tail) ||
		prop(o, "LastLSN") == "" || prop(o, "FirstLSN") == "" {
		t.Fatalf("LastRestoredLog: outcome %s file %s tail %s LSNs %s-%s; want %s %s %v", prop(o, "Outcome"), prop(o, "File"),
			prop(o, "TailLog"), prop(o, "FirstLSN"), prop(o, "LastLSN"), outcome, file, tail)
	}
	if v, _ := o.Get("BackupFinishDate"); v.(time.Time).IsZero() {
		t.Fatalf("LastRestoredLog without its backup time: %v", o)
	}
}

// TestE2ERecoveryShareUnreachable: DC2 is cut off from the share while
// one log backup is copied but not restored and another is only on the
// share. Without -FromCopyDirectory the recovery stops, naming it, and
// leaves mgc RESTORING; re-run with it, mgc is recovered from the copy
// directory (the copied backup restored, the share's lost) and the last
// restored log backup is reported; a third run says it is already done.
func TestE2ERecoveryShareUnreachable(t *testing.T) {
	s := newShipping(t)
	copied := s.copiedNotRestored(t)
	s.insert(t, 3, "only on the share")
	s.backup(t)
	s.link.cut.Store(true)

	r := s.recover(t, "AllowDataLoss", true)
	if errorID(r.err) != "BackupShareUnreachable" || !strings.Contains(cmdlet.AsRecord(r.err).Hint, "-FromCopyDirectory") ||
		!strings.Contains(r.err.Error(), "53(The network path was not found.)") {
		t.Fatalf("without -FromCopyDirectory: %v\n%s", r.err, r.host)
	}
	if st := s.state(t, "dc2-sql1"); st != "RESTORING" {
		t.Fatalf("after the refused run mgc is %s", st)
	}

	r = s.recover(t, "AllowDataLoss", true, "FromCopyDirectory", true)
	if r.err != nil {
		t.Fatalf("-FromCopyDirectory: %v\n%s", r.err, r.host)
	}
	if !strings.Contains(r.host, "cannot reach the backup share") || !strings.Contains(r.host, "may be lost") {
		t.Errorf("warnings:\n%s", r.host)
	}
	if st, ids := s.state(t, "dc2-sql1"), s.ids(t); st != "ONLINE" || !slices.Equal(ids, []string{"1", "2"}) {
		t.Fatalf("after recovery: %s, ids %v", st, ids)
	}
	wantLastLog(t, lastLog(t, r), "Recovered", copied, false)

	r = s.recover(t)
	if r.err != nil {
		t.Fatalf("re-run: %v\n%s", r.err, r.host)
	}
	wantLastLog(t, lastLog(t, r), "AlreadyRecovered", copied, false)
	if len(r.objs) != 1 {
		t.Fatalf("the re-run did something: %v", r.objs)
	}
}

// TestE2ERecoveryPrimaryReachable: with the primary answering and mgc
// ONLINE there, no -AllowDataLoss is needed: the tail is backed up WITH
// NORECOVERY, shipped and restored, nothing committed is lost, and the
// last restored log is the tail. A re-run (the primary now RESTORING)
// reports it done, still without -AllowDataLoss.
func TestE2ERecoveryPrimaryReachable(t *testing.T) {
	s := newShipping(t)
	s.insert(t, 1, "shipped")
	s.backup(t)
	s.job(t, "dc2-sql1", "Copy", "Succeeded")
	s.job(t, "dc2-sql1", "Restore", "Succeeded")
	s.insert(t, 2, "in the tail")

	r := s.recover(t, "PrimaryInstance", "dc1-sql1")
	if r.err != nil {
		t.Fatalf("recovery: %v\n%s", r.err, r.host)
	}
	if st, ids := s.state(t, "dc2-sql1"), s.ids(t); st != "ONLINE" || !slices.Equal(ids, []string{"1", "2"}) {
		t.Fatalf("after recovery: %s, ids %v", st, ids)
	}
	if st := s.state(t, "dc1-sql1"); st != "RESTORING" {
		t.Fatalf("the primary after the tail-log backup: %s", st)
	}
	o := lastLog(t, r)
	wantLastLog(t, o, "Recovered", filepath.Base(prop(o, "File")), true)
	if strings.Contains(r.host, "may be lost") {
		t.Errorf("a loss warning with the tail restored:\n%s", r.host)
	}

	r = s.recover(t, "PrimaryInstance", "dc1-sql1")
	if r.err != nil {
		t.Fatalf("re-run: %v\n%s", r.err, r.host)
	}
	wantLastLog(t, lastLog(t, r), "AlreadyRecovered", filepath.Base(prop(o, "File")), false)
}

// TestE2ERecoveryAfterRegistrationRemoved: the admin followed R3 step 1
// by hand (sp_delete_log_shipping_secondary_database, which deletes the
// copy and restore jobs) with one log backup copied but not restored.
// The recovery restores it from the copy directory, recovers, and
// reports it as the last restored log.
func TestE2ERecoveryAfterRegistrationRemoved(t *testing.T) {
	s := newShipping(t)
	copied := s.copiedNotRestored(t)
	s.sql(t, "dc2-sql1", "EXEC master.dbo.sp_delete_log_shipping_secondary_database @secondary_database = N'mgc'")

	r := s.recover(t, "AllowDataLoss", true)
	if r.err != nil {
		t.Fatalf("recovery: %v\n%s", r.err, r.host)
	}
	if !strings.Contains(r.host, "no longer registered as a log shipping secondary") {
		t.Errorf("warnings:\n%s", r.host)
	}
	if st, ids := s.state(t, "dc2-sql1"), s.ids(t); st != "ONLINE" || !slices.Equal(ids, []string{"1", "2"}) {
		t.Fatalf("after recovery: %s, ids %v", st, ids)
	}
	wantLastLog(t, lastLog(t, r), "Recovered", copied, false)
}
