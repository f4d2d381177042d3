package engine

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"pcsh/modules/lab/disk"
)

// Options configures an instance.
type Options struct {
	// Name is the server name (@@SERVERNAME, backupset.server_name).
	Name string
	// Dir is the data directory holding the checkpoint, WAL and lock file.
	Dir string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Logins maps login names to passwords; nil accepts "sa" with any
	// password.
	Logins map[string]string
	// CheckpointWALBytes triggers a background checkpoint when the current
	// WAL segment grows past it; 0 means 64 MiB, negative disables.
	CheckpointWALBytes int64
	// VerboseTruncation makes truncation raise 2628 (SQL Server 2019 and
	// later) instead of 8152.
	VerboseTruncation bool
	// MachineName is reported as MachineName/machine_name; default Name.
	MachineName string
	// Disk is the file system of backup devices and STANDBY undo files:
	// the files behind UNC paths, the lab's faults (a full disk fails
	// BACKUP with 3202 quoting "112(There is not enough space on the
	// disk.)", an unreachable share fails BACKUP and RESTORE with 3201,
	// a refused write to Dir, where the log lives, fails a change with
	// 9002) and the backup directories BACKUP and RESTORE are confined to
	// (elsewhere 3201 with "5(Access is denied.)"), as SQL Server's
	// service account may write only where it is allowed. Messages and
	// msdb keep paths as given. The zero value is the operating system's.
	Disk disk.FS
	// CheckpointRetry is how long the background checkpointer waits
	// before trying again after a checkpoint the data disk refused; 0
	// means 10 seconds.
	CheckpointRetry time.Duration
	// Logf receives the engine's log lines (a deferred background
	// checkpoint); nil discards them.
	Logf func(format string, args ...any)
}

// Instance is one lab SQL Server instance: its databases, sessions and the
// durable state in its data directory.
type Instance struct {
	opts Options
	now  func() time.Time
	lock *os.File

	mu       sync.RWMutex // guards dbs, nextDBID
	dbs      map[string]*database
	nextDBID int32

	// commitMu is held shared by every commit while it assigns LSNs and
	// queues its WAL record, and exclusively by a checkpoint's snapshot.
	commitMu sync.RWMutex
	ckptMu   sync.Mutex
	images   []dbImage // the last checkpoint's image files; guarded by ckptMu
	wal      *wal
	ckptKick chan struct{}
	bgStop   chan struct{}
	bgDone   chan struct{}

	sessions sessionRegistry

	ext extensions // views and hooks registered by other modules
}

// Open opens (creating if needed) the instance whose state lives in
// opts.Dir, recovering committed work from the checkpoint and the WAL. A
// second Open of the same directory fails while the first is open.
func Open(opts Options) (*Instance, error) {
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, err
	}
	lock, err := lockDir(opts.Dir)
	if err != nil {
		return nil, err
	}
	i := newInstance(opts, lock)
	if err := i.recover(); err != nil {
		lock.Close()
		return nil, err
	}
	go i.background()
	return i, nil
}

// newInstance fills in defaults.
func newInstance(opts Options, lock *os.File) *Instance {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Name == "" {
		opts.Name = "LAB"
	}
	if opts.MachineName == "" {
		opts.MachineName = strings.SplitN(opts.Name, `\`, 2)[0]
	}
	if opts.CheckpointRetry <= 0 {
		opts.CheckpointRetry = 10 * time.Second
	}
	if opts.CheckpointWALBytes == 0 {
		opts.CheckpointWALBytes = 64 << 20
	}
	return &Instance{opts: opts, now: opts.Now, lock: lock, dbs: map[string]*database{}, nextDBID: 5,
		ckptKick: make(chan struct{}, 1), bgStop: make(chan struct{}), bgDone: make(chan struct{}),
		sessions: newSessionRegistry()}
}

// Name returns the server name.
func (i *Instance) Name() string { return i.opts.Name }

// Dir returns the data directory.
func (i *Instance) Dir() string { return i.opts.Dir }

// recover loads the checkpoint (or bootstraps a new instance), replays the
// WAL (recovery.go), and checkpoints the result.
func (i *Instance) recover() error {
	st, ok, err := loadCheckpoint(i.opts.Dir)
	if err != nil {
		return err
	}
	if ok {
		i.nextDBID, i.images = st.nextID, st.images
		for _, db := range st.dbs {
			i.dbs[strings.ToLower(db.info.Name)] = db
		}
	} else if err := i.bootstrap(); err != nil {
		return err
	}
	last, err := i.replay(st.seq)
	if err != nil {
		return err
	}
	if i.wal, err = openWAL(i.opts.Dir, last); err != nil {
		return err
	}
	i.emptyTempdb()
	return deferrable(i.Checkpoint(context.Background()))
}

// deferrable drops a checkpoint's ErrCheckpointDeferred: with the data
// disk full, recovery and shutdown leave the WAL to carry the changes.
func deferrable(err error) error {
	if errors.Is(err, ErrCheckpointDeferred) {
		return nil
	}
	return err
}

// applyWAL redoes one WAL record during recovery.
func (i *Instance) applyWAL(r *walRecord) error {
	switch r.kind {
	case walCreateDB:
		i.dbs[strings.ToLower(r.info.Name)] = newDatabase(r.info)
		i.nextDBID = max(i.nextDBID, r.info.ID+1)
	case walDropDB:
		if db := i.databaseByID(r.dbID); db != nil {
			delete(i.dbs, strings.ToLower(db.info.Name))
		}
	case walDBMeta:
		return i.applyMeta(r)
	case walTxn:
		for _, p := range r.parts {
			db := i.databaseByID(p.dbID)
			if db == nil {
				return errCorrupt
			}
			db.log = append(db.log, p.rec)
			if err := db.redo(p.rec); err != nil {
				return err
			}
		}
	}
	return nil
}

// applyMeta redoes a catalog, LSN and chain change.
func (i *Instance) applyMeta(r *walRecord) error {
	db := i.databaseByID(r.info.ID)
	if db == nil {
		return errCorrupt
	}
	delete(i.dbs, strings.ToLower(db.info.Name))
	db.info, db.chain = r.info, r.chain
	db.lsn = max(db.lsn, r.lsn)
	if r.trunc {
		db.truncateLog()
	}
	i.dbs[strings.ToLower(db.info.Name)] = db
	return nil
}

// databaseByID finds a database by id; the caller holds mu or owns i.
func (i *Instance) databaseByID(id int32) *database {
	for _, db := range i.dbs {
		if db.info.ID == id {
			return db
		}
	}
	return nil
}

// databasesLocked returns the databases ordered by id; the caller holds mu.
func (i *Instance) databasesLocked() []*database {
	out := make([]*database, 0, len(i.dbs))
	for _, key := range sortedKeys(i.dbs) {
		out = append(out, i.dbs[key])
	}
	slices.SortFunc(out, func(a, b *database) int { return int(a.info.ID) - int(b.info.ID) })
	return out
}

// Close checkpoints, stops the background work and releases the data
// directory. Sessions still open are ended.
func (i *Instance) Close() error {
	err := deferrable(i.Checkpoint(context.Background()))
	close(i.bgStop)
	<-i.bgDone
	if werr := i.wal.close(); err == nil {
		err = werr
	}
	if lerr := i.lock.Close(); err == nil {
		err = lerr
	}
	return err
}

// crash stops the instance the way kill -9 would: queued WAL records are
// dropped, nothing is checkpointed, and the lock is released. For tests.
func (i *Instance) crash() {
	close(i.bgStop)
	<-i.bgDone
	i.wal.abandon()
	i.lock.Close()
}

// background runs checkpoints when the WAL grows past the threshold.
func (i *Instance) background() {
	defer close(i.bgDone)
	var retry <-chan time.Time
	for {
		select {
		case <-i.ckptKick:
		case <-retry:
		case <-i.bgStop:
			return
		}
		retry = nil
		if err := i.Checkpoint(context.Background()); err != nil {
			i.logf("%s: background checkpoint failed, retrying in %s: %v", i.opts.Name, i.opts.CheckpointRetry, err)
			retry = time.After(i.opts.CheckpointRetry)
		}
	}
}

// logf writes one engine log line through Options.Logf.
func (i *Instance) logf(format string, args ...any) {
	if i.opts.Logf != nil {
		i.opts.Logf(format, args...)
	}
}

// afterCommit asks for a background checkpoint when the WAL is large.
func (i *Instance) afterCommit() {
	if i.opts.CheckpointWALBytes > 0 && i.wal.size.Load() > i.opts.CheckpointWALBytes {
		select {
		case i.ckptKick <- struct{}{}:
		default:
		}
	}
}
