package pchat

import (
	"context"
	"encoding/json"
	"errors"
	"sort"
	"strings"

	"pcsh/modules/topology"
	"pcsh/runtime/cmdlet"
)

// shellBackend drives the Lync Server Management Shell through a Runner.
type shellBackend struct {
	run    Runner
	module string     // the Management Shell module: Lync (2013) or SkypeForBusiness
	last   []PoolInfo // the last read: one command reads once
}

// readScript reads every pool's state (Get-CsPersistentChatState) and
// active and inactive servers (Get-CsService -PersistentChatServer) as
// one JSON document; readLocalScript reads the states with -LocalStore,
// from the local replica of the Central Management store (Get-CsService
// has no -LocalStore).
var (
	readScript      = strings.Replace(readTemplate, "{states}", "Get-CsPersistentChatState", 1)
	readLocalScript = strings.Replace(readTemplate, "{states}", "Get-CsPersistentChatState -LocalStore", 1)
)

const readTemplate = `$states = @({states} | ForEach-Object { [pscustomobject]@{ Identity = [string]$_.Identity; PoolState = [string]$_.PoolState } })
$pools = @(Get-CsService -PersistentChatServer | ForEach-Object { [pscustomobject]@{ PoolFqdn = [string]$_.PoolFqdn; ActiveServers = @(@($_.ActiveServers) | Where-Object { $_ } | ForEach-Object { [string]$_ }); InactiveServers = @(@($_.InactiveServers) | Where-Object { $_ } | ForEach-Object { [string]$_ }) } })
ConvertTo-Json -Compress -Depth 4 -InputObject ([pscustomobject]@{ States = $states; Pools = $pools })`

// shellRead is readScript's output.
type shellRead struct {
	States []struct{ Identity, PoolState string }
	Pools  []struct {
		PoolFqdn                       string
		ActiveServers, InactiveServers []string
	}
}

// script makes a line runnable: stop on the first error, load the module.
func (b *shellBackend) script(line string) string {
	return "$ErrorActionPreference = 'Stop'\nImport-Module " + psQuote(b.module) + "\n" + line
}

func (b *shellBackend) exec(ctx context.Context, line string) ([]byte, error) {
	out, err := b.run.Run(ctx, b.script(line))
	if rec := (*cmdlet.ErrorRecord)(nil); errors.As(err, &rec) {
		return nil, rec // the runner said what failed (the WinRM client does)
	}
	if err != nil {
		return nil, cmdlet.Errorf(cmdlet.CategoryInvalidOperation, "ManagementShellFailed", "",
			"The Lync Server Management Shell failed: %w.", err)
	}
	return out, nil
}

// Pools runs readScript and merges states into pools.
func (b *shellBackend) Pools(ctx context.Context) ([]PoolInfo, error) { return b.read(ctx, readScript) }

// LocalPools runs readLocalScript.
func (b *shellBackend) LocalPools(ctx context.Context) ([]PoolInfo, error) {
	return b.read(ctx, readLocalScript)
}

// read runs a read script and merges states into pools.
func (b *shellBackend) read(ctx context.Context, script string) ([]PoolInfo, error) {
	out, err := b.exec(ctx, script)
	if err != nil {
		return nil, err
	}
	var r shellRead
	if err := json.Unmarshal(out, &r); err != nil {
		return nil, cmdlet.Errorf(cmdlet.CategoryInvalidData, "ManagementShellOutput", "",
			"Cannot read the Management Shell's output: %w.", err)
	}
	b.last = r.merge()
	return b.last, nil
}

func (r *shellRead) merge() []PoolInfo {
	states := map[string]string{}
	for _, s := range r.States {
		if id, err := ParseIdentity(s.Identity); err == nil {
			states[strings.ToLower(id.Pool)] = s.PoolState
		}
	}
	out := make([]PoolInfo, 0, len(r.Pools))
	for _, p := range r.Pools {
		state := states[strings.ToLower(p.PoolFqdn)]
		if state == "" {
			state = topology.StateNormal // the documented default
		}
		out = append(out, PoolInfo{FQDN: p.PoolFqdn, PoolState: state,
			ActiveServers: nonEmpty(p.ActiveServers), InactiveServers: nonEmpty(p.InactiveServers)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].FQDN < out[j].FQDN })
	return out
}

func nonEmpty(list []string) []string {
	out := []string{}
	for _, s := range list {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// SetState runs the change's Set-CsPersistentChatState line.
func (b *shellBackend) SetState(ctx context.Context, ch StateChange) error {
	_, err := b.exec(ctx, ch.Line())
	return err
}

// SetActiveServers reads the pool (unless this command just did), checks the predicted result and runs
// Set-CsPersistentChatActiveServer.
func (b *shellBackend) SetActiveServers(ctx context.Context, pool string, ch Change, check CheckFunc) (*PoolInfo, error) {
	pools := b.last
	if pools == nil {
		var err error
		if pools, err = b.Pools(ctx); err != nil {
			return nil, err
		}
	}
	before, err := Identity{Pool: pool}.resolve(pool, pools)
	if err != nil {
		return nil, err
	}
	after := ch.Apply(before)
	if err := check(before, after); err != nil {
		return nil, err
	}
	_, err = b.exec(ctx, ch.Line())
	return after, err
}

var _ Backend = (*shellBackend)(nil)
