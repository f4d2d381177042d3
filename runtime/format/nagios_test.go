package format

import (
	"strings"
	"testing"

	"pcsh/runtime/cmdlet"
)

func finding(instance, check, verdict, detail string) *cmdlet.Object {
	return cmdlet.NewObject("PersistentChatHealthCheck").Set("Pool", "pc.lab.local").Set("SqlInstance", instance).
		Set("Check", check).Set("Verdict", verdict).Set("Detail", detail)
}

func TestNagiosOK(t *testing.T) {
	var b strings.Builder
	age := finding("dc1-sql1", "LogBackupAge", "Healthy", "2 s ago").Set("Value", int64(2)).Set("Unit", "s").
		Set("WarningThreshold", int64(2700)).Set("Threshold", int64(3600))
	active := finding("", "ActiveServers", "Healthy", "2 active").Set("Value", int64(2)).Set("Threshold", int64(4))
	status, err := Nagios(&b, []any{finding("dc1-sql1", "Reachable", "Healthy", "answers"), age, active}, "")
	if err != nil {
		t.Fatal(err)
	}
	want := "PERSISTENTCHAT OK - pc.lab.local: all 3 checks healthy | 'dc1-sql1_LogBackupAge'=2s;2700;3600 'ActiveServers'=2;;4\n"
	if status != cmdlet.VerdictHealthy || b.String() != want {
		t.Errorf("status %s, got\n%s\nwant\n%s", status, b.String(), want)
	}
}

func TestNagiosWorstFindingLeads(t *testing.T) {
	var b strings.Builder
	objs := []any{
		finding("dc2-sql2", "Reachable", "Warning", "does not answer"),
		finding("dc1-sql1", "Reachable", "Critical", "does not answer | at all"),
		finding("dc1-sql2", "Mirroring", "Unknown", "cannot read"),
	}
	status, _ := Nagios(&b, objs, "")
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	want := []string{
		"PERSISTENTCHAT CRITICAL - pc.lab.local: 1 critical, 1 unknown, 1 warning of 3 checks; dc1-sql1 Reachable: does not answer / at all",
		"WARNING: dc2-sql2 Reachable: does not answer",
		"CRITICAL: dc1-sql1 Reachable: does not answer / at all",
		"UNKNOWN: dc1-sql2 Mirroring: cannot read",
	}
	if status != cmdlet.VerdictCritical || strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("status %s, got\n%s\nwant\n%s", status, b.String(), strings.Join(want, "\n"))
	}
	if status.PluginCode() != 2 {
		t.Errorf("CRITICAL exits %d, want 2", status.PluginCode())
	}
}

func TestNagiosUnknownWithoutChecks(t *testing.T) {
	for name, objs := range map[string][]any{"none": nil, "not checks": {"text", cmdlet.NewObject("Pool").Set("Identity", "x")}} {
		var b strings.Builder
		status, _ := Nagios(&b, objs, "")
		if status != cmdlet.VerdictUnknown || !strings.HasPrefix(b.String(), "PERSISTENTCHAT UNKNOWN - ") {
			t.Errorf("%s: status %s, output %q", name, status, b.String())
		}
	}
	var b strings.Builder
	status, _ := Nagios(&b, []any{finding("dc1-sql1", "Reachable", "Healthy", "answers")}, "Test-X: the topology cannot be read")
	if status != cmdlet.VerdictUnknown || !strings.Contains(b.String(), "the topology cannot be read") {
		t.Errorf("a failure: status %s, output %q", status, b.String())
	}
}

func TestNagiosReadsOtherVerdictWords(t *testing.T) {
	var b strings.Builder
	status, _ := Nagios(&b, []any{cmdlet.NewObject("ResourceCheck").Set("SqlInstance", "a").Set("Check", "Agent").Set("Verdict", "Fail"),
		cmdlet.NewObject("ResourceCheck").Set("Verdict", "Pass"), cmdlet.NewObject("ResourceCheck").Set("Verdict", "Skipped")}, "")
	if status != cmdlet.VerdictCritical {
		t.Errorf("Fail: status %s, want Critical (%s)", status, b.String())
	}
}

func TestJSONArrayAlways(t *testing.T) {
	one := cmdlet.NewObject("X").Set("A", int64(1))
	for _, c := range []struct {
		objs []any
		want string
	}{
		{nil, "[]"},
		{[]any{one}, "[\n  {\n    \"A\": 1\n  }\n]"},
		{[]any{one, one}, "[\n  {\n    \"A\": 1\n  },\n  {\n    \"A\": 1\n  }\n]"},
	} {
		var b strings.Builder
		if err := Out(&b, c.objs, ModeJSON, 80); err != nil {
			t.Fatal(err)
		}
		if b.String() != c.want+"\n" {
			t.Errorf("%d objects: got\n%s\nwant\n%s", len(c.objs), b.String(), c.want)
		}
	}
}
