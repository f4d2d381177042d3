package core_test

import "testing"

func TestWriteHostJoinsWithASpace(t *testing.T) {
	_, h := mustRun(t, "Write-Host a b; Write-Host a b -Separator ', '")
	if got := h.Text(); got != "host: a b\nhost: a, b" {
		t.Errorf("host lines %q", got)
	}
}

func TestWriteOutputKeepsHashtables(t *testing.T) {
	out, _ := mustRun(t, "Write-Output @{a=1}")
	if len(out) != 1 {
		t.Fatalf("out %v", out)
	}
	if s := describe(out[0]); s != "*cmdlet.Hashtable" {
		t.Errorf("Write-Output @{a=1} wrote a %s", s)
	}
}
