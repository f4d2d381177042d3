package mirror

import (
	"strings"

	"pcsh/modules/topology"
	"pcsh/runtime/cmdlet"
)

// writable reports whether a copy takes writes: ONLINE, READ_WRITE and
// not a mirroring MIRROR (a log shipping secondary in STANDBY is ONLINE
// but read-only; a principal without quorum is not ONLINE).
func writable(d dbState) bool {
	return d.Exists && d.State == "ONLINE" && !d.ReadOnly && d.Role != "MIRROR"
}

// poolStores is the distinct stores of a store set that hold a copy of
// the database: primary, mirror, backup and backup mirror (a witness
// holds none).
func poolStores(t *topology.Topology, set *topology.StoreSet) []*topology.SqlStore {
	var out []*topology.SqlStore
	seen := map[string]bool{}
	for _, name := range []string{set.Primary, set.Mirror, set.Backup, set.BackupMirror} {
		if s := t.Store(name); s != nil && !seen[strings.ToLower(name)] {
			seen[strings.ToLower(name)] = true
			out = append(out, s)
		}
	}
	return out
}

// writableCopies reads the database on each of the pool's stores and
// returns the instances where it is writable; an instance that cannot be
// reached or read is left out, on the verbose stream.
func writableCopies(ctx *cmdlet.Context, w *World, t *topology.Topology, set *topology.StoreSet, db string) []string {
	var out []string
	for _, st := range poolStores(t, set) {
		name := instanceName(st)
		s, err := connect(ctx, w, name)
		var d dbState
		if err == nil {
			d, err = readDatabase(ctx, s, db)
		}
		if err != nil {
			ctx.WriteVerbose("Split brain check: %s on %s was not read: %s", db, name, cmdlet.AsRecord(err).Message)
			continue
		}
		if writable(d) {
			out = append(out, name)
		}
	}
	return out
}

// inUse picks, among the writable copies, the one of the pair the pool
// state uses (its principal or, after a failover inside the pair, its
// mirror); "" when neither is writable.
func inUse(p *pair, copies []string) string {
	for _, c := range copies {
		if strings.EqualFold(c, instanceName(p.Principal)) || strings.EqualFold(c, instanceName(p.Mirror)) {
			return c
		}
	}
	return ""
}

// warnSplitBrain warns when more than one of the pool's stores holds a
// writable copy of the database, naming the copy the pool uses.
func warnSplitBrain(ctx *cmdlet.Context, pool, state, db string, copies []string, used string) {
	if len(copies) < 2 {
		return
	}
	use := "none of them: the pair its state selects has no writable copy"
	if used != "" {
		use = used
	}
	ctx.WriteWarning("Split brain: %s is writable (ONLINE, READ_WRITE, not a mirror) on %s. The pool %s is %s and uses %s; "+
		"the other copies are stale and must not take writes: fence them, and rebuild them from the copy in use (R4).",
		db, strings.Join(copies, " and "), pool, state, use)
}
