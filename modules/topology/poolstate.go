package topology

import (
	"errors"
	"strings"

	"pcsh/runtime/cmdlet"
)

// PoolStateReader reads every Persistent Chat pool's state (Normal or
// FailedOver) from the store of record: the lab's Central Management
// store or the Lync Server Management Shell. It returns the states keyed
// by pool FQDN in lower case, or ErrNoPoolStateSource when no backend is
// configured; local reads the local replica of the Central Management
// store (-LocalStore).
type PoolStateReader func(ctx *cmdlet.Context, local bool) (map[string]string, error)

// ErrNoPoolStateSource is what a PoolStateReader returns when no backend
// is configured.
var ErrNoPoolStateSource = errors.New("no Persistent Chat backend is configured")

var poolStateReader PoolStateReader

// SetPoolStateReader installs the reader PoolStates uses; modules/pchat,
// which owns the backends, installs it at registration. The topology
// module cannot import pchat (pchat imports it), hence the injection.
func SetPoolStateReader(r PoolStateReader) { poolStateReader = r }

// PoolStates returns the state of each pool of t, keyed by FQDN in lower
// case, as the store of record says. The document's `state` is
// deprecated: where it disagrees with the store a warning says so and the
// store wins. Without a backend (or for a pool the store does not know)
// the document's state is used, Normal when it has none, and the verbose
// stream says so.
func PoolStates(ctx *cmdlet.Context, t *Topology, local bool) (map[string]string, error) {
	var stored map[string]string
	err := ErrNoPoolStateSource
	if poolStateReader != nil {
		stored, err = poolStateReader(ctx, local)
	}
	if err != nil && !errors.Is(err, ErrNoPoolStateSource) {
		return nil, err
	}
	out := make(map[string]string, len(t.ChatPools))
	for _, p := range t.ChatPools {
		key := strings.ToLower(p.FQDN)
		s, ok := stored[key]
		switch {
		case !ok:
			s = p.State
			ctx.WriteVerbose("The state of the pool %s is not read from a backend (%s); using the topology document's: %s.",
				p.FQDN, orNoBackend(err), s)
		case p.StateDeclared && !strings.EqualFold(s, p.State):
			ctx.WriteWarning("The topology document %s says the pool %s is %s, but the Central Management store says %s; "+
				"the store is used. The document's `state` is deprecated: remove it.", t.Path, p.FQDN, p.State, s)
		}
		out[key] = s
	}
	return out, nil
}

// PoolStateOf returns one pool's state (PoolStates for the pool named
// fqdn); Normal for a pool the topology does not have.
func PoolStateOf(ctx *cmdlet.Context, t *Topology, fqdn string, local bool) (string, error) {
	states, err := PoolStates(ctx, t, local)
	if err != nil {
		return "", err
	}
	if s, ok := states[strings.ToLower(fqdn)]; ok {
		return s, nil
	}
	return StateNormal, nil
}

func orNoBackend(err error) string {
	if err != nil {
		return err.Error()
	}
	return "the backend does not know the pool"
}
