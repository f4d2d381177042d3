package pchat

import (
	"path"
	"strings"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Get-CsPersistentChatState",
		Synopsis: "Gets the state (Normal or FailedOver) of Persistent Chat pools.",
		Description: "Normal means the pool uses its primary databases; FailedOver means it uses the backup " +
			"databases defined in the topology. Without -Identity or -Filter every pool is returned. The backend " +
			"is the lab CMS ($PCSH_CMS_DIR) or the Lync Server Management Shell ($PCSH_LYNC_SHELL). -LocalStore reads " +
			"the states from the local replica of the Central Management store rather than from the store itself: the " +
			"Management Shell receives Get-CsPersistentChatState -LocalStore; the lab CMS is one local file, read as it is.",
		Output: "PersistentChatState",
		Examples: []cmdlet.Example{
			{Code: "Get-CsPersistentChatState", Remarks: "Gets the state of every pool."},
			{Code: `Get-CsPersistentChatState -Identity "PersistentChatServer:atl-gc-001.litwareinc.com"`, Remarks: "Gets one pool's state."},
			{Code: `Get-CsPersistentChatState -Filter "*.litwareinc.com"`, Remarks: "Gets the pools whose identity matches the wildcard."},
			{Code: "Get-CsPersistentChatState | Where-Object PoolState -EQ FailedOver", Remarks: "Lists the failed-over pools."},
			{Code: "Get-CsPersistentChatState -LocalStore", Remarks: "Reads the states from the local replica, e.g. while the Central Management store is down."},
		},
		Related: []string{"Set-CsPersistentChatState", "Get-CsPersistentChatActiveServer"},
		New:     func() cmdlet.Cmdlet { return new(getChatState) },
	})
}

// PersistentChatState is a pool's state.
type PersistentChatState struct {
	Identity  string
	PoolState string
}

type getChatState struct {
	Identity   string `param:"position=0" help:"The pool, e.g. service:PersistentChatServer:pc.contoso.com, PersistentChatServer:pc.contoso.com or service:pc.contoso.com."`
	Filter     string `param:"" help:"A wildcard on the identity, e.g. *.contoso.com; not with -Identity."`
	LocalStore bool   `param:"" help:"Reads the states from the local replica of the Central Management store."`
}

// Process writes the selected pools' states.
func (c *getChatState) Process(ctx *cmdlet.Context) error {
	pools, id, err := selectPools(ctx, c.Identity, c.Filter, c.LocalStore)
	if err != nil {
		return err
	}
	for _, p := range pools {
		if id.Pool == "" || strings.EqualFold(p.FQDN, id.Pool) {
			ctx.WriteObject(PersistentChatState{Identity: ServiceIdentity(p.FQDN), PoolState: p.PoolState})
		}
	}
	return nil
}

// selectPools reads the pools (from the local replica with localStore)
// and applies -Identity and -Filter; an unknown identity is a
// non-terminating PoolNotFound.
func selectPools(ctx *cmdlet.Context, identity, filter string, localStore bool) ([]PoolInfo, Identity, error) {
	if identity != "" && filter != "" {
		return nil, Identity{}, usage("IdentityWithFilter", "-Identity and -Filter cannot be used together.")
	}
	id, err := ParseIdentity(identity)
	if err != nil {
		return nil, id, err
	}
	b, err := backendFor(ctx)
	if err != nil {
		return nil, id, err
	}
	read := b.Pools
	if localStore {
		read = b.LocalPools
	}
	pools, err := read(ctx)
	if err != nil {
		return nil, id, err
	}
	if id.Pool != "" {
		if _, err := id.resolve(identity, pools); err != nil {
			ctx.WriteError(err)
		}
	}
	return filtered(pools, filter), id, nil
}

func filtered(pools []PoolInfo, filter string) []PoolInfo {
	if filter == "" {
		return pools
	}
	var out []PoolInfo
	for _, p := range pools {
		if ok, _ := path.Match(strings.ToLower(filter), strings.ToLower(ServiceIdentity(p.FQDN))); ok {
			out = append(out, p)
		}
	}
	return out
}

var _ cmdlet.Cmdlet = (*getChatState)(nil)
