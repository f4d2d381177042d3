package mirror

import (
	"time"

	"pcsh/modules/topology"
	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Invoke-CsDatabaseFailover",
		Synopsis: "Fails a mirrored Persistent Chat database over to its partner: planned, or forced on the mirror when the principal is down.",
		Description: "-NewPrincipal names the topology store that is to hold the principal database: Mirror or Primary. " +
			"Planned failover (the current principal reachable): the current principal must be the PRINCIPAL, with " +
			"SAFETY FULL and SYNCHRONIZED (a SYNCHRONIZING session is waited for up to -Timeout); then ALTER DATABASE … " +
			"SET PARTNER FAILOVER runs on it, in master, and the swapped roles are verified on both partners. Forced " +
			"failover (the current principal unreachable) needs -AllowDataLoss on this call (-Force does not allow it): it runs only on the mirror, as ALTER DATABASE " +
			"… SET PARTNER FORCE_SERVICE_ALLOW_DATA_LOSS, after a warning of what may be lost as the mirror last saw " +
			"it (state, safety, its end of log and failover LSNs, redo queue); the session is SUSPENDED afterwards and " +
			"Resume-PcMirroring resumes it once the old principal is back, discarding its unsent log. " + localStoreNote,
		Impact: cmdlet.ImpactHigh,
		Output: "CsDatabaseFailover",
		Examples: []cmdlet.Example{
			{Code: `Invoke-CsDatabaseFailover -PoolFqdn pc.contoso.com -DatabaseType PersistentChat -NewPrincipal Mirror -WhatIf`,
				Remarks: "Shows the failover statement and the instance it would run on."},
			{Code: `Invoke-CsDatabaseFailover -PoolFqdn pc.contoso.com -DatabaseType PersistentChat -NewPrincipal Primary -Verbose`,
				Remarks: "Fails back to the primary store (R5 step 3)."},
			{Code: `Invoke-CsDatabaseFailover -PoolFqdn pc.contoso.com -DatabaseType PersistentChat -NewPrincipal Mirror -AllowDataLoss -WhatIf`,
				Remarks: "Shows the forced service the mirror would run when the principal is down."},
			{Code: `Invoke-CsDatabaseFailover -PoolFqdn pc.contoso.com -DatabaseType PersistentChat -NewPrincipal Mirror -AllowDataLoss`,
				Remarks: "Forces service on the mirror when the principal is down, accepting data loss."},
		},
		Related: []string{"Get-CsDatabaseMirrorState", "Get-PcMirroringStatus", "Resume-PcMirroring"},
		New:     func() cmdlet.Cmdlet { return new(invokeFailover) },
	})
}

// MirrorRole is -NewPrincipal: the topology store that becomes principal.
type MirrorRole string

// Values lists the roles.
func (MirrorRole) Values() []string { return []string{"Primary", "Mirror"} }

type invokeFailover struct {
	PoolFqdn            string        `param:"mandatory" help:"The Persistent Chat pool's FQDN."`
	DatabaseType        DatabaseType  `param:"mandatory" help:"PersistentChat (mgc) or PersistentChatCompliance (mgccomp)."`
	NewPrincipal        MirrorRole    `param:"mandatory" help:"Mirror or Primary: the topology store that is to hold the principal."`
	ExcludeDatabaseList []string      `param:"" help:"Databases not to fail over."`
	LocalStore          bool          `param:"" help:"Reads the pool's stores from the local topology document, as pcsh always does."`
	Report              string        `param:"" help:"Writes an HTML report of the statements run to this file."`
	Timeout             time.Duration `param:"default=1m" help:"How long to wait for SYNCHRONIZED before, and for the new roles after, the failover."`
	AllowDataLoss       bool          `param:"" help:"Allows a forced failover (FORCE_SERVICE_ALLOW_DATA_LOSS) when the principal is down, losing what the mirror had not hardened. Only on this call: never implied by -Force or inherited."`
}

// Process fails over the selected database.
func (c *invokeFailover) Process(ctx *cmdlet.Context) error {
	w := For(ctx.Session)
	localStore(ctx, c.LocalStore)
	t, err := w.Topology(ctx, "")
	if err != nil {
		return err
	}
	state, err := topology.PoolStateOf(ctx, t, c.PoolFqdn, c.LocalStore)
	if err != nil {
		return err
	}
	p, err := pairForPool(t, c.PoolFqdn, c.DatabaseType, state)
	if err != nil {
		return err
	}
	rep := newReport(c.Report, "Invoke-CsDatabaseFailover")
	err = eachPair(ctx, []*pair{p}, c.ExcludeDatabaseList, func(p *pair) error { return c.failover(ctx, w, p, rep) })
	if werr := rep.write(ctx, w, c.Report); err == nil {
		err = werr
	}
	return err
}

// CsDatabaseFailover is the outcome of a failover of one database.
type CsDatabaseFailover struct {
	DatabaseName   string
	OldPrincipal   string
	NewPrincipal   string
	Kind           string // Planned or Forced
	MirroringState string
	Safety         string
	// What the mirror had hardened when service was forced (Forced only).
	MirrorEndOfLogLSN string
	FailoverLSN       string
	RedoQueueKB       any
}

var _ cmdlet.Cmdlet = (*invokeFailover)(nil)
