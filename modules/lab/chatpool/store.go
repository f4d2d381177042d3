package chatpool

import (
	"context"
	"fmt"
	"time"
)

// Target is the database a server uses in one pool state: a SQL store and
// its mirroring partner, by topology name (for example dc1-sql1 and
// dc1-sql2).
type Target struct {
	Store   string
	Partner string // "" when the store has no mirror
}

// String returns "store" or "store (partner partner)".
func (t Target) String() string {
	if t.Partner == "" {
		return t.Store
	}
	return t.Store + " (partner " + t.Partner + ")"
}

// Targets are the databases of the two pool states: the topology's
// stores.primary with stores.mirror when Normal, stores.backup with
// stores.backupMirror when FailedOver.
type Targets struct {
	Normal     Target
	FailedOver Target
}

// For returns the target of a pool state; an unknown state is an error.
func (t Targets) For(state string) (Target, error) {
	switch state {
	case StateNormal:
		return t.Normal, nil
	case StateFailedOver:
		if t.FailedOver.Store == "" {
			return Target{}, fmt.Errorf("the pool is FailedOver but the topology names no backup store")
		}
		return t.FailedOver, nil
	}
	return Target{}, fmt.Errorf("unknown pool state %q (want Normal or FailedOver)", state)
}

// Message is one room message as a server stores it in tblChat.
type Message struct {
	ID     int64     // chatId, unique across the rooms of a traffic run
	Room   int       // channelId (a tblNode room)
	UserID int       // the posting client
	Server string    // the server that stores it
	At     time.Time // chatDate
	Text   string
}

// Identity is a server's tblServerIdentity row.
type Identity struct {
	ID      int    // serverID: the server's position in the CMS pool, from 1
	Address string // serverAddress: its WCF address
}

// Database is the mgc database of one target as the pool uses it.
type Database interface {
	// Ping sets the server's serverLastPingTime to at, inserting its
	// row when there is none.
	Ping(ctx context.Context, id Identity, at time.Time) error
	// Post inserts m and returns once the database has committed it.
	Post(ctx context.Context, m Message) error
	// EnsureRooms creates the rooms (tblNode) that do not exist yet.
	EnsureRooms(ctx context.Context, rooms []int) error
	// MessageIDs returns the ids of the messages of rooms whose id is
	// in [from, to].
	MessageIDs(ctx context.Context, rooms []int, from, to int64) ([]int64, error)
	// Close releases the database's connections.
	Close() error
}

// Opener opens the database of a target. Opening is lazy: it connects on
// first use, so a dead store is seen by the first request.
type Opener interface {
	Open(t Target) (Database, error)
}

// SourceOpener is an Opener that can also open a target's database with
// connections from a given local address: a chat server's, so the lab's
// partitions see it in its own data center.
type SourceOpener interface {
	OpenFrom(t Target, source string) (Database, error)
}
