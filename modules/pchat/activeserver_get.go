package pchat

import (
	"strings"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Get-CsPersistentChatActiveServer",
		Synopsis: "Gets the active and inactive servers of Persistent Chat pools.",
		Description: "The Lync Server Management Shell has no such reader; this one reads the lab CMS, or the " +
			"ActiveServers and InactiveServers of Get-CsService -PersistentChatServer.",
		Output: "PersistentChatActiveServer",
		Examples: []cmdlet.Example{
			{Code: "Get-CsPersistentChatActiveServer", Remarks: "Lists every pool's active and inactive servers."},
			{Code: "Get-CsPersistentChatActiveServer -Identity service:pc.contoso.com | Format-List", Remarks: "Shows one pool."},
		},
		Related: []string{"Set-CsPersistentChatActiveServer", "Get-CsPersistentChatState"},
		New:     func() cmdlet.Cmdlet { return new(getActiveServer) },
	})
}

// PersistentChatActiveServer is a pool's active server list.
type PersistentChatActiveServer struct {
	Identity        string
	PoolState       string
	ActiveServers   []string
	InactiveServers []string
}

type getActiveServer struct {
	Identity string `param:"position=0" help:"The pool, e.g. service:PersistentChatServer:pc.contoso.com; all pools when omitted."`
}

// Process writes one object per selected pool.
func (c *getActiveServer) Process(ctx *cmdlet.Context) error {
	pools, id, err := selectPools(ctx, c.Identity, "", false)
	if err != nil {
		return err
	}
	for _, p := range pools {
		if id.Pool == "" || strings.EqualFold(p.FQDN, id.Pool) {
			ctx.WriteObject(PersistentChatActiveServer{Identity: ServiceIdentity(p.FQDN), PoolState: p.PoolState,
				ActiveServers: p.ActiveServers, InactiveServers: p.InactiveServers})
		}
	}
	return nil
}

var _ cmdlet.Cmdlet = (*getActiveServer)(nil)
