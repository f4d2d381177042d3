package mirror

import (
	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Get-PcMirroringStatus",
		Synopsis: "Gets the database mirroring sessions of an instance: role, state, safety, partner, witness, queues and failover LSN.",
		Description: "Reads sys.database_mirroring for -Database, or for every mirrored database of the instance, and the " +
			"Log Send Queue KB and Redo Queue KB counters of the Database Mirroring performance object (nil where the " +
			"instance has none). -SqlInstance takes a topology store name, a lab name, host[\\instance][,port] or a " +
			"connection string.",
		Output: "PcMirroringStatus",
		Examples: []cmdlet.Example{
			{Code: `Get-PcMirroringStatus sql1 -Database mgc`, Remarks: "Shows mgc's session as the topology's primary store sees it."},
			{Code: `Get-PcMirroringStatus dc1-sql2.lab.local | Format-List`, Remarks: "Shows every mirrored database of a lab instance."},
		},
		Related: []string{"Get-CsDatabaseMirrorState", "Suspend-PcMirroring", "Resume-PcMirroring"},
		New:     func() cmdlet.Cmdlet { return new(getStatus) },
	})
}

type getStatus struct {
	SqlInstance string `param:"mandatory,position=0,alias=ServerInstance|SqlServer" help:"A topology store name, lab name, host[\\instance][,port] or connection string."`
	Database    string `param:"position=1" help:"The database; every mirrored database when omitted."`
}

// Process writes one status per database.
func (c *getStatus) Process(ctx *cmdlet.Context) error {
	w := For(ctx.Session)
	name := resolveName(ctx, w, c.SqlInstance)
	s, err := connect(ctx, w, name)
	if err != nil {
		return err
	}
	dbs := []string{c.Database}
	if c.Database == "" {
		if dbs, err = readMirrored(ctx, s); err != nil {
			return err
		}
	}
	for _, db := range dbs {
		d, err := readDatabase(ctx, s, db)
		switch {
		case err != nil:
			return err
		case !d.Mirrored:
			ctx.WriteError(notMirrored(name, db))
		default:
			ctx.WriteObject(statusOf(ctx, s, name, d))
		}
	}
	return nil
}

var _ cmdlet.Cmdlet = (*getStatus)(nil)
