package pchat

import (
	"reflect"
	"strings"
	"testing"
)

// The documented parameters Get-CsPersistentChatState -LocalStore and
// Set-CsPersistentChatState -Instance (C1/C2) reach the Management Shell
// as documented and work on the lab CMS.

func TestShellLocalStoreReadsTheLocalReplica(t *testing.T) {
	env, log := shellEnv(t, "local")
	if r := invoke(t, env, "Get-CsPersistentChatState -LocalStore"); r.err != nil || len(r.out) != 1 {
		t.Fatal(r.err, r.out)
	}
	got := calls(t, log)
	if len(got) != 1 || got[0][3] != scriptOf(readLocalScript) {
		t.Fatalf("calls %q", got)
	}
	if !strings.Contains(readLocalScript, "@(Get-CsPersistentChatState -LocalStore | ForEach-Object") ||
		strings.Contains(readLocalScript, "Get-CsService -PersistentChatServer -LocalStore") {
		t.Fatalf("-LocalStore goes on Get-CsPersistentChatState only (Get-CsService has none):\n%s", readLocalScript)
	}
	if got := calls(t, log); strings.Contains(scriptOf(readScript), "-LocalStore") || len(got) != 1 {
		t.Fatal("the plain read must not use the local replica")
	}
}

func TestShellInstanceSendsTheDocumentedLine(t *testing.T) {
	env, log := shellEnv(t, "local")
	r := invoke(t, env, `Get-CsPersistentChatState -Identity "service:pc.contoso.com" | Set-CsPersistentChatState -PoolState FailedOver -Force`)
	if r.err != nil || len(r.errs) != 0 {
		t.Fatal(r.err, r.errs)
	}
	got := calls(t, log)
	want := scriptOf("Set-CsPersistentChatState -Instance (Get-CsPersistentChatState -Identity 'service:PersistentChatServer:pc.contoso.com') -PoolState 'FailedOver'")
	if len(got) != 3 || got[2][3] != want {
		t.Fatalf("calls:\n%q\nwant two reads, then\n%q", got, want)
	}
}

func TestInstanceOnTheLabCMS(t *testing.T) {
	env := labEnv(t)
	r := invoke(t, env, `Set-CsPersistentChatState -Instance @{Identity="service:PersistentChatServer:pc.contoso.com"; PoolState="failedover"} -WhatIf`)
	want := `host: What if: Performing the operation "Set-CsPersistentChatState -Instance (Get-CsPersistentChatState -Identity 'service:PersistentChatServer:pc.contoso.com') -PoolState 'FailedOver'" on target "service:PersistentChatServer:pc.contoso.com".`
	if r.err != nil || !strings.Contains(r.host.Text(), want) {
		t.Fatalf("%v\n%s", r.err, r.host.Text())
	}
	// The instance's PoolState is the new state when -PoolState is not given.
	if r = invoke(t, env, `Set-CsPersistentChatState -Instance @{Identity="service:pc.contoso.com"; PoolState="FailedOver"} -Force`); r.err != nil {
		t.Fatal(r.err)
	}
	if s := invoke(t, env, "Get-CsPersistentChatState -LocalStore"); prop(t, s.out[0], "PoolState") != "FailedOver" {
		t.Fatalf("state %v", s.out)
	}
	// -PoolState wins over the instance's; piping Get's output back works.
	if r = invoke(t, env, `Get-CsPersistentChatState | Set-CsPersistentChatState -PoolState Normal -Force`); r.err != nil || len(r.errs) != 0 {
		t.Fatal(r.err, r.errs)
	}
	if s := invoke(t, env, "Get-CsPersistentChatState"); prop(t, s.out[0], "PoolState") != "Normal" {
		t.Fatalf("state %v", s.out)
	}
}

func TestInstanceRefusals(t *testing.T) {
	env := labEnv(t)
	for line, id := range map[string]string{
		`Set-CsPersistentChatState -Identity service:pc.contoso.com -Instance @{Identity="service:pc.contoso.com"} -PoolState Normal`: "IdentityWithInstance",
		`Set-CsPersistentChatState -Instance @{Identity="service:pc.contoso.com"} -Force`:                                             "PoolStateMissing",
		`Set-CsPersistentChatState -Instance @{PoolState="Normal"} -Force`:                                                            "InvalidInstance",
		`Set-CsPersistentChatState -Instance @{Identity="service:pc.contoso.com"; PoolState="Broken"} -Force`:                         "InvalidPoolState",
		`Set-CsPersistentChatState -Identity service:pc.contoso.com -Force`:                                                           "PoolStateMissing",
	} {
		if r := invoke(t, env, line); errorID(r.err) != id {
			t.Errorf("%s: got %v, want %s", line, r.err, id)
		}
	}
	if s := invoke(t, env, "Get-CsPersistentChatState"); !reflect.DeepEqual(prop(t, s.out[0], "PoolState"), "Normal") {
		t.Fatal("a refused command changed the state")
	}
}
