package pchat

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// cannedRead is what the fake prints for readScript: one pool, Normal,
// pc1 and pc2 active.
const cannedRead = `{"States":[{"Identity":"service:PersistentChatServer:pc.contoso.com","PoolState":"Normal"}],` +
	`"Pools":[{"PoolFqdn":"pc.contoso.com","ActiveServers":["pc1.contoso.com","pc2.contoso.com"],"InactiveServers":["pc3.contoso.com","pc4.contoso.com","pc5.contoso.com"]}]}`

// shellEnv points the shell backend at the recording fake PowerShell.
func shellEnv(t *testing.T, shell string) (map[string]string, string) {
	t.Helper()
	log := filepath.Join(t.TempDir(), "calls.jsonl")
	for k, v := range map[string]string{fakeEnv: "1", "PCHAT_FAKE_LOG": log, "PCHAT_FAKE_OUT": cannedRead} {
		t.Setenv(k, v)
	}
	topo, _ := filepath.Abs("../topology/testdata/topology.lua")
	return map[string]string{EnvLyncShell: shell, EnvPowerShell: os.Args[0], "PCSH_TOPOLOGY": topo}, log
}

func scriptOf(line string) string {
	return "$ErrorActionPreference = 'Stop'\nImport-Module 'Lync'\n" + line
}

func calls(t *testing.T, log string) [][]string {
	t.Helper()
	c, err := readLog(log)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestShellSetStateSendsTheDocumentedLine(t *testing.T) {
	env, log := shellEnv(t, "local")
	r := invoke(t, env, `Set-CsPersistentChatState -Identity "service:pc.contoso.com" -PoolState FailedOver -Force`)
	if r.err != nil || len(r.errs) != 0 {
		t.Fatal(r.err, r.errs)
	}
	got := calls(t, log)
	want := []string{"-NoProfile", "-NonInteractive", "-EncodedCommand",
		scriptOf("Set-CsPersistentChatState -Identity 'service:PersistentChatServer:pc.contoso.com' -PoolState 'FailedOver'")}
	if len(got) != 2 || got[0][3] != scriptOf(readScript) || !reflect.DeepEqual(got[1], want) {
		t.Fatalf("calls:\n%q\nwant the read, then\n%q", got, want)
	}
}

func TestShellWhatIfPrintsTheLineAndOnlyReads(t *testing.T) {
	env, log := shellEnv(t, "local")
	r := invoke(t, env, `Set-CsPersistentChatActiveServer -Identity "global" -ActiveServers @{Add="pc3.contoso.com"} -WhatIf`)
	if r.err != nil {
		t.Fatal(r.err)
	}
	want := `host: What if: Performing the operation "Set-CsPersistentChatActiveServer -Identity 'global' -ActiveServers @{Add='pc3.contoso.com'}" on target "service:PersistentChatServer:pc.contoso.com".`
	if !strings.Contains(r.host.Text(), want) {
		t.Fatalf("host output:\n%s", r.host.Text())
	}
	if got := calls(t, log); len(got) != 1 || got[0][3] != scriptOf(readScript) {
		t.Fatalf("-WhatIf must only read: %q", got)
	}
}

func TestShellActiveServerLines(t *testing.T) {
	for _, tc := range []struct{ cmd, line string }{
		{`Set-CsPersistentChatActiveServer -Identity "global" -ActiveServers @{Remove="pc2.contoso.com"}`,
			"Set-CsPersistentChatActiveServer -Identity 'global' -ActiveServers @{Remove='pc2.contoso.com'}"},
		{`Set-CsPersistentChatActiveServer -Identity "global" -ActiveServers $Null -Confirm:$false`,
			"Set-CsPersistentChatActiveServer -Identity 'global' -ActiveServers $null"},
		{`Set-CsPersistentChatActiveServer -Identity PChatServerCollection -ActiveServers @{Add="pc3.contoso.com"; Remove="pc1.contoso.com"}`,
			"Set-CsPersistentChatActiveServer -Identity 'PChatServerCollection' -ActiveServers @{Add='pc3.contoso.com'; Remove='pc1.contoso.com'}"},
		{`Set-CsPersistentChatActiveServer -Identity service:pc.contoso.com -ActiveServers pc1.contoso.com, pc2.contoso.com`,
			"Set-CsPersistentChatActiveServer -Identity 'service:PersistentChatServer:pc.contoso.com' -ActiveServers @{Replace='pc1.contoso.com','pc2.contoso.com'}"},
		{`Set-CsPersistentChatActiveServer -Swap -Force`,
			"Set-CsPersistentChatActiveServer -Identity 'global' -Swap"},
	} {
		env, log := shellEnv(t, "local")
		if r := invoke(t, env, tc.cmd); r.err != nil {
			t.Fatalf("%s: %v", tc.cmd, r.err)
		}
		got := calls(t, log)
		if len(got) != 2 || got[1][3] != scriptOf(tc.line) {
			t.Errorf("%s:\ngot  %q\nwant %q", tc.cmd, got, scriptOf(tc.line))
		}
	}
}

func TestShellRulesStopBeforeRunning(t *testing.T) {
	env, log := shellEnv(t, "local")
	r := invoke(t, env, `Set-CsPersistentChatActiveServer -ActiveServers @{Add="pc5.contoso.com"}`)
	if errorID(r.err) != "ActiveServerOutsideDatabaseSite" {
		t.Fatalf("want the data center rule, got %v", r.err)
	}
	if got := calls(t, log); len(got) != 1 {
		t.Fatalf("nothing but the read may run: %q", got)
	}
}

func TestShellRemoteWrapsInInvokeCommand(t *testing.T) {
	env, log := shellEnv(t, "fe1.contoso.com")
	if r := invoke(t, env, "Get-CsPersistentChatState"); r.err != nil || len(r.out) != 1 {
		t.Fatal(r.err, r.out)
	}
	want := "$ErrorActionPreference = 'Stop'\nInvoke-Command -ComputerName 'fe1.contoso.com' -ScriptBlock {\n" + scriptOf(readScript) + "\n}"
	if got := calls(t, log); got[0][3] != want {
		t.Fatalf("got %q", got[0][3])
	}
}

func TestShellRemoteWhatIfNamesTheComputer(t *testing.T) {
	env, log := shellEnv(t, "fe1.contoso.com")
	r := invoke(t, env, `Set-CsPersistentChatState -Identity "service:pc.contoso.com" -PoolState FailedOver -WhatIf`)
	if r.err != nil {
		t.Fatal(r.err)
	}
	want := `host: What if: Performing the operation "Set-CsPersistentChatState -Identity 'service:PersistentChatServer:pc.contoso.com' -PoolState 'FailedOver'" ` +
		`on target "service:PersistentChatServer:pc.contoso.com on fe1.contoso.com (Invoke-Command)".`
	if !slices.Contains(r.host.Lines, want) || len(calls(t, log)) != 1 {
		t.Fatalf("host %q, calls %q", r.host.Lines, calls(t, log))
	}
}

func TestShellFailureIsAnErrorRecord(t *testing.T) {
	env, _ := shellEnv(t, "local")
	t.Setenv("PCHAT_FAKE_EXIT", "1")
	t.Setenv("PCHAT_FAKE_ERR", "Import-Module : The specified module 'Lync' was not loaded.")
	r := invoke(t, env, "Get-CsPersistentChatState")
	if errorID(r.err) != "ManagementShellFailed" || !strings.Contains(r.err.Error(), "module 'Lync' was not loaded") {
		t.Fatalf("got %v", r.err)
	}
}

func TestShellReadParsesPools(t *testing.T) {
	env, _ := shellEnv(t, "local")
	r := invoke(t, env, "Get-CsPersistentChatActiveServer")
	if r.err != nil || len(r.out) != 1 {
		t.Fatal(r.err, r.out)
	}
	if got := prop(t, r.out[0], "ActiveServers"); !reflect.DeepEqual(got, []any{"pc1.contoso.com", "pc2.contoso.com"}) {
		t.Fatalf("active servers %v", got)
	}
}
