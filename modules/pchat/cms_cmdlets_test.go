package pchat

import (
	"fmt"
	"reflect"
	"sync"
	"testing"
)

func activeOf(t *testing.T, env map[string]string) []any {
	t.Helper()
	r := invoke(t, env, "Get-CsPersistentChatActiveServer")
	if r.err != nil || len(r.out) != 1 {
		t.Fatal(r.err, r.out)
	}
	v, _ := prop(t, r.out[0], "ActiveServers").([]any)
	return v
}

func TestStatePersistsAcrossSessions(t *testing.T) {
	env := labEnv(t)
	if r := invoke(t, env, "Set-CsPersistentChatState -Identity PersistentChatServer:pc.contoso.com -PoolState FailedOver -Force"); r.err != nil {
		t.Fatal(r.err)
	}
	r := invoke(t, env, "Get-CsPersistentChatState")
	if len(r.out) != 1 || prop(t, r.out[0], "PoolState") != "FailedOver" || prop(t, r.out[0], "Identity") != "service:PersistentChatServer:pc.contoso.com" {
		t.Fatalf("state not persisted: %v", r.out)
	}
}

func TestSettingTheSameStateIsNonTerminating(t *testing.T) {
	r := invoke(t, labEnv(t), "Set-CsPersistentChatState -PoolState Normal -Force")
	if r.err != nil || len(r.errs) != 1 || r.errs[0].ErrorID != "PoolStateAlreadySet" {
		t.Fatalf("want one PoolStateAlreadySet, got %v %v", r.err, r.errs)
	}
}

func TestHighImpactNeedsConfirmation(t *testing.T) {
	env := labEnv(t)
	r := invoke(t, env, "Set-CsPersistentChatState -PoolState FailedOver")
	if errorID(r.err) != "ConfirmationRequired" {
		t.Fatalf("got %v", r.err)
	}
	if s := invoke(t, env, "Get-CsPersistentChatState"); prop(t, s.out[0], "PoolState") != "Normal" {
		t.Fatal("an unconfirmed change must not be made")
	}
}

func TestFailoverWarnsAboutActiveServers(t *testing.T) {
	r := invoke(t, labEnv(t), "Set-CsPersistentChatState -PoolState FailedOver -Confirm:$false")
	want := "warning: pc1.contoso.com is in DC1 but the pool is FailedOver and its database sql2 is in DC2; set the active servers with Set-CsPersistentChatActiveServer."
	if r.err != nil || r.host.Lines[0] != want {
		t.Fatalf("got %v %q", r.err, r.host.Lines)
	}
}

func TestActiveServerRules(t *testing.T) {
	for _, tc := range []struct{ line, id string }{
		{`Set-CsPersistentChatActiveServer -ActiveServers @{Add="pc5.contoso.com"} -Force`, "TooManyActiveServers"},
		{`Set-CsPersistentChatActiveServer -ActiveServers pc1.contoso.com, pc5.contoso.com`, "ActiveServerOutsideDatabaseSite"},
		{`Set-CsPersistentChatActiveServer -ActiveServers @{Add="pc9.contoso.com"}`, "ServerNotInPool"},
		{`Set-CsPersistentChatActiveServer -Swap`, "ActiveServerOutsideDatabaseSite"},
		{`Set-CsPersistentChatActiveServer -ActiveServers @{Ad="pc1.contoso.com"}`, "InvalidListModifier"},
		{`Set-CsPersistentChatActiveServer -ActiveServers @{Replace="pc1.contoso.com"; Add="pc2.contoso.com"}`, "ReplaceWithAddRemove"},
		{`Set-CsPersistentChatActiveServer`, "ActiveServersOrSwap"},
		{`Set-CsPersistentChatActiveServer -Identity service:Registrar:fe1.contoso.com -Swap`, "InvalidIdentity"},
		{`Set-CsPersistentChatActiveServer -Identity service:pc9.contoso.com -Swap`, "PoolNotFound"},
	} {
		env := labEnv(t)
		r := invoke(t, env, tc.line)
		if errorID(r.err) != tc.id {
			t.Errorf("%s: want %s, got %v", tc.line, tc.id, r.err)
		}
		if got := activeOf(t, env); len(got) != 4 {
			t.Errorf("%s: a refused change must not be made: %v", tc.line, got)
		}
	}
}

func TestActiveServerChanges(t *testing.T) {
	env := labEnv(t)
	steps := []struct {
		line string
		want []any
	}{
		{`Set-CsPersistentChatActiveServer -Identity global -ActiveServers @{Remove="pc1.contoso.com","PC2.contoso.com"}`, []any{"pc3.contoso.com", "pc4.contoso.com"}},
		{`Set-CsPersistentChatActiveServer -ActiveServers @{Add="pc1.contoso.com"}`, []any{"pc3.contoso.com", "pc4.contoso.com", "pc1.contoso.com"}},
		{`Set-CsPersistentChatActiveServer -ActiveServers $null -Confirm:$false`, []any{}},
		{`Set-CsPersistentChatActiveServer -ActiveServers pc2.contoso.com`, []any{"pc2.contoso.com"}},
		{`Set-CsPersistentChatActiveServer -ActiveServers @() -Force`, []any{}},
		{`Set-CsPersistentChatActiveServer -Identity service:pc.contoso.com -ActiveServers @{Replace="pc5.contoso.com","pc6.contoso.com"} -Force`, []any{"pc5.contoso.com", "pc6.contoso.com"}},
	}
	for _, s := range steps {
		if r := invoke(t, env, s.line); r.err != nil {
			t.Fatalf("%s: %v", s.line, r.err)
		}
		if got := activeOf(t, env); !reflect.DeepEqual(got, s.want) {
			t.Fatalf("%s: active %v, want %v", s.line, got, s.want)
		}
	}
}

func TestSwapAfterFailover(t *testing.T) {
	env := labEnv(t)
	invoke(t, env, "Set-CsPersistentChatState -PoolState FailedOver -Force")
	if r := invoke(t, env, "Set-CsPersistentChatActiveServer -Swap"); r.err != nil {
		t.Fatal(r.err)
	}
	want := []any{"pc5.contoso.com", "pc6.contoso.com", "pc7.contoso.com", "pc8.contoso.com"}
	if got := activeOf(t, env); !reflect.DeepEqual(got, want) {
		t.Fatalf("active %v", got)
	}
}

// TestConcurrentWritersDoNotLoseUpdates runs four sessions at once, each
// activating a different server of an empty list.
func TestConcurrentWritersDoNotLoseUpdates(t *testing.T) {
	env := labEnv(t)
	invoke(t, env, "Set-CsPersistentChatActiveServer -ActiveServers $null -Confirm:$false")
	var wg sync.WaitGroup
	for i := 1; i <= 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			line := fmt.Sprintf(`Set-CsPersistentChatActiveServer -ActiveServers @{Add="pc%d.contoso.com"}`, i)
			if r := invoke(t, env, line); r.err != nil {
				t.Error(r.err)
			}
		}()
	}
	wg.Wait()
	if got := activeOf(t, env); len(got) != 4 {
		t.Fatalf("lost updates: %v", got)
	}
}

func TestNoBackend(t *testing.T) {
	if r := invoke(t, map[string]string{}, "Get-CsPersistentChatState"); errorID(r.err) != "NoBackend" {
		t.Fatalf("got %v", r.err)
	}
	env := map[string]string{EnvCMSDir: t.TempDir(), EnvLyncShell: "local"}
	if r := invoke(t, env, "Get-CsPersistentChatState"); errorID(r.err) != "AmbiguousBackend" {
		t.Fatalf("got %v", r.err)
	}
}

func TestGetFilterAndUnknownIdentity(t *testing.T) {
	env := labEnv(t)
	if r := invoke(t, env, `Get-CsPersistentChatState -Filter "*.contoso.com"`); len(r.out) != 1 {
		t.Fatalf("filter: %v", r.out)
	}
	if r := invoke(t, env, `Get-CsPersistentChatState -Filter "*.fabrikam.com"`); len(r.out) != 0 {
		t.Fatalf("filter: %v", r.out)
	}
	r := invoke(t, env, `Get-CsPersistentChatState -Identity service:pc2.contoso.com`)
	if r.err != nil || len(r.errs) != 1 || r.errs[0].ErrorID != "PoolNotFound" {
		t.Fatalf("got %v %v", r.err, r.errs)
	}
}
