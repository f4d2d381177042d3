package mirror

import (
	"strings"

	"pcsh/modules/topology"
	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Get-CsDatabaseMirrorState",
		Synopsis: "Gets the mirroring role and state of a Persistent Chat pool's databases on their primary and mirror stores.",
		Description: "For each database of the pool (mgc, and mgccomp when the pool has compliance stores; or the one " +
			"-DatabaseType names) it reads sys.database_mirroring on the topology's primary and mirror stores (the " +
			"backup and backup mirror while the pool state the Persistent Chat backend reports is FailedOver). StateOnPrimary and StateOnMirror are " +
			"Principal or Mirror, or DatabaseInaccessibleOrMirroringNotEnabled when the instance cannot be reached, the " +
			"database is missing or it is not mirrored; the MirroringStatus properties are the SQL Server mirroring " +
			"state in lower case (synchronized, synchronizing, suspended, disconnected, pending_failover). -Report writes " +
			"an HTML page of what was read on each instance. It also reads the database on every store of the pool (primary, " +
			"mirror, backup, backup mirror): more than one writable copy (ONLINE, READ_WRITE, not a mirror), as when a " +
			"restarted primary data center comes back beside the failed-over backup, is a split brain: a warning names the " +
			"copies and the one the pool uses, and the SplitBrain, WritableCopies and InUse properties say so. " + localStoreNote,
		Output: "DatabaseMirrorState",
		Examples: []cmdlet.Example{
			{Code: `Get-CsDatabaseMirrorState -PoolFqdn pc.contoso.com -DatabaseType PersistentChat`,
				Remarks: "Shows which store holds the principal mgc and whether the pair is synchronized (R5 step 1)."},
			{Code: `Get-CsDatabaseMirrorState -PoolFqdn pc.contoso.com | Format-List`, Remarks: "Shows every Persistent Chat database of the pool."},
			{Code: `Get-CsDatabaseMirrorState -PoolFqdn pc.contoso.com -LocalStore -Report C:\Logs\DatabaseMirrorState.html`,
				Remarks: "The documented form; writes the report of what was read."},
		},
		Related: []string{"Invoke-CsDatabaseFailover", "Get-PcMirroringStatus"},
		New:     func() cmdlet.Cmdlet { return new(getMirrorState) },
	})
}

// NotEnabled is the documented state of a database that cannot be read or
// is not mirrored.
const NotEnabled = "DatabaseInaccessibleOrMirroringNotEnabled"

// DatabaseMirrorState is one database's mirroring as Lync reports it,
// with pcsh's split brain check: the pool's stores where the database is
// writable, whether there is more than one, and the one the pool uses.
type DatabaseMirrorState struct {
	DatabaseName               string
	StateOnPrimary             string
	StateOnMirror              string
	MirroringStatusOnPrimary   string
	MirroringStatusOnSecondary string
	PoolState                  string   // Normal or FailedOver, from the Persistent Chat backend
	WritableCopies             []string // the pool's stores where the database is ONLINE, READ_WRITE and not a mirror
	SplitBrain                 bool     // more than one writable copy
	InUse                      string   // the writable copy the pool uses: of the primary pair when Normal, the backup pair when FailedOver
}

// DefaultView shows Lync's properties; the split brain check shows in a
// warning and in the other properties (Format-List *).
func (DatabaseMirrorState) DefaultView() []string {
	return []string{"DatabaseName", "StateOnPrimary", "StateOnMirror", "MirroringStatusOnPrimary", "MirroringStatusOnSecondary"}
}

type getMirrorState struct {
	PoolFqdn     string       `param:"mandatory,position=0" help:"The Persistent Chat pool's FQDN."`
	DatabaseType DatabaseType `param:"" help:"PersistentChat or PersistentChatCompliance; both when omitted."`
	LocalStore   bool         `param:"" help:"Reads the pool's stores from the local topology document, as pcsh always does."`
	Report       string       `param:"" help:"Writes an HTML report of what was read on each instance to this file."`
}

// Process reads each database on both partners.
func (c *getMirrorState) Process(ctx *cmdlet.Context) error {
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
	rep := newReport(c.Report, "Get-CsDatabaseMirrorState")
	for _, dt := range c.types(t) {
		p, err := pairForPool(t, c.PoolFqdn, dt, state)
		if err != nil {
			return err
		}
		onP, stP := sideState(ctx, w, rep, instanceName(p.Principal), p.Database)
		onM, stM := sideState(ctx, w, rep, instanceName(p.Mirror), p.Database)
		copies := writableCopies(ctx, w, t, storeSet(t.Pool(c.PoolFqdn), dt), p.Database)
		used := inUse(p, copies)
		warnSplitBrain(ctx, c.PoolFqdn, state, p.Database, copies, used)
		ctx.WriteObject(&DatabaseMirrorState{DatabaseName: p.Database, StateOnPrimary: onP, StateOnMirror: onM,
			MirroringStatusOnPrimary: stP, MirroringStatusOnSecondary: stM, PoolState: state,
			WritableCopies: copies, SplitBrain: len(copies) > 1, InUse: used})
	}
	return rep.write(ctx, w, c.Report)
}

// types returns -DatabaseType, or the pool's Persistent Chat types.
func (c *getMirrorState) types(t *topology.Topology) []DatabaseType {
	if c.DatabaseType != "" {
		return []DatabaseType{c.DatabaseType}
	}
	out := []DatabaseType{TypePersistentChat}
	if p := t.Pool(c.PoolFqdn); p != nil && p.ComplianceStores != nil {
		out = append(out, TypePersistentChatCompliance)
	}
	return out
}

// sideState reads the database's role and state on one instance; any
// failure to read is the documented "inaccessible or not enabled". The
// report gets a row for what was read.
func sideState(ctx *cmdlet.Context, w *World, rep *report, name, db string) (role, state string) {
	what := "sys.database_mirroring of " + db
	s, err := connect(ctx, w, name)
	if err == nil {
		var d dbState
		if d, err = readDatabase(ctx, s, db); err == nil && d.Mirrored {
			role, state = titleCase(d.Role), strings.ToLower(d.MirrorState)
			rep.note(name, what, role+", "+state)
			return role, state
		}
	}
	outcome := NotEnabled
	if err != nil {
		msg := cmdlet.AsRecord(err).Message
		ctx.WriteVerbose("%s on %s: %s", db, name, msg)
		outcome += ": " + msg
	}
	rep.note(name, what, outcome)
	return NotEnabled, ""
}

// titleCase turns PRINCIPAL into Principal.
func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + strings.ToLower(s[1:])
}

var _ cmdlet.Cmdlet = (*getMirrorState)(nil)
