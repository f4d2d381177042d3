package backup

import (
	"strings"
	"testing"
)

// TestPlanChainTakesLatestFullThenContinuingLogs: logs older than the
// full are skipped, a copy-only log beside a regular one gives way to
// the one reaching further, and the order is the LSN order whatever the
// order read.
func TestPlanChainTakesLatestFullThenContinuingLogs(t *testing.T) {
	old, latest := full("10", "20"), full("50", "60")
	old.Path, latest.Path = "old.bak", "new.bak"
	logs := []set{logSet("20", "65"), logSet("80", "95"), logSet("65", "70"), logSet("65", "80"), logSet("95", "99"), logSet("5", "20")}
	for i, n := range []string{"l1", "l4", "copy", "l2", "l5", "l0"} {
		logs[i].Path = n
	}
	chain, err := planChain(append([]set{latest, old}, logs...), "mgc", "/b")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range chain {
		got = append(got, s.Path)
	}
	if strings.Join(got, " ") != "new.bak l1 l2 l4 l5" {
		t.Fatalf("chain %v", got)
	}
}

// TestPlanChainGapNamesTheMissingRange: a later log the chain cannot
// reach is a LogChainGap naming the LSNs missing and both files.
func TestPlanChainGapNamesTheMissingRange(t *testing.T) {
	f, l1, l3 := full("1", "10"), logSet("10", "20"), logSet("30", "40")
	f.Path, l1.Path, l3.Path = "f.bak", "l1.trn", "l3.trn"
	_, err := planChain([]set{f, l1, l3}, "mgc", "/b")
	if idOf(err) != "LogChainGap" {
		t.Fatalf("err %v", err)
	}
	msg := err.Error()
	for _, want := range []string{"no backup read holds LSN 20 up to LSN 30", "reaches LSN 20 with l1.trn", "l3.trn, begins at LSN 30", "Nothing was restored"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q: %s", want, msg)
		}
	}
}

// TestPlanChainLogsOnly chains logs from the earliest when there is no
// full backup, and finds nothing in a folder of other databases.
func TestPlanChainLogsOnly(t *testing.T) {
	chain, err := planChain([]set{logSet("20", "30"), logSet("10", "20")}, "mgc", "/b")
	if err != nil || len(chain) != 2 || chain[0].FirstLSN != "10" {
		t.Fatalf("%v %v", chain, err)
	}
	other := full("1", "2")
	other.Database = "mgccomp"
	if _, err := planChain(ofDatabase([]set{other}, "mgc"), "mgc", "/b"); idOf(err) != "NoBackupFound" {
		t.Fatalf("err %v", err)
	}
}

// TestCmpLSNIsNumeric: LSNs are 25-digit numbers, not strings.
func TestCmpLSNIsNumeric(t *testing.T) {
	if cmpLSN("9", "10") >= 0 || cmpLSN("34000000021600001", "34000000021600001") != 0 || cmpLSN("1000000000000000000000001", "999") <= 0 {
		t.Fatal("cmpLSN")
	}
}
