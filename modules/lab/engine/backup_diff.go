package engine

import (
	"context"
	"pcsh/modules/lab/backupmedia"
	"strings"
)

// Differential database backups (BACKUP DATABASE … WITH DIFFERENTIAL) and
// their restore. The differential base is the last full backup that was
// not COPY_ONLY: its checkpoint LSN is the chain's LastFullLSN, and its
// backup_set_uuid is found in msdb.dbo.backupset. A lab differential holds
// the whole database (SQL Server's holds the extents changed since the
// base); what it restores is the same.

// backupDifferential writes a differential backup of database name to path.
// It needs a full backup to base it on (3035); master can only have full
// backups (3024). COPY_ONLY is ignored with DIFFERENTIAL, as the BACKUP
// documentation says.
func (i *Instance) backupDifferential(ctx context.Context, s *Session, name, path string, opts BackupOptions) error {
	db, err := i.backupSource(name)
	if err != nil {
		return err
	}
	db.mu.RLock()
	info, base := db.info, db.chain.LastFullLSN
	db.mu.RUnlock()
	if equalFold(info.Name, "master") {
		return Raise(3024)
	}
	guid, ok := i.differentialBase(info.FamilyGUID, base)
	if base == 0 || !ok {
		return Raise(3035, info.Name)
	}
	opts.CopyOnly = false
	start := i.now()
	h, body := i.imageSet(s, db, backupmedia.BackupTypeDifferential, opts)
	h.DifferentialBaseLSN, h.DifferentialBaseGUID = base, guid
	if err := i.writeSet(path, h, body, opts); err != nil {
		return err
	}
	i.emitFinish(opts.Messages, "BACKUP DATABASE WITH DIFFERENTIAL", h.DatabaseName, dataAndLog(h.Files, h.BackupSize), start)
	if err := i.logMeta(db, false); err != nil {
		return err
	}
	return i.recordBackup(ctx, h, path)
}

// differentialBase returns the backup_set_uuid of the full backup (type D,
// not copy-only) of the database family with checkpoint LSN base, the
// latest such row of msdb.dbo.backupset.
func (i *Instance) differentialBase(family [16]byte, base LSN) ([16]byte, bool) {
	var guid [16]byte
	if base == 0 {
		return guid, false
	}
	rel, err := i.systemSession().Relation("msdb", "backupset")
	if err != nil {
		return guid, false
	}
	col := map[string]int{}
	for k, c := range rel.Columns() {
		col[strings.ToLower(c.Name)] = k
	}
	want := base.String()
	found := false
	for row := range rel.Rows() {
		fam, _ := row[col["family_guid"]].([16]byte)
		typ, _ := row[col["type"]].(string)
		copyOnly, _ := row[col["is_copy_only"]].(bool)
		if fam != family || typ != "D" || copyOnly || decimalText(row[col["checkpoint_lsn"]]) != want {
			continue
		}
		if g, ok := row[col["backup_set_uuid"]].([16]byte); ok {
			guid, found = g, true // later rows are later backups
		}
	}
	return guid, found
}
