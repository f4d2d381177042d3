package engine

import (
	"bytes"
	"compress/flate"
	"context"
	"io"
	"time"

	"pcsh/modules/lab/backupmedia"
	"pcsh/modules/lab/sqldb"

	"github.com/google/uuid"
)

// BackupOptions are the WITH options of BACKUP DATABASE and BACKUP LOG.
type BackupOptions struct {
	Init        bool // overwrite the backup sets, keep the media header
	Format      bool // write a new media header (implies Init)
	CopyOnly    bool
	Checksum    bool
	Compression bool
	Stats       int // report every Stats percent; 0 for none
	Name        string
	Description string
	MediaName   string
	// NoRecovery (BACKUP LOG only) backs up the tail of the log and leaves
	// the database RESTORING.
	NoRecovery bool
	// NoTruncate (BACKUP LOG only) keeps the log and the chain, and backs
	// up the log of a damaged (SUSPECT or RECOVERY_PENDING) database.
	NoTruncate bool
	// Differential (BACKUP DATABASE only) backs up the database as a
	// differential based on the last full backup.
	Differential bool
	// Messages receives the informational messages (3211, 4035, 3014).
	Messages func(*Error)
}

// BackupDatabase writes a full backup of database name to path (BACKUP
// DATABASE … TO DISK). Failures carry the specific error followed by 3013.
func (i *Instance) BackupDatabase(ctx context.Context, s *Session, name, path string, opts BackupOptions) error {
	return terminating("BACKUP DATABASE", i.backupDatabase(ctx, s, name, path, opts))
}

func (i *Instance) backupDatabase(ctx context.Context, s *Session, name, path string, opts BackupOptions) error {
	if opts.Differential {
		return i.backupDifferential(ctx, s, name, path, opts)
	}
	db, err := i.backupSource(name)
	if err != nil {
		return err
	}
	start := i.now()
	h, body := i.imageSet(s, db, backupmedia.BackupTypeDatabase, opts)
	if err := i.writeSet(path, h, body, opts); err != nil {
		return err
	}
	i.emitFinish(opts.Messages, "BACKUP DATABASE", h.DatabaseName, dataAndLog(h.Files, h.BackupSize), start)
	if !opts.CopyOnly {
		db.mu.Lock()
		db.chain.LastFullLSN = h.CheckpointLSN
		if !db.chain.Started && db.info.RecoveryModel != sqldb.RecoverySimple {
			db.chain.Started, db.chain.LogBackupLSN = true, h.FirstLSN
		}
		db.shipLocked(nil)
		db.mu.Unlock()
	}
	if err := i.logMeta(db, false); err != nil {
		return err
	}
	return i.recordBackup(ctx, h, path)
}

// imageSet takes the header and payload of a data backup (full or
// differential) of db's committed state: a checkpoint LSN, the end of log
// and the LSN of the last full backup (database_backup_lsn).
func (i *Instance) imageSet(s *Session, db *database, typ int, opts BackupOptions) (*backupmedia.BackupHeader, backupmedia.Payload) {
	db.mu.Lock()
	defer db.mu.Unlock()
	img := db.committedImage()
	h := i.newHeader(s, img, typ, opts)
	h.CheckpointLSN = db.advance(1)
	h.FirstLSN, h.LastLSN, h.DatabaseBackupLSN = h.CheckpointLSN, db.lsn.Next(), db.chain.LastFullLSN
	var e enc
	e.aliasing()
	e.backupImage(img)
	return h, e.finish()
}

// emitFinish sends the closing 4035 and 3014 messages; db is the database
// backed up or restored into (for a restore under another name, the
// target, not the database named in the backup).
func (i *Instance) emitFinish(emit func(*Error), stmt, db string, files []fileWork, start time.Time) {
	finishMessages(emit, stmt, db, files, i.now().Sub(start))
}

// backupSource resolves a database that BACKUP may read.
func (i *Instance) backupSource(name string) (*database, error) {
	db, err := i.lookup(name)
	if err != nil {
		return nil, err
	}
	info := db.Info()
	if equalFold(info.Name, "tempdb") {
		return nil, Raise(3147)
	}
	if err := info.accessError(); err != nil {
		return nil, err
	}
	if err := refuseBackupState(info); err != nil {
		return nil, err
	}
	return db, nil
}

// newHeader fills the header fields common to every backup of img.
func (i *Instance) newHeader(s *Session, img *database, typ int, opts BackupOptions) *backupmedia.BackupHeader {
	in := img.info
	user := "sa"
	if s != nil {
		user = s.login
	}
	return &backupmedia.BackupHeader{BackupName: opts.Name, BackupDescription: opts.Description, BackupType: typ,
		Compressed: opts.Compression, UserName: user, ServerName: i.opts.Name, DatabaseName: in.Name,
		DatabaseCreationDate: in.CreateDate, BackupStartDate: i.now(), CompatibilityLevel: in.CompatibilityLevel,
		MachineName: i.opts.MachineName, HasBackupChecksums: opts.Checksum, IsReadOnly: in.IsReadOnly,
		IsSingleUser: in.UserAccess == SingleUser, IsCopyOnly: opts.CopyOnly, BindingID: in.GUID,
		FamilyGUID: in.FamilyGUID, RecoveryForkID: in.FamilyGUID, BackupSetGUID: uuid.New(),
		Collation: in.Collation, RecoveryModel: in.RecoveryModel, Files: in.Files}
}

// backupImage appends the data of a full backup: catalog row, end of log,
// chain and tables (the log itself is not carried).
func (e *enc) backupImage(img *database) {
	c := &database{info: img.info, lsn: img.lsn, chain: img.chain, tables: img.tables}
	e.database(c)
}

// writeSet compresses the payload if asked and writes the set to path,
// reporting progress.
func (i *Instance) writeSet(path string, h *backupmedia.BackupHeader, body backupmedia.Payload, opts BackupOptions) error {
	h.BackupSize = int64(body.Size())
	if opts.Compression {
		body = backupmedia.Payload{compress(body)}
	}
	size := body.Size()
	h.CompressedSize = int64(size)
	if err := i.checkDeviceWrite(path); err != nil {
		return err
	}
	media, kept, err := i.mediaFor(path, opts)
	if err != nil {
		return err
	}
	h.Position = len(kept) + 1
	h.BackupFinishDate = i.now()
	h.Media = media
	p := newProgress(opts.Stats, size, opts.Messages)
	if err := backupmedia.Write(i.opts.Disk, path, backupmedia.EncodeMedia(media), storedSets(kept), encodeSetPrefix(h, size), body, p.update); err != nil {
		return Raise(3201, path, osErrorText(err))
	}
	p.update(size)
	return nil
}

// mediaFor returns the media header and the sets to keep for a backup to
// path: a new media header with FORMAT or a new file, the existing header
// with INIT, and the existing sets too when appending (NOINIT).
func (i *Instance) mediaFor(path string, opts BackupOptions) (backupmedia.MediaHeader, []*backupSet, error) {
	if opts.Init && !opts.Format {
		if m, err := backupmedia.ReadLabelAt(i.opts.Disk, path); err == nil {
			return m, nil, nil
		}
	}
	old, err := i.readDevice(path)
	if opts.Format || ErrorNumber(err) == 3201 {
		return backupmedia.MediaHeader{MediaName: opts.MediaName, MediaSetID: uuid.New(), MediaFamilyID: uuid.New(),
			MediaDate: i.now(), SoftwareName: "Microsoft SQL Server"}, nil, nil
	}
	if err != nil {
		return backupmedia.MediaHeader{}, nil, err
	}
	if opts.Init {
		return old.media, nil, nil
	}
	return old.media, old.sets, nil
}

// compress deflates a payload.
func compress(p backupmedia.Payload) []byte {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestSpeed)
	for _, s := range p {
		w.Write(s)
	}
	w.Close()
	return buf.Bytes()
}

// decompress inflates a compressed payload.
func decompress(p []byte) ([]byte, error) {
	return io.ReadAll(flate.NewReader(bytes.NewReader(p)))
}
