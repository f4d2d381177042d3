package mirror

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestInstallNoSkipsOneStatement: an answer of No skips that statement
// alone, as PowerShell's No does: the next ones are asked for and run.
// The session is then neither waited for nor reported as set up.
func TestInstallNoSkipsOneStatement(t *testing.T) {
	fw := newFakeWorld(t)
	fw.server(principal).seed("mgc")
	r := fw.answer(t, installLine+` -Report C:\Logs\mirror.html`, "y", "y", "y", "y", "y", "y", "n", "y", "y", "y")
	if r.err != nil {
		t.Fatal(r.err)
	}
	want := slices.Delete(slices.Clone(wantInstall), 6, 7) // the witness's CREATE ENDPOINT
	if got := fw.executed(); !reflect.DeepEqual(got, want) {
		t.Fatalf("ran:\n%s", strings.Join(got, "\n"))
	}
	if len(r.out) != 0 {
		t.Errorf("wrote an outcome after a declined statement: %+v", r.out)
	}
	if rep := fw.reports[`C:\Logs\mirror.html`]; strings.Count(rep, "<td>done</td>") != 9 || strings.Count(rep, "<td>declined</td>") != 1 {
		t.Errorf("report:\n%s", rep)
	}
}

// TestInstallNoToAllStops: No to All declines that statement and every
// later one without asking; the set-up stops with ConfirmationDeclined
// and nothing is rolled back.
func TestInstallNoToAllStops(t *testing.T) {
	fw := newFakeWorld(t)
	fw.server(principal).seed("mgc")
	r := fw.answer(t, installLine, "y", "l", "y")
	if errorID(r.err) != "ConfirmationDeclined" {
		t.Fatalf("err %v", r.err)
	}
	if got := fw.executed(); !reflect.DeepEqual(got, wantInstall[:1]) {
		t.Fatalf("ran:\n%s", strings.Join(got, "\n"))
	}
	if n := strings.Count(r.host.Text(), "Are you sure"); n != 2 {
		t.Errorf("asked %d times, want 2:\n%s", n, r.host.Text())
	}
	if strings.Contains(r.host.Text(), "Rolled back") {
		t.Errorf("host:\n%s", r.host.Text())
	}
}

// TestAddMonitorNoGoesOnWithTheNextInstance: a No for one instance skips
// it; the cmdlet goes on with the next.
func TestAddMonitorNoGoesOnWithTheNextInstance(t *testing.T) {
	fw := newFakeWorld(t)
	r := fw.answer(t, `Add-PcMirroringMonitor sql1, sql1m, sqlw1 -UpdatePeriod 5`, "n", "y", "y")
	if r.err != nil {
		t.Fatal(r.err)
	}
	want := []string{
		`sql1m.contoso.com\pchat: EXEC msdb.sys.sp_dbmmonitoraddmonitoring @update_period = 5`,
		`sqlw1.contoso.com\pchat: EXEC msdb.sys.sp_dbmmonitoraddmonitoring @update_period = 5`,
	}
	if got := fw.executed(); !reflect.DeepEqual(got, want) {
		t.Fatalf("ran %q", got)
	}
	if len(r.out) != 2 {
		t.Errorf("output %+v", r.out)
	}
}

// TestUninstallNoToPartnerOffOnThePrincipal: after a No to SET PARTNER
// OFF on the principal the mirror is read as it is: it still holds the
// session, so SET PARTNER OFF is offered there before DROP DATABASE. The
// removal is then not verified nor reported as done.
func TestUninstallNoToPartnerOffOnThePrincipal(t *testing.T) {
	fw := newFakeWorld(t)
	fw.mirrorPair(principal, mirrorInst)
	r := fw.answer(t, uninstallLine+" -DropExistingDatabasesOnMirror", "n", "y", "y")
	if r.err != nil {
		t.Fatal(r.err)
	}
	want := mirrorInst + ": ALTER DATABASE [mgc] SET PARTNER OFF\n" + mirrorInst + ": DROP DATABASE [mgc]"
	if got := strings.Join(fw.executed(), "\n"); got != want {
		t.Fatalf("ran\n%s", got)
	}
	if !strings.Contains(r.host.Text(), "still holds the mirroring session") || len(r.out) != 0 {
		t.Fatalf("output %+v\n%s", r.out, r.host.Text())
	}
}
