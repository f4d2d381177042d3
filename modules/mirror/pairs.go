package mirror

import (
	"strings"

	"pcsh/modules/topology"
	"pcsh/runtime/cmdlet"
)

// DatabaseType is the Lync -DatabaseType. pcsh mirrors the Persistent Chat
// databases; the other documented values bind (so Lync command lines
// parse) and are refused when run.
type DatabaseType string

// Values lists the documented database types (C1 JJ204986).
func (DatabaseType) Values() []string {
	return []string{"Application", "Archiving", "CentralAdmin", "CentralMgmt", "Edge", "Lyss", "Monitoring",
		"PersistentChat", "PersistentChatCompliance", "Provision", "Registrar", "User"}
}

// The Persistent Chat database types and their databases (R10).
const (
	TypePersistentChat           DatabaseType = "PersistentChat"
	TypePersistentChatCompliance DatabaseType = "PersistentChatCompliance"
)

// databaseOf names the database of a Persistent Chat type: mgc or mgccomp.
func databaseOf(t DatabaseType) (string, error) {
	switch t {
	case TypePersistentChat:
		return "mgc", nil
	case TypePersistentChatCompliance:
		return "mgccomp", nil
	}
	return "", errorf(cmdlet.CategoryNotImplemented, "DatabaseTypeNotSupported", string(t),
		"pcsh mirrors the Persistent Chat databases only; -DatabaseType %s belongs to another Lync role.", t).
		WithHint("use -DatabaseType PersistentChat or PersistentChatCompliance, or Lync's own cmdlet")
}

// pair is one database's mirroring instances from the topology: the
// partner the database is installed on (the primary store, or the backup
// store after a disaster recovery failover), its mirror and its witness.
type pair struct {
	Type      DatabaseType
	Database  string
	Principal *topology.SqlStore
	Mirror    *topology.SqlStore
	Witness   *topology.SqlStore // nil without a witness
}

// instanceName is how the module connects to a store: host[\instance],
// which the lab.json resolver maps for lab instances.
func instanceName(s *topology.SqlStore) string { return s.Address() }

// storeSets returns the pool's store set for a database type, or nil.
func storeSet(p *topology.ChatPool, t DatabaseType) *topology.StoreSet {
	if t == TypePersistentChatCompliance {
		return p.ComplianceStores
	}
	return &p.Stores
}

// pairOf builds the pair for principal/mirror/witness store names.
func pairOf(t *topology.Topology, dt DatabaseType, principal, mirror, witness string) (*pair, error) {
	db, err := databaseOf(dt)
	if err != nil {
		return nil, err
	}
	p := &pair{Type: dt, Database: db, Principal: t.Store(principal), Mirror: t.Store(mirror), Witness: t.Store(witness)}
	if p.Principal == nil {
		return nil, errorf(categoryNotFound, "StoreNotInTopology", principal,
			"The topology names no SQL store %q for the %s database.", principal, db)
	}
	if p.Mirror == nil {
		return nil, errorf(categoryNotFound, "MirrorNotInTopology", principal,
			"The topology names no mirror for the %s database on %s.", db, principal).
			WithHint("add the mirror store to the pool's stores in the topology document")
	}
	return p, nil
}

// pairsForServer finds the pairs whose principal is on the given server,
// on an instance that instance accepts: a pool's primary store (with its
// mirror and witness) or its backup store (with the backup mirror and
// backup witness).
func pairsForServer(t *topology.Topology, fqdn string, instance func(string) bool, types []DatabaseType) ([]*pair, error) {
	var out []*pair
	for _, pool := range t.ChatPools {
		for _, dt := range types {
			set := storeSet(pool, dt)
			if set == nil {
				continue
			}
			p, err := pairForStore(t, set, dt, fqdn, instance)
			if err != nil {
				return nil, err
			}
			if p != nil {
				out = append(out, p)
			}
		}
	}
	if len(out) == 0 {
		return nil, errorf(categoryNotFound, "SqlServerNotInTopology", fqdn,
			"No Persistent Chat store in the topology is on %s.", fqdn).
			WithHint("-SqlServerFqdn and -SqlInstanceName (or -ForInstance) name the primary (or backup) store of the database")
	}
	return out, nil
}

func pairForStore(t *topology.Topology, set *topology.StoreSet, dt DatabaseType, fqdn string, instance func(string) bool) (*pair, error) {
	switch {
	case storeIs(t.Store(set.Primary), fqdn, instance) && set.Mirror != "":
		return pairOf(t, dt, set.Primary, set.Mirror, set.Witness)
	case storeIs(t.Store(set.Backup), fqdn, instance) && set.BackupMirror != "":
		return pairOf(t, dt, set.Backup, set.BackupMirror, set.BackupWitness)
	}
	return nil, nil
}

// localStoreNote is the help text of -LocalStore: Lync reads the topology
// from the local replica of the Central Management store instead of the
// store itself; pcsh reads the stores from the topology document, a local
// file, and the pool state from the pchat backend's local replica.
const localStoreNote = "-LocalStore (Lync: read the topology from the local replica of the Central Management store " +
	"rather than from the store itself): pcsh always reads the pool's stores from the local topology document " +
	"($PCSH_TOPOLOGY or ./topology.lua); the pool state comes from the Persistent Chat backend (the lab CMS, " +
	"$PCSH_CMS_DIR, or the Lync Server Management Shell, $PCSH_LYNC_SHELL), and with -LocalStore from its local " +
	"replica (Get-CsPersistentChatState -LocalStore), so the command works while the Central Management store is down."

// localStore notes on the verbose stream where the topology comes from
// when -LocalStore was given.
func localStore(ctx *cmdlet.Context, on bool) {
	if on {
		ctx.WriteVerbose("-LocalStore: the pool's stores come from the local topology document %s, its state from the local replica of the Central Management store.",
			topology.DefaultPath(ctx.Session.Getenv))
	}
}

// pairForPool returns the pair of the pool's database in use: the primary
// stores while the pool is Normal, the backup stores when it is
// FailedOver (state, as topology.PoolStateOf reads it from the Persistent Chat backend).
func pairForPool(t *topology.Topology, fqdn string, dt DatabaseType, state string) (*pair, error) {
	pool := t.Pool(fqdn)
	if pool == nil {
		return nil, errorf(categoryNotFound, "PoolNotFound", fqdn, "The topology has no Persistent Chat pool %s.", fqdn)
	}
	set := storeSet(pool, dt)
	if _, err := databaseOf(dt); err != nil {
		return nil, err
	}
	if set == nil {
		return nil, errorf(categoryNotFound, "DatabaseNotInTopology", fqdn, "The pool %s has no %s stores.", fqdn, dt)
	}
	if state == topology.StateFailedOver {
		return pairOf(t, dt, set.Backup, set.BackupMirror, set.BackupWitness)
	}
	return pairOf(t, dt, set.Primary, set.Mirror, set.Witness)
}

func storeIs(s *topology.SqlStore, fqdn string, instance func(string) bool) bool {
	return s != nil && strings.EqualFold(s.Host, fqdn) && instance(s.Instance)
}

// namedInstance accepts the instance name (the default instance for "").
func namedInstance(name string) func(string) bool {
	return func(i string) bool { return strings.EqualFold(i, name) }
}

// excluded reports whether db is in the -ExcludeDatabaseList.
func excluded(db string, list []string) bool {
	for _, x := range list {
		if strings.EqualFold(strings.TrimSpace(x), db) {
			return true
		}
	}
	return false
}

// supported refuses database types other than Persistent Chat's.
func supported(types []DatabaseType) error {
	for _, t := range types {
		if _, err := databaseOf(t); err != nil {
			return err
		}
	}
	return nil
}

// eachPair runs fn for each pair not in exclude. With several databases a
// failure is a non-terminating error and the next database goes on; with
// one it is terminating. A step answered No is not a failure: the next
// database goes on. No to All, a refused confirmation or Ctrl-C stops
// everything.
func eachPair(ctx *cmdlet.Context, pairs []*pair, exclude []string, fn func(*pair) error) error {
	for _, p := range pairs {
		if excluded(p.Database, exclude) {
			ctx.WriteVerbose("Skipping %s: it is in -ExcludeDatabaseList.", p.Database)
			continue
		}
		err := fn(p)
		switch {
		case err == nil:
		case len(pairs) == 1 || ctx.Err() != nil:
			return err
		case ctx.Fatal() != nil:
			return ctx.Fatal()
		default:
			ctx.WriteError(err)
		}
	}
	return nil
}
