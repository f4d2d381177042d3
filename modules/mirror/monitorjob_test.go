package mirror

import (
	"reflect"
	"testing"
)

func TestAddMonitorCreatesChangesOrLeavesTheJob(t *testing.T) {
	fw := newFakeWorld(t)
	fw.server(`sql1m.contoso.com\pchat`).monitorPeriod = 1
	fw.server(`sqlw1.contoso.com\pchat`).monitorPeriod = 5
	r := fw.run(t, `Add-PcMirroringMonitor sql1, sql1m, sqlw1 -UpdatePeriod 5`)
	if r.err != nil {
		t.Fatal(r.err)
	}
	want := []string{
		`sql1.contoso.com\pchat: EXEC msdb.sys.sp_dbmmonitoraddmonitoring @update_period = 5`,
		`sql1m.contoso.com\pchat: EXEC msdb.sys.sp_dbmmonitorchangemonitoring @parameter = 1, @value = 5`,
	}
	if got := fw.executed(); !reflect.DeepEqual(got, want) {
		t.Fatalf("ran %q", got)
	}
	if len(r.out) != 2 || prop(t, r.out[0], "UpdatePeriod") != int64(5) || len(r.host.Text()) == 0 {
		t.Fatalf("output %+v, host %q", r.out, r.host.Text())
	}
}

func TestAddMonitorWhatIfAndPeriodRange(t *testing.T) {
	fw := newFakeWorld(t)
	r := fw.run(t, `Add-PcMirroringMonitor sql1 -WhatIf`)
	if got := r.whatIf(); r.err != nil || !reflect.DeepEqual(got, []string{`sql1.contoso.com\pchat: EXEC msdb.sys.sp_dbmmonitoraddmonitoring @update_period = 1`}) {
		t.Fatalf("What if %q, %v", got, r.err)
	}
	if len(fw.executed()) != 0 {
		t.Fatalf("-WhatIf ran %v", fw.executed())
	}
	if r = fw.run(t, `Add-PcMirroringMonitor sql1 -UpdatePeriod 121`); errorID(r.err) != "InvalidUpdatePeriod" {
		t.Fatalf("error %v", r.err)
	}
}

func TestRemoveMonitorDropsOnlyExistingJobs(t *testing.T) {
	fw := newFakeWorld(t)
	fw.server(`sql1.contoso.com\pchat`).monitorPeriod = 1
	r := fw.run(t, `Remove-PcMirroringMonitor sql1, sql1m`)
	if r.err != nil {
		t.Fatal(r.err)
	}
	if got := fw.executed(); !reflect.DeepEqual(got, []string{`sql1.contoso.com\pchat: EXEC msdb.sys.sp_dbmmonitordropmonitoring`}) {
		t.Fatalf("ran %q", got)
	}
	if fw.server(`sql1.contoso.com\pchat`).monitorPeriod != 0 {
		t.Fatal("job still there")
	}
}
