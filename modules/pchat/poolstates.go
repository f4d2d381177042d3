package pchat

import (
	"strings"

	"pcsh/modules/topology"
	"pcsh/runtime/cmdlet"
)

// init makes the pchat backend the pool states' one source of truth for
// every module (Test-PcTopology, the mirror cmdlets' pair selection): the
// topology module reads them through topology.PoolStates.
func init() { topology.SetPoolStateReader(PoolStates) }

// PoolStates reads every pool's state from the configured backend (the
// lab CMS or the Management Shell), keyed by FQDN in lower case; local
// reads the local replica of the Central Management store. Without a
// backend it returns topology.ErrNoPoolStateSource.
func PoolStates(ctx *cmdlet.Context, local bool) (map[string]string, error) {
	b, err := backendFor(ctx)
	if rec := cmdlet.AsRecord(err); err != nil && rec.ErrorID == "NoBackend" {
		return nil, topology.ErrNoPoolStateSource
	} else if err != nil {
		return nil, err
	}
	read := b.Pools
	if local {
		read = b.LocalPools
	}
	pools, err := read(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(pools))
	for _, p := range pools {
		out[strings.ToLower(p.FQDN)] = p.PoolState
	}
	return out, nil
}
