package logship

import (
	"regexp"
	"strings"
	"testing"

	"pcsh/modules/lab/tsql"
)

// whatIfRE matches one -WhatIf write: the action text may span lines, the
// target may not.
var whatIfRE = regexp.MustCompile(`(?s)^host: What if: Performing the operation "(.*)" on target "([^"\n]*)"\.$`)

// TestNewWhatIfPrintsRunnableText: -WhatIf prints each batch as a script
// that runs as is: the UNC share path exactly as typed (no doubled
// backslashes), a DECLARE line of the driver's type for every parameter,
// and text the T-SQL parser accepts.
func TestNewWhatIfPrintsRunnableText(t *testing.T) {
	f := newFake()
	s, h := f.session()
	r := invoke(t, s, h, "New-PcLogShipping", whatIf, "PrimaryInstance", "dc1-sql1", "SecondaryInstance", []any{"dc2-sql1"},
		"Database", "mgc", "BackupShare", `\\fs.lab.local\pchatlogs`, "CopyDirectory", `D:\PChatLogCopy`)
	if r.err != nil || len(f.log) != 0 {
		t.Fatalf("err %v, sent %v", r.err, f.log)
	}
	want := `host: What if: Performing the operation "DECLARE @p1 nvarchar(52) = N'\\fs.lab.local\pchatlogs\mgc_full_20240101000000.bak';
BACKUP DATABASE [mgc] TO DISK = @p1 WITH INIT, STATS = 10" on target "dc1-sql1".`
	if !strings.HasPrefix(r.host, want+"\n") {
		t.Fatalf("first operation:\n%s\nwant:\n%s", r.host, want)
	}
	primary := `DECLARE @p1 nvarchar(3) = N'mgc';
DECLARE @p2 nvarchar(24) = N'\\fs.lab.local\pchatlogs';
DECLARE @p3 nvarchar(24) = N'\\fs.lab.local\pchatlogs';
DECLARE @p4 nvarchar(12) = N'LSBackup_mgc';
DECLARE @p5 bigint = 4320;
DECLARE @p6 bigint = 2;
DECLARE @p7 bigint = 60;
DECLARE @p8 bit = 1;
DECLARE @p9 bigint = 5760;
EXEC master.dbo.sp_add_log_shipping_primary_database @database = @p1, @backup_directory = @p2, @backup_share = @p3, ` +
		`@backup_job_name = @p4, @backup_retention_period = @p5, @backup_compression = @p6, @backup_threshold = @p7, ` +
		`@threshold_alert_enabled = @p8, @history_retention_period = @p9`
	if len(h.Lines) < 10 {
		t.Fatalf("%d operations in:\n%s", len(h.Lines), r.host)
	}
	found := false
	for _, line := range h.Lines {
		op := whatIfRE.FindStringSubmatch(line)
		if op == nil {
			t.Fatalf("not a What if line: %s", line)
		}
		found = found || op[1] == primary
		if strings.Contains(op[1], `\\\\`) || strings.Contains(op[1], "-- @p") {
			t.Errorf("not the text that is sent:\n%s", op[1])
		}
		if _, err := tsql.Parse(op[1]); err != nil {
			t.Errorf("does not parse: %v\n%s", err, op[1])
		}
	}
	if !found {
		t.Errorf("no operation is\n%s\nin:\n%s", primary, r.host)
	}
}

// TestProcAction: a procedure call's action declares each value with the
// type it is sent as, before the call.
func TestProcAction(t *testing.T) {
	st := Proc("master.dbo.sp_x", Arg{"database", "a'b]"}, Arg{"n", int64(3)}, Arg{"on", true})
	want := "DECLARE @p1 nvarchar(4) = N'a''b]';\nDECLARE @p2 bigint = 3;\nDECLARE @p3 bit = 1;\n" +
		"EXEC master.dbo.sp_x @database = @p1, @n = @p2, @on = @p3"
	if st.Action() != want {
		t.Fatalf("got\n%s\nwant\n%s", st.Action(), want)
	}
	if got := Batch("EXEC master.dbo.sp_add_log_shipping_alert_job").Action(); got != "EXEC master.dbo.sp_add_log_shipping_alert_job" {
		t.Fatalf("a batch without parameters is its text: %q", got)
	}
}
