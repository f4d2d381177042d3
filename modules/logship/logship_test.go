package logship

import (
	"slices"
	"strings"
	"testing"
	"time"

	"pcsh/modules/connection"
	"pcsh/runtime/cmdlet"
)

// primaryOK answers the pre-flight read: mgc ONLINE in FULL recovery.
func primaryOK(f *fakeSQL, inst string) {
	f.on(inst, dbStateQuery, rows([]any{"FULL", "ONLINE", false}))
}

// TestNewRunsDocumentedOrder: the steps run in SQL Server's documented
// order on the right instances, values as parameters.
func TestNewRunsDocumentedOrder(t *testing.T) {
	f := newFake()
	primaryOK(f, "dc1-sql1")
	s, h := f.session()
	r := invoke(t, s, h, "New-PcLogShipping", force, "PrimaryInstance", "dc1-sql1", "SecondaryInstance", []any{"dc2-sql1"},
		"Database", "mgc", "BackupShare", `\\fs1\logs`, "CopyDirectory", `D:\copy`, "AllowDataLoss", true)
	if r.err != nil || len(r.errs) > 0 {
		t.Fatalf("err %v %v", r.err, r.errs)
	}
	var got []string
	for _, l := range f.log {
		inst, q, _ := strings.Cut(l, ": ")
		if strings.HasPrefix(q, "SELECT") {
			continue
		}
		w := strings.Fields(q)
		got = append(got, inst+" "+w[0]+" "+w[1])
	}
	want := []string{"dc1-sql1 BACKUP DATABASE", "dc2-sql1 RESTORE DATABASE",
		"dc1-sql1 EXEC master.dbo.sp_add_log_shipping_primary_database", "dc1-sql1 EXEC msdb.dbo.sp_add_jobschedule",
		"dc1-sql1 EXEC master.dbo.sp_add_log_shipping_alert_job", "dc1-sql1 EXEC msdb.dbo.sp_update_job",
		"dc2-sql1 EXEC master.dbo.sp_add_log_shipping_secondary_primary", "dc2-sql1 EXEC msdb.dbo.sp_add_jobschedule",
		"dc2-sql1 EXEC msdb.dbo.sp_add_jobschedule", "dc2-sql1 EXEC master.dbo.sp_add_log_shipping_secondary_database",
		"dc2-sql1 EXEC master.dbo.sp_add_log_shipping_alert_job", "dc1-sql1 EXEC master.dbo.sp_add_log_shipping_primary_secondary",
		"dc2-sql1 EXEC msdb.dbo.sp_update_job", "dc2-sql1 EXEC msdb.dbo.sp_update_job"}
	if !slices.Equal(got, want) {
		t.Fatalf("order:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(r.objs) != len(want) || prop(r.objs[0], "Status") != "Done" {
		t.Fatalf("results: %d", len(r.objs))
	}
	if b := f.batches("REPLACE"); len(b) != 1 || !strings.Contains(b[0], "WITH NORECOVERY, REPLACE") {
		t.Fatalf("-AllowDataLoss should REPLACE: %v", b)
	}
}

// TestNewWhatIfNeverConnects: -WhatIf prints the statements and sends
// nothing, not even the pre-flight reads.
func TestNewWhatIfNeverConnects(t *testing.T) {
	f := newFake()
	s, h := f.session()
	r := invoke(t, s, h, "New-PcLogShipping", whatIf, "PrimaryInstance", "dc1-sql1", "SecondaryInstance", []any{"dc2-sql1"},
		"Database", "mgc'x", "BackupShare", `\\fs1\logs`, "CopyDirectory", `D:\copy`, "Initialize", "None")
	if r.err != nil || len(f.log) != 0 {
		t.Fatalf("err %v, sent %v", r.err, f.log)
	}
	if !strings.Contains(r.host, `@database = @p1`) || !strings.Contains(r.host, `DECLARE @p1 nvarchar(5) = N'mgc''x';`) {
		t.Fatalf("what-if:\n%s", r.host)
	}
}

// TestNewRefusesSimpleRecovery: a SIMPLE primary is refused before any
// change (32015; dbatools issue 2430).
func TestNewRefusesSimpleRecovery(t *testing.T) {
	f := newFake().on("dc1-sql1", dbStateQuery, rows([]any{"SIMPLE", "ONLINE", false}))
	s, h := f.session()
	r := invoke(t, s, h, "New-PcLogShipping", force, "PrimaryInstance", "dc1-sql1", "SecondaryInstance", []any{"dc2-sql1"},
		"Database", "mgc", "BackupShare", `\\fs1\logs`, "CopyDirectory", `D:\copy`)
	if errorID(r.err) != "RecoveryModelSimple" || len(f.batches("EXEC")) != 0 {
		t.Fatalf("err %v, log %v", r.err, f.log)
	}
}

// TestNewNoneNeedsRestoringSecondary: -Initialize None on an ONLINE
// secondary database is the wrong role.
func TestNewNoneNeedsRestoringSecondary(t *testing.T) {
	f := newFake()
	primaryOK(f, "dc1-sql1")
	f.on("dc2-sql1", dbStateQuery, rows([]any{"FULL", "ONLINE", false}))
	s, h := f.session()
	r := invoke(t, s, h, "New-PcLogShipping", force, "PrimaryInstance", "dc1-sql1", "SecondaryInstance", []any{"dc2-sql1"},
		"Database", "mgc", "BackupShare", `\\fs1\logs`, "CopyDirectory", `D:\copy`, "Initialize", "None")
	if errorID(r.err) != "WrongDatabaseRole" || !strings.Contains(r.err.Error(), "is ONLINE") {
		t.Fatalf("err %v", r.err)
	}
}

// TestNewUnreachablePrimary: a primary that does not answer fails the
// pre-flight check with the connection's record.
func TestNewUnreachablePrimary(t *testing.T) {
	f := newFake()
	f.down["dc1-sql1"] = true
	s, h := f.session()
	r := invoke(t, s, h, "New-PcLogShipping", force, "PrimaryInstance", "dc1-sql1", "SecondaryInstance", []any{"dc2-sql1"},
		"Database", "mgc", "BackupShare", `\\fs1\logs`, "CopyDirectory", `D:\copy`)
	if errorID(r.err) != "SqlConnectionFailed" || !strings.Contains(r.err.Error(), "Pre-flight check on dc1-sql1") {
		t.Fatalf("err %v", r.err)
	}
}

// TestMirrorSourceRunsPrimaryHalfOnly: only primary-side procedures, on
// the mirror.
func TestMirrorSourceRunsPrimaryHalfOnly(t *testing.T) {
	f := newFake().on("dc1-sql2", dbStateQuery, rows([]any{"FULL", "RESTORING", false}))
	s, h := f.session()
	r := invoke(t, s, h, "Add-PcLogShippingMirrorSource", force, "MirrorInstance", "dc1-sql2", "SecondaryInstance", []any{"dc2-sql1"},
		"Database", "mgc", "BackupShare", `\\fs1\logs`)
	if r.err != nil {
		t.Fatal(r.err)
	}
	if len(f.batches("dc2-sql1")) != 0 || len(f.batches("sp_add_log_shipping_secondary")) != 0 {
		t.Fatalf("touched the secondary side: %v", f.log)
	}
	if len(f.batches("sp_add_log_shipping_primary_secondary")) != 1 || len(f.batches("sp_update_job")) != 1 {
		t.Fatalf("log %v", f.log)
	}
}

// TestRemoveToleratesHalfConfigured: missing parts are NotFound, the
// rest still runs, in the documented order.
func TestRemoveToleratesHalfConfigured(t *testing.T) {
	f := newFake().on("dc2-sql1", "sp_delete_log_shipping_secondary_database", sqlErr(32014, "Database mgc does not exist as log shipping secondary.")).
		on("dc1-sql1", "sp_delete_log_shipping_primary_database", sqlErr(32010, "Database mgc does not exist as log shipping primary."))
	s, h := f.session()
	r := invoke(t, s, h, "Remove-PcLogShipping", force, "PrimaryInstance", "dc1-sql1", "SecondaryInstance", []any{"dc2-sql1"}, "Database", "mgc")
	if r.err != nil {
		t.Fatal(r.err)
	}
	var st []string
	for _, o := range r.objs {
		st = append(st, prop(o, "Status"))
	}
	if !slices.Equal(st, []string{"Done", "NotFound", "Done", "NotFound"}) {
		t.Fatalf("statuses %v", st)
	}
	if !strings.Contains(r.host, "warning: Remove the log shipping secondary database on dc2-sql1: nothing to remove") {
		t.Fatalf("host:\n%s", r.host)
	}
}

// TestRemovePrimaryOnly: -PrimaryOnly unregisters the secondary and
// removes the primary database on the primary, in that order, and sends
// nothing to the secondary; with -RemoveSecondaryDatabase it is refused
// before anything runs.
func TestRemovePrimaryOnly(t *testing.T) {
	f := newFake()
	s, h := f.session()
	r := invoke(t, s, h, "Remove-PcLogShipping", force, "PrimaryInstance", "dc1-sql1", "SecondaryInstance", []any{"dc2-sql1"},
		"Database", "mgc", "PrimaryOnly", true)
	if r.err != nil {
		t.Fatal(r.err)
	}
	var steps []string
	for _, o := range r.objs {
		steps = append(steps, prop(o, "SqlInstance")+" "+prop(o, "Step"))
	}
	want := []string{"dc1-sql1 Unregister the secondary dc2-sql1", "dc1-sql1 Remove the log shipping primary database"}
	if !slices.Equal(steps, want) || len(f.batches("sp_delete_log_shipping_secondary")) != 0 {
		t.Fatalf("steps %v, log %v", steps, f.log)
	}
	f = newFake()
	s, h = f.session()
	r = invoke(t, s, h, "Remove-PcLogShipping", force, "PrimaryInstance", "dc1-sql1", "SecondaryInstance", []any{"dc2-sql1"},
		"Database", "mgc", "PrimaryOnly", true, "RemoveSecondaryDatabase", true, "AllowDataLoss", true)
	if errorID(r.err) != "PrimaryOnlyDropsNothing" || len(f.batches("sp_delete")) != 0 {
		t.Fatalf("err %v log %v", r.err, f.log)
	}
}

// TestRemoveNeedsForce: removing a setup is refused without -Force.
func TestRemoveNeedsForce(t *testing.T) {
	f := newFake()
	s, h := f.session()
	r := invoke(t, s, h, "Remove-PcLogShipping", nil, "PrimaryInstance", "dc1-sql1", "SecondaryInstance", []any{"dc2-sql1"}, "Database", "mgc")
	if errorID(r.err) != "ForceRequired" || len(f.log) != 0 {
		t.Fatalf("err %v log %v", r.err, f.log)
	}
}

// jobsFinish makes every started job report an outcome row.
func jobsFinish(f *fakeSQL, inst string, status int64, msg string) {
	f.on(inst, "EXEC msdb.dbo.sp_start_job", rows([]any{"job-guid", int64(7)}))
	f.on(inst, jobOutcomeQuery, rows([]any{status, msg}))
}

// registered answers the secondary's log shipping registration.
func registered(f *fakeSQL, inst string) {
	f.on(inst, secondaryConfigQuery, rows([]any{`D:\copy`, `\\fs1\logs`}))
}

// TestRecoveryOrder: kill, tail WITH NORECOVERY on the primary, no
// delay, copy and restore jobs, tail check, kill, unregister, recover,
// and the last restored log (the tail). The primary answers with mgc
// ONLINE, so nothing is lost and -AllowDataLoss is not needed.
func TestRecoveryOrder(t *testing.T) {
	f := newFake()
	f.on("dc2-sql1", dbStateQuery, rows([]any{"FULL", "RESTORING", false}))
	registered(f, "dc2-sql1")
	primaryOK(f, "dc1-sql1")
	jobsFinish(f, "dc2-sql1", 1, "The job succeeded.")
	f.on("dc2-sql1", lastRestoredQuery, rows([]any{`D:\copy\mgc_20240101000001.trn`}))
	s, h := f.session()
	r := invoke(t, s, h, "Invoke-PcLogShippingRecovery", force, "SqlInstance", "dc2-sql1", "Database", "mgc", "PrimaryInstance", "dc1-sql1",
		"PollEvery", time.Millisecond, "Settle", time.Millisecond)
	if r.err != nil || len(r.errs) > 0 {
		t.Fatalf("err %v %v\n%s", r.err, r.errs, strings.Join(f.log, "\n"))
	}
	var got []string
	for _, o := range r.objs {
		got = append(got, prop(o, "SqlInstance")+" "+prop(o, "Step")+prop(o, "Job"))
	}
	want := []string{"dc2-sql1 End the sessions using the database", "dc1-sql1 Disable the backup job",
		"dc1-sql1 Back up the tail of the log", "dc2-sql1 Restore every copied file without delay",
		"dc2-sql1 Disable the copy and restore jobs", "dc2-sql1 Copy",
		"dc2-sql1 Restore", "dc2-sql1 End the sessions using the database", "dc2-sql1 Remove the log shipping secondary database",
		"dc2-sql1 Recover the database", "dc2-sql1 "}
	if !slices.Equal(got, want) {
		t.Fatalf("steps:\n%s", strings.Join(got, "\n"))
	}
	if b := f.batches("BACKUP LOG [mgc]"); len(b) != 1 || !strings.Contains(b[0], "WITH NORECOVERY") {
		t.Fatalf("tail: %v", b)
	}
}

// TestRecoveryStopsOnBrokenChain: a restore job that fails (4305, the
// LSN chain is broken) stops before RESTORE … WITH RECOVERY.
func TestRecoveryStopsOnBrokenChain(t *testing.T) {
	f := newFake()
	f.on("dc2-sql1", dbStateQuery, rows([]any{"FULL", "RESTORING", false}))
	registered(f, "dc2-sql1")
	jobsFinish(f, "dc2-sql1", 0, "Msg 4305: The log in this backup set begins at LSN 42, which is too recent to apply to the database.")
	s, h := f.session()
	r := invoke(t, s, h, "Invoke-PcLogShippingRecovery", force, "SqlInstance", "dc2-sql1", "Database", "mgc", "AllowDataLoss", true, "PollEvery", time.Millisecond)
	if errorID(r.err) != "RecoveryStopped" || !strings.Contains(r.err.Error(), "4305") {
		t.Fatalf("err %v", r.err)
	}
	if len(f.batches("WITH RECOVERY")) != 0 || len(f.batches("sp_delete_log_shipping_secondary_database")) != 0 {
		t.Fatalf("recovered anyway: %v", f.log)
	}
	if !strings.Contains(r.host, "No tail-log backup: no -PrimaryInstance was given") {
		t.Fatalf("host:\n%s", r.host)
	}
}

// TestRecoveryWrongRole: an ONLINE database is not a secondary.
func TestRecoveryWrongRole(t *testing.T) {
	f := newFake().on("dc2-sql1", dbStateQuery, rows([]any{"FULL", "ONLINE", false}))
	s, h := f.session()
	r := invoke(t, s, h, "Invoke-PcLogShippingRecovery", force, "SqlInstance", "dc2-sql1", "Database", "mgc", "AllowDataLoss", true)
	if errorID(r.err) != "WrongDatabaseRole" || len(f.batches("EXEC")) != 0 {
		t.Fatalf("err %v log %v", r.err, f.log)
	}
}

// TestRecoveryPrimaryUnreachable: the tail is skipped with a warning and
// the rest goes on.
func TestRecoveryPrimaryUnreachable(t *testing.T) {
	f := newFake()
	f.down["dc1-sql1"] = true
	f.on("dc2-sql1", dbStateQuery, rows([]any{"FULL", "RESTORING", false}))
	registered(f, "dc2-sql1")
	jobsFinish(f, "dc2-sql1", 1, "ok")
	s, h := f.session()
	r := invoke(t, s, h, "Invoke-PcLogShippingRecovery", force, "SqlInstance", "dc2-sql1", "Database", "mgc", "AllowDataLoss", true, "PrimaryInstance", "dc1-sql1",
		"PollEvery", time.Millisecond)
	if r.err != nil {
		t.Fatal(r.err)
	}
	if !strings.Contains(r.host, "No tail-log backup: the primary dc1-sql1 is not reachable") || len(f.batches("RESTORE DATABASE [mgc] WITH RECOVERY")) != 1 {
		t.Fatalf("host:\n%s\nlog %v", r.host, f.log)
	}
}

// TestStartJobNotFound: 50000 from the lookup batch becomes JobNotFound.
func TestStartJobNotFound(t *testing.T) {
	f := newFake().on("*", "sp_start_job", sqlErr(50000, "The database has no log shipping job of this kind on this instance."))
	s, h := f.session()
	r := invoke(t, s, h, "Start-PcLogShippingJob", nil, "SqlInstance", "dc1-sql1", "Database", "mgc", "Job", "Copy")
	if errorID(r.err) != "JobNotFound" {
		t.Fatalf("err %v", r.err)
	}
}

// TestStartJobWaitTimeout: no outcome row within -Timeout.
func TestStartJobWaitTimeout(t *testing.T) {
	f := newFake().on("*", "sp_start_job", rows([]any{"job-guid", nil}))
	s, h := f.session()
	start := time.Now()
	s.Now = time.Now
	r := invoke(t, s, h, "Start-PcLogShippingJob", nil, "SqlInstance", "dc1-sql1", "Database", "mgc", "Job", "Backup",
		"Wait", true, "Timeout", 30*time.Millisecond, "PollEvery", 5*time.Millisecond)
	if errorID(r.err) != "JobTimeout" || time.Since(start) > 2*time.Second {
		t.Fatalf("err %v", r.err)
	}
}

// TestStatusVerdicts: the thresholds and reasons.
func TestStatusVerdicts(t *testing.T) {
	n := func(v int64) *int64 { return &v }
	for _, c := range []struct {
		s    LogShippingStatus
		want string
	}{
		{LogShippingStatus{Role: "Primary", MinutesSinceBackup: n(5), ThresholdMinutes: 60, AlertEnabled: true}, Healthy},
		{LogShippingStatus{Role: "Primary", MinutesSinceBackup: n(50), ThresholdMinutes: 60, AlertEnabled: true}, Warning},
		{LogShippingStatus{Role: "Primary", MinutesSinceBackup: n(60), ThresholdMinutes: 60, AlertEnabled: true}, Critical},
		{LogShippingStatus{Role: "Primary", ThresholdMinutes: 60, AlertEnabled: true}, Critical},
		{LogShippingStatus{Role: "Primary", MinutesSinceBackup: n(5), ThresholdMinutes: 60}, Warning},
		{LogShippingStatus{Role: "Secondary", MinutesSinceRestore: n(5), MinutesSinceCopy: n(50), ThresholdMinutes: 45, AlertEnabled: true}, Warning},
		{LogShippingStatus{Role: "Secondary", MinutesSinceRestore: n(5), MinutesSinceCopy: n(5), LatencyMinutes: n(50), ThresholdMinutes: 45, AlertEnabled: true}, Warning},
		{LogShippingStatus{Role: "Secondary", MinutesSinceRestore: n(5), MinutesSinceCopy: n(5), LatencyMinutes: n(1), ThresholdMinutes: 45, AlertEnabled: true}, Healthy},
		{LogShippingStatus{Role: "Primary", ThresholdMinutes: 60, AlertEnabled: true, MirroringRole: "MIRROR"}, Standby},
		{LogShippingStatus{Role: "Primary", MinutesSinceBackup: n(90), ThresholdMinutes: 60, MirroringRole: "MIRROR"}, Standby},
		{LogShippingStatus{Role: "Primary", ThresholdMinutes: 60, AlertEnabled: true, MirroringRole: "PRINCIPAL"}, Critical},
		{LogShippingStatus{Role: "Primary", MinutesSinceBackup: n(60), ThresholdMinutes: 60, AlertEnabled: true, MirroringRole: "PRINCIPAL"}, Critical},
	} {
		s := c.s
		s.judge()
		if s.Verdict != c.want || s.Reason == "" {
			t.Errorf("%+v: %s (%s), want %s", c.s, s.Verdict, s.Reason, c.want)
		}
	}
}

// TestStatusReasonGrammar: one minute is singular, others plural.
func TestStatusReasonGrammar(t *testing.T) {
	for age, want := range map[int64]string{1: "was 1 minute ago (threshold 60)", 0: "was 0 minutes ago", 2: "was 2 minutes ago"} {
		s := LogShippingStatus{Role: "Primary", MinutesSinceBackup: &age, ThresholdMinutes: 60, AlertEnabled: true}
		s.judge()
		if !strings.Contains(s.Reason, want) {
			t.Errorf("age %d: %q, want %q", age, s.Reason, want)
		}
	}
	one := int64(1)
	s := LogShippingStatus{Role: "Secondary", MinutesSinceRestore: &one, MinutesSinceCopy: &one, LatencyMinutes: &one,
		ThresholdMinutes: 1, AlertEnabled: true}
	if s.judge(); !strings.Contains(s.Reason, "1 minute ago") {
		t.Errorf("restore: %q", s.Reason)
	}
}

// TestStatusMirrorIsStandby: on the principal's mirror, whose primary
// database is the mirroring MIRROR and has never backed up, the status is
// Standby, not Critical; the principal with no backup stays Critical; a
// monitor row of another server does not take this instance's role.
func TestStatusMirrorIsStandby(t *testing.T) {
	monitor := func(server, role string) handler {
		return func(string, []any) (*connection.Result, error) {
			return &connection.Result{Sets: []connection.ResultSet{
				{Rows: [][]any{{server, "mgc", int64(60), true, nil, nil, nil}}}, {},
				{Rows: [][]any{{"DC1-SQL2", "mgc", role}}}}}, nil
		}
	}
	f := newFake().on("dc1-sql2", "log_shipping_monitor_primary", monitor("DC1-SQL2", "MIRROR")).
		on("dc1-sql1", "log_shipping_monitor_primary", monitor("DC1-SQL1", "MIRROR")).
		on("dc1-sql3", "log_shipping_monitor_primary", monitor("DC1-SQL2", "PRINCIPAL"))
	s, h := f.session()
	r := invoke(t, s, h, "Get-PcLogShippingStatus", nil, "SqlInstance", []any{"dc1-sql2", "dc1-sql1", "dc1-sql3"})
	if len(r.objs) != 3 || r.err != nil {
		t.Fatalf("objs %v err %v", r.objs, r.err)
	}
	for i, want := range []string{Standby, Critical, Critical} {
		if got := prop(r.objs[i], "Verdict"); got != want {
			t.Errorf("%s: %s (%s), want %s", prop(r.objs[i], "SqlInstance"), got, prop(r.objs[i], "Reason"), want)
		}
	}
	if !strings.Contains(prop(r.objs[0], "Reason"), "MIRROR") || prop(r.objs[0], "MirroringRole") != "MIRROR" {
		t.Errorf("standby: %s %s", prop(r.objs[0], "MirroringRole"), prop(r.objs[0], "Reason"))
	}
}

// TestStatusUnreachable: an instance that does not answer is Critical
// and a non-terminating error; the others are still read.
func TestStatusUnreachable(t *testing.T) {
	f := newFake()
	f.down["dc1-sql1"] = true
	f.on("dc2-sql1", "log_shipping_monitor_primary", func(string, []any) (*connection.Result, error) {
		return &connection.Result{Sets: []connection.ResultSet{{}, {Rows: [][]any{{"DC2-SQL1", "mgc", "DC1-SQL1", int64(45), true,
			"a.trn", time.Now(), int64(3), "a.trn", time.Now(), int64(4), int64(6)}}}}}, nil
	})
	s, h := f.session()
	r := invoke(t, s, h, "Get-PcLogShippingStatus", nil, "SqlInstance", []any{"dc1-sql1", "dc2-sql1"})
	if len(r.objs) != 2 || prop(r.objs[0], "Verdict") != Critical || prop(r.objs[1], "Verdict") != Healthy || len(r.errs) != 1 {
		t.Fatalf("objs %v errs %v", r.objs, r.errs)
	}
	// What did not happen has no time: nothing on the unreachable
	// instance, no backup on the secondary.
	for _, c := range []struct {
		o    *cmdlet.Object
		name string
	}{{r.objs[0], "LastBackupTime"}, {r.objs[0], "LastRestoredTime"}, {r.objs[1], "LastBackupTime"}} {
		if v, _ := c.o.Get(c.name); v != nil {
			t.Errorf("%s %s = %v, want nil", prop(c.o, "SqlInstance"), c.name, v)
		}
	}
	if v, _ := r.objs[1].Get("LastRestoredTime"); v == nil {
		t.Error("the secondary's restore time is missing")
	}
}

// TestResourceShareNotReachable: a share the instance cannot open (OS
// error 5) is a failed Share check; the other checks still run.
func TestResourceShareNotReachable(t *testing.T) {
	f := newFake().on("*", serverQuery, rows([]any{"DC1-SQL1", "11.0.5058.0", "Enterprise Edition (64-bit)"})).
		on("*", dbStateQuery, rows([]any{"FULL", "ONLINE", false})).
		on("*", endpointQuery, rows([]any{"Mirroring", "STARTED", int64(5022)})).
		on("*", reachQuery, sqlErr(3201, "Cannot open backup device '\\\\fs1\\logs\\pcsh_probe_dc1-sql1.bak'. Operating system error 5(Access is denied.).")).
		on("*", agentQuery, rows([]any{"Running"}))
	s, h := f.session()
	r := invoke(t, s, h, "Test-PcResource", nil, "SqlInstance", []any{"dc1-sql1"}, "BackupShare", `\\fs1\logs`)
	got := map[string]string{}
	for _, o := range r.objs {
		got[prop(o, "Check")] = prop(o, "Verdict")
	}
	want := map[string]string{"Reachable": "Pass", "Version": "Pass", "Edition": "Pass", "RecoveryModel": "Pass",
		"Endpoint": "Skipped", "Share": "Fail", "Agent": "Pass"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %s, want %s", k, got[k], v)
		}
	}
}

// TestResourceProbesWriteNothing: Test-PcResource is read-only. The share
// and the copy directory are reached through RESTORE LABELONLY of a file
// that is not there (OS error 2), and the detail names what msdb says the
// instance last wrote there; no batch changes anything.
func TestResourceProbesWriteNothing(t *testing.T) {
	written := time.Date(2024, 1, 1, 10, 30, 0, 0, time.UTC)
	notFound := sqlErr(3201, "Cannot open backup device 'x'. Operating system error 2(The system cannot find the file specified.).")
	f := newFake().on("*", serverQuery, rows([]any{"X", "11.0.5058.0", "Enterprise Edition (64-bit)"})).
		on("*", dbStateQuery, rows([]any{"FULL", "ONLINE", false})).
		on("*", reachQuery, notFound).
		on("dc1-sql1", "backupmediafamily", rows([]any{`\\fs1\logs\mgc_20240101103000.trn`, written})).
		on("dc2-sql1", "log_shipping_monitor_secondary", rows([]any{`D:\LSCopy\mgc_20240101103000.trn`, written})).
		on("*", agentQuery, rows([]any{"Running"}))
	s, h := f.session()
	r := invoke(t, s, h, "Test-PcResource", nil, "SqlInstance", []any{"dc1-sql1", "dc2-sql1"}, "BackupShare", `\\fs1\logs`,
		"CopyDirectory", `D:\LSCopy`)
	got := map[string]string{}
	for _, o := range r.objs {
		got[prop(o, "SqlInstance")+" "+prop(o, "Check")] = prop(o, "Verdict") + ": " + prop(o, "Detail")
	}
	for k, want := range map[string]string{
		"dc1-sql1 Share":         `Pass: dc1-sql1 reaches \\fs1\logs and last wrote \\fs1\logs\mgc_20240101103000.trn there at 2024-01-01 10:30:00.`,
		"dc1-sql1 CopyDirectory": `Warning: dc1-sql1 reaches D:\LSCopy, but its write access is not proven: msdb shows nothing it wrote there yet (its first log backup or copy will; Test-PcResource writes nothing).`,
		"dc2-sql1 Share":         `Warning: dc2-sql1 reaches \\fs1\logs, but its write access is not proven: msdb shows nothing it wrote there yet (its first log backup or copy will; Test-PcResource writes nothing).`,
		"dc2-sql1 CopyDirectory": `Pass: dc2-sql1 reaches D:\LSCopy and last wrote D:\LSCopy\mgc_20240101103000.trn there at 2024-01-01 10:30:00.`,
	} {
		if got[k] != want {
			t.Errorf("%s = %q\nwant %q", k, got[k], want)
		}
	}
	if len(r.objs) != 16 {
		t.Errorf("%d results, want 8 per instance", len(r.objs))
	}
	for _, b := range f.batches("") {
		if strings.Contains(b, "BACKUP") || strings.Contains(b, "INSERT") || strings.Contains(b, "EXEC") {
			t.Errorf("a change was sent: %s", b)
		}
	}
	if got := f.batches(`LABELONLY`); len(got) != 4 {
		t.Errorf("reach tests: %q", got)
	}
}

// TestResourceLeftoverProbeFile: the probe backup an earlier pcsh wrote
// opens, so the directory is reached, and the check warns to delete it.
func TestResourceLeftoverProbeFile(t *testing.T) {
	f := newFake().on("*", serverQuery, rows([]any{"X", "11.0.5058.0", "Enterprise Edition (64-bit)"})).
		on("*", reachQuery, rows([]any{"MediaName"}))
	s, h := f.session()
	r := invoke(t, s, h, "Test-PcResource", nil, "SqlInstance", []any{"x"}, "BackupShare", `\\fs1\logs`)
	for _, o := range r.objs {
		if prop(o, "Check") == "Share" && (prop(o, "Verdict") != "Warning" || !strings.Contains(prop(o, "Detail"), `left its probe backup \\fs1\logs\pcsh_probe_x.bak; delete that file`)) {
			t.Fatalf("%s: %s", prop(o, "Verdict"), prop(o, "Detail"))
		}
	}
}

// TestResourceUnreachable: checks after Reachable are Skipped.
func TestResourceUnreachable(t *testing.T) {
	f := newFake()
	f.down["dc1-sql1"] = true
	s, h := f.session()
	r := invoke(t, s, h, "Test-PcResource", nil, "SqlInstance", []any{"dc1-sql1"})
	if len(r.objs) != 7 || prop(r.objs[0], "Verdict") != "Fail" || prop(r.objs[6], "Verdict") != "Skipped" {
		t.Fatalf("objs %v", r.objs)
	}
}

// TestResourceAgentFallback: without sys.dm_server_services (208) the
// SQLAgent sessions decide.
func TestResourceAgentFallback(t *testing.T) {
	f := newFake().on("*", serverQuery, rows([]any{"X", "16.0", "Developer Edition"})).
		on("*", agentQuery, sqlErr(208, "Invalid object name 'sys.dm_server_services'.")).
		on("*", agentSessions, rows([]any{int64(0)}))
	s, h := f.session()
	r := invoke(t, s, h, "Test-PcResource", nil, "SqlInstance", []any{"x"}, "SkipShareProbe", true)
	last := r.objs[len(r.objs)-1]
	if prop(last, "Check") != "Agent" || prop(last, "Verdict") != "Fail" {
		t.Fatalf("agent: %v", last)
	}
}

// TestProcRendering: identifiers and values never reach the text; the
// values travel as parameters (TestProcAction shows how -WhatIf prints them).
func TestProcRendering(t *testing.T) {
	st := Proc("master.dbo.sp_x", Arg{"database", "a'b]"}, Arg{"n", int64(3)}, Arg{"on", true})
	if st.SQL != "EXEC master.dbo.sp_x @database = @p1, @n = @p2, @on = @p3" {
		t.Fatal(st.SQL)
	}
	if s := (Schedule{Interval: 90 * time.Second}); func() int64 { t, _ := s.subday(); return t }() != 2 {
		t.Fatal("90 s should be seconds")
	}
}

// TestStartJobWaitsForScheduledRun: 22022 (a scheduled run holds the
// job) is retried until the job can start.
func TestStartJobWaitsForScheduledRun(t *testing.T) {
	f := newFake()
	busy := 2
	f.on("*", "sp_start_job", func(q string, a []any) (*connection.Result, error) {
		if busy > 0 {
			busy--
			return sqlErr(22022, "SQLServerAgent Error: Request to run job LSCopy_x_mgc (from User sa) refused because the job is already running.")(q, a)
		}
		return rows([]any{"job-guid", int64(1)})(q, a)
	})
	s, h := f.session()
	r := invoke(t, s, h, "Start-PcLogShippingJob", nil, "SqlInstance", "dc2-sql1", "Database", "mgc", "Job", "Copy", "PollEvery", time.Millisecond)
	if r.err != nil || len(r.objs) != 1 || prop(r.objs[0], "Outcome") != "Started" || len(f.batches("sp_start_job")) != 3 {
		t.Fatalf("err %v objs %v", r.err, r.objs)
	}
}

// TestNoSkipsOneStatement: a "no" to one statement skips that statement
// alone (no StepResult, not run) and the plan goes on with the next, as
// PowerShell's No does.
func TestNoSkipsOneStatement(t *testing.T) {
	f := newFake().on("dc1-sql2", dbStateQuery, rows([]any{"FULL", "RESTORING", false}))
	s, h := f.session()
	h.IsInteractive, h.Answers = true, []string{"y", "n", "a"}
	confirm := func(p *cmdlet.Prefs) { p.ConfirmImpact = cmdlet.ImpactLow }
	r := invoke(t, s, h, "Add-PcLogShippingMirrorSource", confirm, "MirrorInstance", "dc1-sql2", "SecondaryInstance", []any{"dc2-sql1"},
		"Database", "mgc", "BackupShare", `\\fs1\logs`)
	if r.err != nil {
		t.Fatal(r.err)
	}
	var steps []string
	for _, o := range r.objs {
		steps = append(steps, prop(o, "Step")+"="+prop(o, "Status"))
	}
	want := []string{"Add the log shipping primary database=Done", "Add the log shipping alert job=Done", "Enable the backup job=Done",
		"Register the secondary on the mirror=Done"}
	if !slices.Equal(steps, want) || len(f.batches("sp_add_jobschedule")) != 0 {
		t.Fatalf("steps %v, log %v", steps, f.log)
	}
}

// TestNoToAllStopsThePlan: No to All declines that statement and every
// later one without asking: the plan stops with ConfirmationDeclined.
func TestNoToAllStopsThePlan(t *testing.T) {
	f := newFake().on("dc1-sql2", dbStateQuery, rows([]any{"FULL", "RESTORING", false}))
	s, h := f.session()
	h.IsInteractive, h.Answers = true, []string{"y", "l", "y"}
	confirm := func(p *cmdlet.Prefs) { p.ConfirmImpact = cmdlet.ImpactLow }
	r := invoke(t, s, h, "Add-PcLogShippingMirrorSource", confirm, "MirrorInstance", "dc1-sql2", "SecondaryInstance", []any{"dc2-sql1"},
		"Database", "mgc", "BackupShare", `\\fs1\logs`)
	if errorID(r.err) != "ConfirmationDeclined" || len(r.objs) != 1 || strings.Count(r.host, "Are you sure") != 2 {
		t.Fatalf("err %v, objs %v\n%s", r.err, r.objs, r.host)
	}
}

// TestRemoveWithUncopiedFilesNeedsAllowDataLoss: a secondary that has not
// copied the newest log backup of the primary refuses the removal without
// -AllowDataLoss (-Force is not enough) and sends no change; with it, or
// once the copy caught up, the removal runs.
func TestRemoveWithUncopiedFilesNeedsAllowDataLoss(t *testing.T) {
	behind := func() *fakeSQL {
		return newFake().on("dc1-sql1", lastBackupQuery, rows([]any{`\\fs1\logs\mgc_20240101000300.trn`})).
			on("dc2-sql1", lastCopiedQuery, rows([]any{`D:\copy\mgc_20240101000100.trn`}))
	}
	f := behind()
	s, h := f.session()
	r := invoke(t, s, h, "Remove-PcLogShipping", force, "PrimaryInstance", "dc1-sql1", "SecondaryInstance", []any{"dc2-sql1"}, "Database", "mgc")
	if errorID(r.err) != "DataLossNotAllowed" || !strings.Contains(r.err.Error(), "dc2-sql1 has copied up to mgc_20240101000100.trn but the newest log backup is mgc_20240101000300.trn") {
		t.Fatalf("err %v", r.err)
	}
	if len(f.batches("sp_delete_log_shipping")) != 0 {
		t.Fatalf("sent a removal: %v", f.log)
	}
	f = behind()
	s, h = f.session()
	r = invoke(t, s, h, "Remove-PcLogShipping", force, "PrimaryInstance", "dc1-sql1", "SecondaryInstance", []any{"dc2-sql1"}, "Database", "mgc", "AllowDataLoss", true)
	if r.err != nil || len(f.batches("sp_delete_log_shipping")) != 4 {
		t.Fatalf("with -AllowDataLoss: %v %v", r.err, f.log)
	}
	f = newFake().on("dc1-sql1", lastBackupQuery, rows([]any{`\\fs1\logs\mgc_20240101000300.trn`})).
		on("dc2-sql1", lastCopiedQuery, rows([]any{`D:\copy\mgc_20240101000300.trn`}))
	s, h = f.session()
	if r = invoke(t, s, h, "Remove-PcLogShipping", force, "PrimaryInstance", "dc1-sql1", "SecondaryInstance", []any{"dc2-sql1"}, "Database", "mgc"); r.err != nil {
		t.Fatalf("caught up: %v", r.err)
	}
}
