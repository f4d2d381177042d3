package pchat

import (
	"strings"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Set-CsPersistentChatActiveServer",
		Synopsis: "Manages the list of active Persistent Chat servers, the ones that accept new client connections.",
		Description: "-ActiveServers takes a list modifier @{Add=...; Remove=...; Replace=...}, $null or an empty list " +
			"to clear the list (as in failover and failback), or a plain list to replace it. -Swap makes the active " +
			"servers inactive and the inactive ones active. A pool has at most 4 active servers, and they must be in " +
			"the data center of the database in use (primary when Normal, backup when FailedOver, from the topology " +
			"document) unless -Force. A change that leaves the pool with no active server, or removes the last active " +
			"server of the data center that holds the database in use, is a chat outage: it is High impact and " +
			"confirmed as such (-Confirm:$false or -Force in a non-interactive run). " +
			"-Identity is 'global' (the default), 'PChatServerCollection' or the pool's " +
			"service identity. The Management Shell receives the documented line, which -WhatIf prints.",
		Impact: cmdlet.ImpactMedium,
		Examples: []cmdlet.Example{
			{Code: `Set-CsPersistentChatActiveServer -Identity "global" -ActiveServers @{Add="pc5.contoso.com"} -WhatIf`, Remarks: "Shows the line that would activate pc5."},
			{Code: `Set-CsPersistentChatActiveServer -Identity "global" -ActiveServers @{Remove="atl-gc-001.litwareinc.com"}`, Remarks: "Deactivates a server; its existing connections stay (C1 example)."},
			{Code: `Set-CsPersistentChatActiveServer -Identity "global" -ActiveServers $Null`, Remarks: "Clears the list, as failback and failover do (C1 example)."},
			{Code: "Set-CsPersistentChatActiveServer -ActiveServers pc5.contoso.com, pc6.contoso.com -Force", Remarks: "Replaces the list, even outside the database's data center."},
			{Code: "Set-CsPersistentChatActiveServer -Identity service:pc.contoso.com -Swap", Remarks: "Swaps active and inactive servers."},
		},
		Related: []string{"Get-CsPersistentChatActiveServer", "Set-CsPersistentChatState"},
		New:     func() cmdlet.Cmdlet { return new(setActiveServer) },
	})
}

type setActiveServer struct {
	Identity      string `param:"position=0" help:"'global' (default), 'PChatServerCollection', or the pool's service identity such as service:pc.contoso.com."`
	ActiveServers any    `param:"type=PSListModifier" help:"@{Add=...; Remove=...; Replace=...}, a list of server FQDNs to replace the list, or $null (in Lua an empty table, {}) to clear it."`
	Swap          bool   `param:"" help:"Makes the active servers inactive and the inactive servers active."`
}

// Process builds the change, checks the rules, confirms and applies it.
func (c *setActiveServer) Process(ctx *cmdlet.Context) error {
	ch, err := c.change(ctx)
	if err != nil {
		return err
	}
	b, pool, err := resolvePool(ctx, c.Identity, true)
	if err != nil {
		return err
	}
	ch.Identity = lineIdentity(c.Identity, pool)
	topo, err := loadTopology(ctx)
	if err != nil {
		return err
	}
	rules := &activeRules{ctx: ctx, topo: topo}
	if err := rules.check(pool, ch.Apply(pool)); err != nil {
		return err
	}
	warnNoops(ctx, pool, ch)
	if !ctx.ShouldProcessAt(rules.impact(pool, ch.Apply(pool)), changeTarget(b, pool.FQDN), ch.Line()) {
		return nil
	}
	after, err := b.SetActiveServers(ctx, pool.FQDN, ch, rules.check)
	if err != nil {
		return err
	}
	list := strings.Join(after.ActiveServers, ", ")
	if list == "" {
		list = "none"
	}
	ctx.WriteVerbose("Active servers of %s: %s.", after.FQDN, list)
	return nil
}

// change reads -ActiveServers or -Swap: exactly one must be given.
func (c *setActiveServer) change(ctx *cmdlet.Context) (Change, error) {
	given := ctx.Bound.Has("ActiveServers")
	if given == c.Swap {
		return Change{}, usage("ActiveServersOrSwap", "Specify either -ActiveServers or -Swap.")
	}
	if c.Swap {
		return Change{Swap: true}, nil
	}
	return parseChange(c.ActiveServers)
}

// lineIdentity is the -Identity sent: 'global' unless a pool was named.
func lineIdentity(given string, pool *PoolInfo) string {
	if id, _ := ParseIdentity(given); id.Pool != "" {
		return ServiceIdentity(pool.FQDN)
	}
	if strings.TrimSpace(given) == "" {
		return "global"
	}
	return strings.TrimSpace(given)
}

// warnNoops warns about adding an active server or removing an inactive
// one: harmless, but probably not what was meant.
func warnNoops(ctx *cmdlet.Context, pool *PoolInfo, ch Change) {
	for _, s := range ch.Add {
		if containsFold(pool.ActiveServers, s) {
			ctx.WriteWarning("%s is already active.", s)
		}
	}
	for _, s := range ch.Remove {
		if !containsFold(pool.ActiveServers, s) {
			ctx.WriteWarning("%s is not active.", s)
		}
	}
}

var _ cmdlet.Cmdlet = (*setActiveServer)(nil)
