package mirror

import (
	"fmt"
	"strings"
)

// installPlan is the statements of one Install-CsMirrorDatabase run, in
// order, with the addresses they name.
type installPlan struct {
	steps                           []step // seed, restore and endpoints
	partners                        []step // SET PARTNER on the mirror, then on the principal
	warnings                        []string
	principalAddress, mirrorAddress string
	witnessAddress                  string
	witness                         *step // SET WITNESS, run once the partners are SYNCHRONIZED
}

// plan builds the statements: seed, restore, endpoints, partners (the
// mirror first, then the principal: "their order is significant"),
// witness.
func (c *installMirror) plan(n installNodes, st installState, p *pair) (installPlan, error) {
	var pl installPlan
	db, err := quote(p.Database)
	if err != nil {
		return pl, err
	}
	moves, warn := c.moves(p, st.files, st.pDB.Assumed)
	pl.warnings = append(pl.warnings, warn...)
	pl.steps = c.seedSteps(n, st, p, db, moves)
	if err := pl.addEndpoints(n, st, p); err != nil {
		return pl, err
	}
	pl.partners = []step{
		{On: n.mirror, Target: n.mName, SQL: setPartner(db, pl.principalAddress), Undo: partnerOffUndo(n.mirror, n.mName, p.Database, db)},
		{On: n.principal, Target: n.pName, SQL: setPartner(db, pl.mirrorAddress), Undo: partnerOffUndo(n.principal, n.pName, p.Database, db)}}
	if p.Witness != nil {
		pl.witness = &step{On: n.principal, Target: n.pName, SQL: setWitness(db, pl.witnessAddress)}
	}
	return pl, nil
}

// seedSteps backs up to the share and restores WITH NORECOVERY on the
// mirror, dropping the mirror's old copy first when there is one.
func (c *installMirror) seedSteps(n installNodes, st installState, p *pair, db string, moves []fileMove) []step {
	full := joinPath(c.FileShare, p.Database+"_mirror_seed.bak")
	log := joinPath(c.FileShare, p.Database+"_mirror_seed.trn")
	steps := []step{
		{On: n.principal, Target: n.pName, SQL: backupDatabase(db, full, st.pDB.NoLogChain), Long: true, Activity: "Backing up " + p.Database + " on " + n.pName},
		{On: n.principal, Target: n.pName, SQL: backupLog(db, log, st.pDB.NoLogBackups), Long: true, Activity: "Backing up the log of " + p.Database + " on " + n.pName},
	}
	if st.mDB.Exists {
		steps = append(steps, step{On: n.mirror, Target: n.mName, SQL: dropDatabase(db)})
	}
	return append(steps,
		step{On: n.mirror, Target: n.mName, SQL: restoreDatabase(db, full, moves), Long: true, Activity: "Restoring " + p.Database + " on " + n.mName,
			Undo: dropCopyUndo(n.mirror, n.mName, p.Database, db)},
		step{On: n.mirror, Target: n.mName, SQL: restoreLog(db, log), Long: true, Activity: "Restoring the log of " + p.Database + " on " + n.mName})
}

// addEndpoints plans each instance's endpoint and the addresses the
// partners and the witness are named by: TCP://<topology host>:<port>.
func (pl *installPlan) addEndpoints(n installNodes, st installState, p *pair) error {
	type node struct {
		on   SQL
		name string
		ep   endpointState
		role EndpointRole
		host string
		port int
		addr *string
	}
	nodes := []node{
		{n.principal, n.pName, st.pEP, RolePartner, p.Principal.Host, p.Principal.MirroringPort, &pl.principalAddress},
		{n.mirror, n.mName, st.mEP, RolePartner, p.Mirror.Host, p.Mirror.MirroringPort, &pl.mirrorAddress},
	}
	if p.Witness != nil {
		nodes = append(nodes, node{n.witness, n.wName, st.wEP, RoleWitness, p.Witness.Host, p.Witness.MirroringPort, &pl.witnessAddress})
	}
	for _, x := range nodes {
		ep, err := planEndpoint(x.ep, x.on, x.name, x.role, x.port)
		if err != nil {
			return err
		}
		pl.steps = append(pl.steps, ep.Steps...)
		pl.warnings = append(pl.warnings, ep.Warnings...)
		*x.addr = serverAddress(x.host, ep.Port)
	}
	return nil
}

// moves maps -DatabasePathMap ("<DatabaseType>:DbPath" and ":LogPath",
// directories on the mirror) onto the principal's files.
func (c *installMirror) moves(p *pair, files [][3]string, assumed bool) ([]fileMove, []string) {
	if c.DatabasePathMap == nil {
		return nil, nil
	}
	if assumed {
		return nil, []string{"The files of " + p.Database + " are unknown, so the RESTORE is shown without its MOVE clauses"}
	}
	var out []fileMove
	for _, f := range files {
		key := string(p.Type) + ":DbPath"
		if strings.EqualFold(f[2], "LOG") {
			key = string(p.Type) + ":LogPath"
		}
		if dir, ok := c.DatabasePathMap.Get(key); ok {
			out = append(out, fileMove{Logical: f[0], To: joinPath(fmt.Sprint(dir), baseName(f[1]))})
		}
	}
	return out, nil
}

// baseName is a Windows or POSIX path's last element.
func baseName(path string) string {
	if i := strings.LastIndexAny(path, `\/`); i >= 0 {
		return path[i+1:]
	}
	return path
}
