package mirror

import (
	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Uninstall-CsMirrorDatabase",
		Synopsis: "Removes database mirroring from a Persistent Chat database and, on request, the mirror's copy.",
		Description: "Runs ALTER DATABASE … SET PARTNER OFF on the principal store the topology names (on the mirror when " +
			"the principal cannot be reached), which also removes the witness. With -DropExistingDatabasesOnMirror it " +
			"then drops the copy on the topology's mirror, which is left RESTORING; it refuses when the mirror holds the " +
			"principal database after a failover (fail back first). Afterwards it checks that the session is gone.",
		Impact: cmdlet.ImpactHigh,
		Output: "CsMirrorDatabaseRemoval",
		Examples: []cmdlet.Example{
			{Code: `Uninstall-CsMirrorDatabase -SqlServerFqdn sql1.contoso.com -SqlInstanceName pchat -DatabaseType PersistentChat -WhatIf`,
				Remarks: "Shows the statements that would end mirroring of mgc."},
			{Code: `Uninstall-CsMirrorDatabase -SqlServerFqdn sql1.contoso.com -SqlInstanceName pchat -DatabaseType PersistentChat -DropExistingDatabasesOnMirror -Verbose`,
				Remarks: "Ends mirroring and drops the mirror's copy of mgc (R1 example, for Persistent Chat)."},
		},
		Related: []string{"Install-CsMirrorDatabase", "Get-CsDatabaseMirrorState"},
		New:     func() cmdlet.Cmdlet { return new(uninstallMirror) },
	})
}

type uninstallMirror struct {
	DatabaseType                  DatabaseType `param:"mandatory" help:"PersistentChat (mgc) or PersistentChatCompliance (mgccomp)."`
	SqlServerFqdn                 string       `param:"mandatory" help:"FQDN of the primary SQL Server (the backup store's after a disaster recovery failover)."`
	SqlInstanceName               string       `param:"" help:"The named instance; the default instance when omitted."`
	DropExistingDatabasesOnMirror bool         `param:"" help:"Drops the copy of the database on the mirror afterwards."`
	Report                        string       `param:"" help:"Writes an HTML report of the statements run to this file."`
}

// Process removes mirroring for the selected database.
func (c *uninstallMirror) Process(ctx *cmdlet.Context) error {
	w := For(ctx.Session)
	if err := supported([]DatabaseType{c.DatabaseType}); err != nil {
		return err
	}
	t, err := w.Topology(ctx, "")
	if err != nil {
		return err
	}
	pairs, err := pairsForServer(t, c.SqlServerFqdn, namedInstance(c.SqlInstanceName), []DatabaseType{c.DatabaseType})
	if err != nil {
		return err
	}
	rep := newReport(c.Report, "Uninstall-CsMirrorDatabase")
	err = eachPair(ctx, pairs, nil, func(p *pair) error { return c.uninstall(ctx, w, p, rep) })
	if werr := rep.write(ctx, w, c.Report); err == nil {
		err = werr
	}
	return err
}

var _ cmdlet.Cmdlet = (*uninstallMirror)(nil)
