package mirror

import (
	"time"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Install-CsMirrorDatabase",
		Synopsis: "Seeds a mirror of a Persistent Chat database through a file share and starts database mirroring with the topology's mirror and witness.",
		Description: "Finds the database's mirror and witness in the topology document (PCSH_TOPOLOGY or ./topology.lua): " +
			"-SqlServerFqdn and -SqlInstanceName name the primary store (or, after a disaster recovery failover, the " +
			"backup store, mirrored to the backup mirror). Checks first: the database ONLINE in FULL recovery, primary, " +
			"mirror and witness on the same SQL Server version, primary and mirror on the same edition, no database of " +
			"that name on the mirror (or -DropExistingDatabasesOnMirror; an ONLINE one also needs -AllowDataLoss) and the share " +
			"writable. Then: a copy-only full and log backup to -FileShare, RESTORE WITH NORECOVERY of both on the mirror, " +
			"a started mirroring endpoint on each instance (created on the topology's port, default 5022 and 7022 for " +
			"the witness; an existing one is reused with its port), SET PARTNER on the mirror and then on the " +
			"principal, SET WITNESS, and a wait for SYNCHRONIZED with the witness connected. -WhatIf prints each " +
			"statement; the reads still run, and an unreachable instance is assumed to be in the expected state. " +
			"With -ServiceAccount (a pcsh extension: Lync reads the service accounts through WMI), after the endpoints each " +
			"instance gets CREATE LOGIN [DOMAIN\\account] FROM WINDOWS (when missing) and GRANT CONNECT ON ENDPOINT " +
			"(when not granted) for the service accounts of the other instances of the pair, as the SSMS wizard's Service " +
			"Accounts page does; an instance running under the same account as another needs neither.",
		Impact: cmdlet.ImpactHigh,
		Output: "CsMirrorDatabase",
		Examples: []cmdlet.Example{
			{Code: `Install-CsMirrorDatabase -DatabaseType PersistentChat -SqlServerFqdn sql1.contoso.com -SqlInstanceName pchat -FileShare \\fs1.contoso.com\mirror -WhatIf`,
				Remarks: "Shows every statement that seeding and mirroring mgc would run."},
			{Code: `Install-CsMirrorDatabase -ConfiguredDatabases -SqlServerFqdn sql1.contoso.com -ForInstance pchat -FileShare \\fs1.contoso.com\mirror -DropExistingDatabasesOnMirror -Verbose`,
				Remarks: "Mirrors mgc and mgccomp of the pchat instance on sql1, replacing leftover copies on the mirror."},
			{Code: `Install-CsMirrorDatabase -ConfiguredDatabases -SqlServerFqdn sql1.contoso.com -ForDefaultInstance -FileShare \\fs1.contoso.com\mirror -WhatIf`,
				Remarks: "Shows the statements for the databases of sql1's default instance only."},
			{Code: `Install-CsMirrorDatabase -DatabaseType PersistentChat -SqlServerFqdn sql1.contoso.com -SqlInstanceName pchat -FileShare \\fs1.contoso.com\mirror -ServiceAccount @{"*"="CONTOSO\sqlsvc"; "sqlw.contoso.com"="CONTOSO\sqlwitness"} -WhatIf`,
				Remarks: "Also shows the logins and GRANT CONNECT ON ENDPOINT statements for the partners' and the witness's service accounts."},
			{Code: `Install-CsMirrorDatabase -DatabaseType PersistentChat -SqlServerFqdn sql1.contoso.com -SqlInstanceName pchat -FileShare \\fs1.contoso.com\mirror -DatabasePathMap @{"PersistentChat:DbPath"="E:\Data";"PersistentChat:LogPath"="F:\Logs"} -Report C:\Logs\InstallDatabaseMirror.html`,
				Remarks: "Places the mirror's files elsewhere and writes an HTML report."},
		},
		Related: []string{"Uninstall-CsMirrorDatabase", "Get-CsDatabaseMirrorState", "Get-PcMirroringStatus"},
		New:     func() cmdlet.Cmdlet { return new(installMirror) },
	})
}

type installMirror struct {
	DatabaseType                  DatabaseType      `param:"" help:"The database to mirror: PersistentChat (mgc) or PersistentChatCompliance (mgccomp)."`
	ConfiguredDatabases           bool              `param:"" help:"Mirrors every Persistent Chat database the topology gives a mirror on this server."`
	SqlServerFqdn                 string            `param:"mandatory" help:"FQDN of the primary SQL Server (the backup store's after a disaster recovery failover)."`
	SqlInstanceName               string            `param:"" help:"With -DatabaseType, the named instance; the default instance when omitted."`
	ForDefaultInstance            bool              `param:"" help:"With -ConfiguredDatabases, acts only on the default instance of -SqlServerFqdn."`
	ForInstance                   string            `param:"" help:"With -ConfiguredDatabases, acts only on this named instance of -SqlServerFqdn."`
	FileShare                     string            `param:"mandatory" help:"UNC path of the share the backups go through; both partners' service accounts need read and write access."`
	DropExistingDatabasesOnMirror bool              `param:"" help:"Drops a database of the same name on the mirror first (an ONLINE one only with -AllowDataLoss)."`
	AllowDataLoss                 bool              `param:"" help:"With -DropExistingDatabasesOnMirror, allows dropping an ONLINE database on the mirror, losing its data. Only on this call: never implied by -Force or inherited."`
	ExcludeDatabaseList           []string          `param:"" help:"Databases not to mirror, e.g. mgccomp."`
	DatabasePathMap               *cmdlet.Hashtable `param:"" help:"Mirror file directories, e.g. @{\"PersistentChat:DbPath\"=\"E:\\Data\";\"PersistentChat:LogPath\"=\"F:\\Logs\"}."`
	Report                        string            `param:"" help:"Writes an HTML report of the statements run to this file."`
	Timeout                       time.Duration     `param:"default=5m" help:"How long to wait for SYNCHRONIZED with the witness connected."`
	ServiceAccount                *cmdlet.Hashtable `param:"" help:"pcsh extension (Lync finds the accounts through WMI): the SQL Server service account of each instance, @{\"sql1.contoso.com\\pchat\"=\"CONTOSO\\sqlsvc1\"; \"*\"=\"CONTOSO\\sqlsvc\"} (\"*\" for the others). Each instance gets a Windows login and CONNECT on its mirroring endpoint for the other instances' accounts."`
}

// Validate requires exactly one of -DatabaseType and -ConfiguredDatabases
// and the parameters of that set only (C2): -SqlInstanceName with
// -DatabaseType; -ForDefaultInstance or -ForInstance, not both, with
// -ConfiguredDatabases.
func (c *installMirror) Validate() error {
	switch {
	case (c.DatabaseType == "") == !c.ConfiguredDatabases:
		return errorf(categoryArg, "DatabaseSelectionInvalid", "", "Give either -DatabaseType or -ConfiguredDatabases.")
	case c.ForDefaultInstance && c.ForInstance != "":
		return errorf(categoryArg, "InstanceSelectionInvalid", "", "-ForDefaultInstance and -ForInstance cannot be used together.")
	case !c.ConfiguredDatabases && (c.ForDefaultInstance || c.ForInstance != ""):
		return errorf(categoryArg, "InstanceSelectionInvalid", "", "-ForDefaultInstance and -ForInstance go with -ConfiguredDatabases.").
			WithHint("with -DatabaseType, -SqlInstanceName names the instance")
	case c.ConfiguredDatabases && c.SqlInstanceName != "":
		return errorf(categoryArg, "InstanceSelectionInvalid", "", "-SqlInstanceName goes with -DatabaseType.").
			WithHint("with -ConfiguredDatabases, -ForInstance %s names the instance", c.SqlInstanceName)
	}
	return nil
}

// instances says which instances of -SqlServerFqdn the command acts on:
// with -DatabaseType the one -SqlInstanceName names (the default one when
// it is omitted); with -ConfiguredDatabases the one -ForInstance names,
// the default one with -ForDefaultInstance, and every instance of the
// server without either.
func (c *installMirror) instances() func(instance string) bool {
	switch {
	case !c.ConfiguredDatabases:
		return namedInstance(c.SqlInstanceName)
	case c.ForDefaultInstance:
		return namedInstance("")
	case c.ForInstance != "":
		return namedInstance(c.ForInstance)
	}
	return func(string) bool { return true }
}

// Process installs the mirror of each selected database.
func (c *installMirror) Process(ctx *cmdlet.Context) error {
	w := For(ctx.Session)
	t, err := w.Topology(ctx, "")
	if err != nil {
		return err
	}
	if err := supported(c.types()); err != nil {
		return err
	}
	pairs, err := pairsForServer(t, c.SqlServerFqdn, c.instances(), c.types())
	if err != nil {
		return err
	}
	rep := newReport(c.Report, "Install-CsMirrorDatabase")
	err = eachPair(ctx, pairs, c.ExcludeDatabaseList, func(p *pair) error { return c.install(ctx, w, p, rep) })
	if werr := rep.write(ctx, w, c.Report); err == nil {
		err = werr
	}
	return err
}

// types returns the database types to mirror.
func (c *installMirror) types() []DatabaseType {
	if c.ConfiguredDatabases {
		return []DatabaseType{TypePersistentChat, TypePersistentChatCompliance}
	}
	return []DatabaseType{c.DatabaseType}
}

var (
	_ cmdlet.Cmdlet    = (*installMirror)(nil)
	_ cmdlet.Validator = (*installMirror)(nil)
)
