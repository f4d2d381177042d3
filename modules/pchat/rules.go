package pchat

import (
	"errors"
	"io/fs"
	"os"
	"strings"

	"pcsh/modules/topology"
	"pcsh/runtime/cmdlet"
)

// maxActive is the documented limit of active servers per pool (R8).
const maxActive = 4

// activeRules enforces the documented active server rules for one
// command: pool membership, at most 4 active, and the data center of the
// database in use unless -Force.
type activeRules struct {
	ctx    *cmdlet.Context
	topo   *topology.Topology // nil when there is no topology document
	warned bool               // the -Force warning was written
}

// loadTopology loads the default topology document, or returns nil after a
// warning when there is none.
func loadTopology(ctx *cmdlet.Context) (*topology.Topology, error) {
	path := topology.DefaultPath(ctx.Session.Getenv)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		ctx.WriteWarning("No topology document (%s); the data center of the database in use is not checked.", path)
		return nil, nil
	}
	return topology.LoadFor(ctx, path)
}

// check is the CheckFunc the backends call before changing the list.
func (r *activeRules) check(before, after *PoolInfo) error {
	all := before.servers()
	for _, s := range after.ActiveServers {
		if !containsFold(all, s) {
			return serverNotInPool(s, before.FQDN, all)
		}
	}
	if n := len(after.ActiveServers); n > maxActive {
		return cmdlet.Errorf(cmdlet.CategoryInvalidOperation, "TooManyActiveServers", before.FQDN,
			"The pool %s would have %d active servers; at most %d can be active.", before.FQDN, n, maxActive).
			WithHint("remove servers with @{Remove=...} or list at most %d with @{Replace=...}", maxActive)
	}
	return r.checkDataCenter(after)
}

func serverNotInPool(server, pool string, all []string) error {
	rec := cmdlet.Errorf(cmdlet.CategoryObjectNotFound, "ServerNotInPool", server,
		"%s is not a server of the pool %s.", server, pool)
	if s := cmdlet.Suggest(server, all, 1); len(s) > 0 {
		rec.Hint = "did you mean '" + s[0] + "'?"
	}
	return rec
}

// checkDataCenter requires every active server in the data center of the
// database the pool state uses (R3, R4); -Force turns it into a warning.
func (r *activeRules) checkDataCenter(p *PoolInfo) error {
	bad := outsideDatabaseSite(r.topo, p)
	if len(bad) == 0 {
		return nil
	}
	msg := strings.Join(bad, "; ")
	if r.ctx.Force() || r.ctx.Mode() == cmdlet.Planning {
		// under -WhatIf the pool state may be one an earlier step of a
		// runbook only planned to set, so the rule is shown, not enforced
		why := "allowed by -Force"
		if !r.ctx.Force() {
			why = "-WhatIf shows the change anyway: a run checks it against the pool state then"
		}
		if !r.warned {
			r.ctx.WriteWarning("%s (%s).", msg, why)
		}
		r.warned = true
		return nil
	}
	return cmdlet.Errorf(cmdlet.CategoryInvalidOperation, "ActiveServerOutsideDatabaseSite", p.FQDN, "%s.", msg).
		WithHint("activate servers in the database's data center, or use -Force when the link is low latency and high bandwidth")
}

// impact is the change's impact: High when it empties the pool's active
// servers, or takes away the last active server in the data center of
// the database in use (a chat outage); the command's Medium otherwise.
func (r *activeRules) impact(before, after *PoolInfo) cmdlet.Impact {
	if len(before.ActiveServers) > 0 && len(after.ActiveServers) == 0 {
		return cmdlet.ImpactHigh
	}
	if n := inDatabaseSite(r.topo, before); n > 0 && inDatabaseSite(r.topo, after) == 0 {
		return cmdlet.ImpactHigh
	}
	return r.ctx.Command.Impact
}

// inDatabaseSite counts the active servers in (or linked with low latency
// to) the data center of the database in use; 0 without a topology.
func inDatabaseSite(t *topology.Topology, p *PoolInfo) int {
	if t == nil || t.Pool(p.FQDN) == nil {
		return 0
	}
	return len(p.ActiveServers) - len(outsideDatabaseSite(t, p))
}

// outsideDatabaseSite describes each active server that is not in (or
// linked with low latency to) the data center of the database in use.
func outsideDatabaseSite(t *topology.Topology, p *PoolInfo) []string {
	if t == nil {
		return nil
	}
	tp := t.Pool(p.FQDN)
	if tp == nil {
		return nil
	}
	db := t.Store(tp.DatabaseStore(p.PoolState))
	var out []string
	for _, s := range p.ActiveServers {
		srv := tp.Server(s)
		if db != nil && srv != nil && !t.Connected(srv.Site, db.Site) {
			out = append(out, s+" is in "+srv.Site+" but the pool is "+p.PoolState+" and its database "+db.Name+" is in "+db.Site)
		}
	}
	return out
}
