package mirror

import (
	"context"
	"strings"
	"testing"

	"pcsh/modules/pchat"
	"pcsh/runtime/cmdlet"
)

// statesOnly is a pchat backend that knows pool states only.
type statesOnly map[string]string

func (b statesOnly) Pools(context.Context) ([]pchat.PoolInfo, error) {
	var out []pchat.PoolInfo
	for fqdn, st := range b {
		out = append(out, pchat.PoolInfo{FQDN: fqdn, PoolState: st})
	}
	return out, nil
}

func (b statesOnly) LocalPools(ctx context.Context) ([]pchat.PoolInfo, error) { return b.Pools(ctx) }
func (statesOnly) SetState(context.Context, pchat.StateChange) error          { return nil }
func (statesOnly) SetActiveServers(context.Context, string, pchat.Change, pchat.CheckFunc) (*pchat.PoolInfo, error) {
	return nil, nil
}

// TestPairSelectionReadsTheBackend: the backend says FailedOver while the
// topology document still says Normal (its deprecated state): both
// Get-CsDatabaseMirrorState and Invoke-CsDatabaseFailover use the backup
// pair, and a warning says the document disagrees. Before, both read the
// document and used the primary pair.
func TestPairSelectionReadsTheBackend(t *testing.T) {
	fw := newFakeWorld(t)
	fw.mirrorPair(`sql2.contoso.com\pchat`, `sql2m.contoso.com\pchat`)
	run := func(line string) result {
		return invokeLine(t, line, func(s *cmdlet.Session) {
			Install(s, fw.world())
			pchat.BackendKey.Set(s, statesOnly{"pc.contoso.com": "FailedOver"})
		})
	}
	r := run("Get-CsDatabaseMirrorState -PoolFqdn pc.contoso.com -DatabaseType PersistentChat")
	if r.err != nil || prop(t, r.out[0], "StateOnPrimary") != "Principal" || prop(t, r.out[0], "PoolState") != "FailedOver" ||
		prop(t, r.out[0], "InUse") != `sql2.contoso.com\pchat` {
		t.Fatalf("%v %+v", r.err, r.out)
	}
	if !strings.Contains(r.host.Text(), "says the pool pc.contoso.com is Normal, but the Central Management store says FailedOver; the store is used.") {
		t.Errorf("no disagreement warning:\n%s", r.host.Text())
	}
	r = run("Invoke-CsDatabaseFailover -PoolFqdn pc.contoso.com -DatabaseType PersistentChat -NewPrincipal Mirror -WhatIf")
	if r.err != nil || !strings.Contains(strings.Join(r.whatIf(), "\n"), `sql2.contoso.com\pchat: ALTER DATABASE [mgc] SET PARTNER FAILOVER`) {
		t.Fatalf("failover of the backup pair: %v %q\n%s", r.err, r.whatIf(), r.host.Text())
	}
}
