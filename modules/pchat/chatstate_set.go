package pchat

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"pcsh/modules/topology"
	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Set-CsPersistentChatState",
		Synopsis: "Modifies the state of a Persistent Chat pool: Normal (primary databases) or FailedOver (backup databases).",
		Description: "-Identity takes every documented form: service:PersistentChatServer:<fqdn>, " +
			"PersistentChatServer:<fqdn>, service:<fqdn> and \"service: <fqdn>\"; it may be omitted when there is " +
			"one pool. -Instance takes a PersistentChatState object instead (Get-CsPersistentChatState output, by " +
			"the pipeline or as a value): its Identity names the pool, and its PoolState is the new state unless " +
			"-PoolState is given. Setting the state a pool already has is a non-terminating PoolStateAlreadySet " +
			"error. The Management Shell receives Set-CsPersistentChatState -Identity '<service identity>' -PoolState " +
			"'<state>', or for -Instance Set-CsPersistentChatState -Instance (Get-CsPersistentChatState -Identity " +
			"'<service identity>') -PoolState '<state>', the line -WhatIf prints. Afterwards a warning names active " +
			"servers outside the data center of the database now in use.",
		Impact: cmdlet.ImpactHigh,
		Examples: []cmdlet.Example{
			{Code: `Set-CsPersistentChatState -Identity "service:pc.contoso.com" -PoolState FailedOver -WhatIf`, Remarks: "Shows the Management Shell line without running it."},
			{Code: `Set-CsPersistentChatState -Identity "PersistentChatServer:atl-gc-001.litwareinc.com" -PoolState "FailedOver"`, Remarks: "Fails the pool over to its backup databases (C1 example)."},
			{Code: `Set-CsPersistentChatState -Identity "service: lyncpc.dci.discovery.com" -PoolState Normal -Confirm:$false`, Remarks: "Fails back (R4 form, with its space), without prompting."},
			{Code: `Get-CsPersistentChatState -Identity "service:pc.contoso.com" | Set-CsPersistentChatState -PoolState FailedOver -WhatIf`,
				Remarks: "Passes the pool as -Instance through the pipeline."},
		},
		Related: []string{"Get-CsPersistentChatState", "Set-CsPersistentChatActiveServer"},
		New:     func() cmdlet.Cmdlet { return new(setChatState) },
	})
}

type setChatState struct {
	Identity  string             `param:"position=0" help:"The pool, e.g. service:PersistentChatServer:pc.contoso.com; optional with one pool."`
	Instance  any                `param:"pipeline=value" help:"A PersistentChatState object (Get-CsPersistentChatState output) naming the pool, instead of -Identity."`
	PoolState topology.PoolState `param:"" help:"Normal uses the primary databases; FailedOver uses the backup databases; with -Instance, its PoolState by default."`
}

// Process checks the current state, confirms and sets the new one.
func (c *setChatState) Process(ctx *cmdlet.Context) error {
	identity, state, err := c.target()
	if err != nil {
		return err
	}
	b, pool, err := resolvePool(ctx, identity, false)
	if err != nil {
		return err
	}
	if pool.PoolState == state {
		ctx.WriteError(alreadySet(pool.FQDN, state))
		return nil
	}
	ch := StateChange{Pool: pool.FQDN, State: state, Instance: c.Instance != nil}
	if !ctx.ShouldProcess(changeTarget(b, pool.FQDN), ch.Line()) {
		return nil
	}
	if err := b.SetState(ctx, ch); errors.Is(err, ErrStateUnchanged) {
		ctx.WriteError(alreadySet(pool.FQDN, state))
		return nil
	} else if err != nil {
		return err
	}
	ctx.WriteVerbose("The pool %s is now %s.", pool.FQDN, state)
	pool.PoolState = state
	return warnActiveOutside(ctx, pool)
}

// target returns the pool's identity and the new state from -Identity or
// -Instance, and -PoolState or the instance's PoolState.
func (c *setChatState) target() (identity, state string, err error) {
	identity, state = c.Identity, string(c.PoolState)
	if c.Instance != nil {
		if identity != "" {
			return "", "", usage("IdentityWithInstance", "-Identity and -Instance cannot be used together.")
		}
		var instState string
		if identity, instState, err = instanceOf(c.Instance); err != nil {
			return "", "", err
		}
		if state == "" {
			state = instState
		}
	}
	if state == "" {
		return "", "", usage("PoolStateMissing", "Give -PoolState Normal or FailedOver.")
	}
	i := slices.IndexFunc(topology.PoolState("").Values(), func(v string) bool { return strings.EqualFold(v, state) })
	if i < 0 {
		return "", "", usage("InvalidPoolState", "The PoolState %q is not Normal or FailedOver.", state)
	}
	return identity, topology.PoolState("").Values()[i], nil
}

// instanceOf reads the Identity and PoolState of a PersistentChatState
// object (or any object or hashtable with those properties).
func instanceOf(v any) (identity, state string, err error) {
	get := func(string) (any, bool) { return nil, false }
	switch x := v.(type) {
	case *cmdlet.Object:
		get = x.Get
	case *cmdlet.Hashtable:
		get = x.Get
	}
	id, ok := get("Identity")
	if !ok || fmt.Sprint(id) == "" {
		return "", "", usage("InvalidInstance", "-Instance takes a PersistentChatState object with an Identity, as Get-CsPersistentChatState writes.")
	}
	st, _ := get("PoolState")
	if st == nil {
		st = ""
	}
	return fmt.Sprint(id), fmt.Sprint(st), nil
}

func alreadySet(pool, state string) error {
	return cmdlet.Errorf(cmdlet.CategoryInvalidOperation, "PoolStateAlreadySet", ServiceIdentity(pool),
		"The pool %s is already %s; nothing was changed.", pool, state)
}

// warnActiveOutside warns about active servers the new state leaves
// outside the database's data center (R3 step 7, R4 step 6).
func warnActiveOutside(ctx *cmdlet.Context, pool *PoolInfo) error {
	t, err := loadTopology(ctx)
	if err != nil {
		return err
	}
	for _, msg := range outsideDatabaseSite(t, pool) {
		ctx.WriteWarning("%s; set the active servers with Set-CsPersistentChatActiveServer.", msg)
	}
	return nil
}

// resolvePool selects the backend and the pool an -Identity names;
// allowGlobal accepts "global" for the single collection.
func resolvePool(ctx *cmdlet.Context, identity string, allowGlobal bool) (Backend, *PoolInfo, error) {
	id, err := ParseIdentity(identity)
	if err == nil && id.Global && !allowGlobal {
		err = cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "InvalidIdentity", identity,
			"%q names the active server collection, not a pool.", identity).WithHint("use service:PersistentChatServer:<pool fqdn>")
	}
	if err != nil {
		return nil, nil, err
	}
	b, err := backendFor(ctx)
	if err != nil {
		return nil, nil, err
	}
	pools, err := b.Pools(ctx)
	if err != nil {
		return nil, nil, err
	}
	pool, err := id.resolve(identity, pools)
	return b, pool, err
}

var _ cmdlet.Cmdlet = (*setChatState)(nil)
