package mirror

import (
	"strings"

	"pcsh/runtime/cmdlet"
)

// resolveName maps a topology store name (sql1) to host[\instance]; other
// names (lab names, addresses, connection strings) pass through to the
// connection module's resolvers.
func resolveName(ctx *cmdlet.Context, w *World, name string) string {
	t, err := w.Topology(ctx, "")
	if err != nil {
		return name
	}
	if s := t.Store(name); s != nil {
		return instanceName(s)
	}
	return name
}

// hostPart is the host of host[\instance][,port]: the name a mirroring
// address uses.
func hostPart(name string) string {
	h, _, _ := strings.Cut(name, ",")
	h, _, _ = strings.Cut(h, `\`)
	return h
}

// sessionOn opens an instance and reads a database's mirroring row. Under
// -WhatIf an unreachable instance is assumed to hold the principal of a
// SYNCHRONIZED session with SAFETY FULL.
func sessionOn(ctx *cmdlet.Context, w *World, name, db string) (SQL, dbState, error) {
	assumed := dbState{Name: db, Exists: true, Mirrored: true, Role: "PRINCIPAL", MirrorState: "SYNCHRONIZED", Safety: "FULL", Assumed: true}
	s, err := connectOrAssume(ctx, w, name, "the database is the principal of a SYNCHRONIZED session with SAFETY FULL")
	if err != nil || s == nil {
		return s, assumed, err
	}
	d, err := readDatabase(ctx, s, db)
	if err == nil && !d.Mirrored {
		err = notMirrored(name, db)
	}
	return s, d, err
}

// principalSession resolves -SqlInstance and opens a session that must be
// on the principal.
func principalSession(ctx *cmdlet.Context, instance, db string) (string, SQL, dbState, error) {
	w := For(ctx.Session)
	name := resolveName(ctx, w, instance)
	s, d, err := sessionOn(ctx, w, name, db)
	if err == nil {
		err = requirePrincipal(name, d)
	}
	return name, s, d, err
}

// requirePrincipal refuses an operation the docs allow only on the
// principal, naming the partner it should run on.
func requirePrincipal(name string, d dbState) error {
	if d.Role == "PRINCIPAL" {
		return nil
	}
	return wrongRole(name, d.Name, titleCase(d.Role), "principal", d.PartnerInstance)
}

// PcMirroringStatus is one database's mirroring session as one partner
// sees it.
type PcMirroringStatus struct {
	SqlInstance       string
	Database          string
	Role              string
	State             string
	Safety            string
	Partner           string
	PartnerInstance   string
	Witness           string
	WitnessState      string
	SendQueueKB       any // Log Send Queue KB; nil where the counter is unavailable
	RedoQueueKB       any // Redo Queue KB
	FailoverLSN       string
	EndOfLogLSN       string
	RoleSequence      int64
	ConnectionTimeout int64
}

// DefaultView is what Format-Table shows by default.
func (PcMirroringStatus) DefaultView() []string {
	return []string{"SqlInstance", "Database", "Role", "State", "Safety", "WitnessState", "SendQueueKB", "RedoQueueKB"}
}

// statusOf reads the queues and builds the status object.
func statusOf(ctx *cmdlet.Context, s SQL, name string, d dbState) *PcMirroringStatus {
	send, redo := readQueues(ctx, s, d.Name)
	return &PcMirroringStatus{SqlInstance: name, Database: d.Name, Role: d.Role, State: d.MirrorState, Safety: d.Safety,
		Partner: d.Partner, PartnerInstance: d.PartnerInstance, Witness: d.Witness, WitnessState: d.WitnessState,
		SendQueueKB: send, RedoQueueKB: redo, FailoverLSN: d.FailoverLSN, EndOfLogLSN: d.EndOfLogLSN,
		RoleSequence: d.RoleSequence, ConnectionTimeout: d.Timeout}
}

// writeStatusAfter re-reads the session after a change and writes it.
func writeStatusAfter(ctx *cmdlet.Context, s SQL, name, db string) error {
	d, err := readDatabase(ctx, s, db)
	if err != nil {
		return err
	}
	ctx.WriteObject(statusOf(ctx, s, name, d))
	return nil
}

var _ cmdlet.DefaultViewer = PcMirroringStatus{}
