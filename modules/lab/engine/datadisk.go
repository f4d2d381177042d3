package engine

import (
	"errors"
	"fmt"
	"pcsh/modules/lab/backupmedia"
	"pcsh/modules/lab/sqldb"
)

// ErrCheckpointDeferred is wrapped by the error of a checkpoint that did
// not run because Options.Disk refuses writes to the data directory
// (a full disk). Nothing was written or removed: the previous checkpoint
// and every WAL segment after it stay valid, so no committed change is
// lost, and the background checkpointer tries again later.
var ErrCheckpointDeferred = errors.New("engine: checkpoint deferred")

// dataDiskFull is Options.Disk's verdict on writing the data
// directory, where the lab keeps its data and log files.
func (i *Instance) dataDiskFull() error {
	return i.opts.Disk.WriteFault(i.opts.Dir)
}

// checkpointRefused is the error of a checkpoint the data disk refuses.
func (i *Instance) checkpointRefused() error {
	if err := i.dataDiskFull(); err != nil {
		return fmt.Errorf("%w: %s: operating system error %s", ErrCheckpointDeferred, i.opts.Dir, osText(err))
	}
	return nil
}

// createFilesFailed is CREATE DATABASE on a full data disk: 5123 with the
// operating system error for the primary data file, then 1802.
func (i *Instance) createFilesFailed(files []sqldb.File) error {
	err := i.dataDiskFull()
	if err == nil || len(files) == 0 {
		return nil
	}
	return Errors{Raise(5123, osText(err), files[0].PhysicalName), Raise(1802)}
}

// restoreSpace is RESTORE DATABASE onto a full data disk: 3257 for the
// data directory's volume (the lab has no file sizes, so the database
// requires the backup's data size and no bytes are available), then 3119
// before RESTORE's 3013.
func (i *Instance) restoreSpace(h *backupmedia.BackupHeader) error {
	if i.dataDiskFull() == nil {
		return nil
	}
	return Errors{Raise(3257, i.opts.Dir, max(h.BackupSize, 1), 0), Raise(3119)}
}

// historyRefused is 3009 when the msdb backup and restore history cannot
// be written (msdb lives in the full data directory). The BACKUP or
// RESTORE itself succeeded: terminating adds no 3013 to it.
func (i *Instance) historyRefused() error {
	if i.dataDiskFull() == nil {
		return nil
	}
	return Raise(3009)
}

// onlyWarning reports whether chain is 3009 alone: an error message
// raised by a BACKUP or RESTORE that completed.
func onlyWarning(chain Errors) bool {
	return len(chain) == 1 && chain[0].Number == 3009
}
