package pchat

import (
	"context"
	"errors"
)

// PoolInfo is what a backend knows of one pool.
type PoolInfo struct {
	FQDN            string
	PoolState       string
	ActiveServers   []string
	InactiveServers []string
}

// servers returns every server of the pool, active first.
func (p *PoolInfo) servers() []string {
	return append(append([]string(nil), p.ActiveServers...), p.InactiveServers...)
}

// CheckFunc vets a change of the active server list before it is made.
type CheckFunc func(before, after *PoolInfo) error

// Backend reads and changes pool states and active servers: the lab CMS
// or the Lync Server Management Shell.
type Backend interface {
	// Pools returns every Persistent Chat pool, sorted by FQDN.
	Pools(ctx context.Context) ([]PoolInfo, error)
	// LocalPools is Pools with the pool states read from the local replica
	// of the Central Management store rather than from the store itself
	// (Get-CsPersistentChatState -LocalStore).
	LocalPools(ctx context.Context) ([]PoolInfo, error)
	// SetState sets a pool's state; ErrStateUnchanged when it has it.
	SetState(ctx context.Context, ch StateChange) error
	// SetActiveServers applies ch to the pool's active servers after check
	// approves the result, and returns the pool as changed.
	SetActiveServers(ctx context.Context, pool string, ch Change, check CheckFunc) (*PoolInfo, error)
}

// ErrStateUnchanged reports a pool that already has the requested state.
var ErrStateUnchanged = errors.New("the pool already has that state")

// StateChange is one Set-CsPersistentChatState: the pool, the new state,
// and whether the pool was given as -Instance (a PersistentChatState
// object) rather than -Identity.
type StateChange struct {
	Pool, State string
	Instance    bool
}

// Line is the documented Management Shell line for the change, the line
// -WhatIf prints: the -Identity form, or the -Instance form, whose object
// the Management Shell reads itself with Get-CsPersistentChatState.
func (c StateChange) Line() string {
	id := psQuote(ServiceIdentity(c.Pool))
	if c.Instance {
		return "Set-CsPersistentChatState -Instance (Get-CsPersistentChatState -Identity " + id + ") -PoolState " + psQuote(c.State)
	}
	return "Set-CsPersistentChatState -Identity " + id + " -PoolState " + psQuote(c.State)
}
