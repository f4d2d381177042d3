package core_test

import (
	"testing"
	"time"

	"pcsh/runtime/cmdlet"
)

// TestStartSleepRejectsNegativeWaits is PowerShell's ValidateRange(0, …).
func TestStartSleepRejectsNegativeWaits(t *testing.T) {
	rec := wantError(t, "Start-Sleep -1", "ParameterArgumentValidationError", cmdlet.ExitUsage)
	if want := "Cannot validate argument on parameter 'Seconds'. The -1 argument is less than the minimum allowed range of 0."; rec.Message != want {
		t.Errorf("message %q", rec.Message)
	}
	wantError(t, "Start-Sleep -Milliseconds -5", "ParameterArgumentValidationError", cmdlet.ExitUsage)
	mustRun(t, "Start-Sleep 0; Start-Sleep -Milliseconds 1")
}

func TestGetDateWritesATimeOrItsText(t *testing.T) {
	out, _ := mustRun(t, "Get-Date")
	if want := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC); len(out) != 1 || out[0] != want {
		t.Errorf("Get-Date = %#v, want the session's time", out)
	}
	out, _ = mustRun(t, "Get-Date -Format 'yyyy-MM-dd HH:mm:ss'")
	if len(out) != 1 || out[0] != "2024-01-01 00:00:00" {
		t.Errorf("Get-Date -Format = %#v", out)
	}
}
