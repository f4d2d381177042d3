package logship

import (
	"pcsh/runtime/cmdlet"
)

// drain runs the copy job and then the restore job, waiting for each, and
// checks that the tail (when taken) is the last file restored.
func (r *recoveryRun) drain() error {
	c, ctx := r.c, r.ctx
	srv, err := r.srvs.get(ctx, c.SqlInstance)
	if err != nil {
		return err
	}
	for _, kind := range []JobKind{"Copy", "Restore"} {
		run, err := runJob(ctx, srv, kind, c.Database, true, c.JobTimeout, c.PollEvery)
		if err != nil {
			return stepFailed(err, "Run the "+string(kind)+" job on "+c.SqlInstance)
		}
		if run == nil {
			continue
		}
		ctx.WriteObject(run)
		if run.Outcome == "Failed" && kind == "Copy" {
			if err := r.copyFailed(srv, run); err != nil {
				return err
			}
		} else if run.Outcome == "Failed" {
			return restoreStopped(run)
		}
	}
	return r.checkTail(srv)
}

// checkTail requires the last restored file to be the tail-log backup.
func (r *recoveryRun) checkTail(srv Server) error {
	if !r.tailTaken {
		return nil
	}
	res, err := query(r.ctx, srv, Batch(lastRestoredQuery, r.c.Database))
	if err != nil {
		return err
	}
	if last := str(res.Scalar()); !sameFile(last, r.tail) {
		return tailNotRestored(r.c.SqlInstance, r.tail, last)
	}
	return nil
}

// tailNotRestored is the record for a tail-log backup the secondary did
// not restore (a share it cannot reach): nothing is recovered.
func tailNotRestored(instance, tail, last string) *cmdlet.ErrorRecord {
	return cmdlet.Errorf(cmdlet.CategoryInvalidOperation, "TailNotRestored", instance,
		"The tail-log backup %s was not restored on %s (last restored: %q); the database was not recovered.",
		tail, instance, last).WithHint("check Get-PcLogShippingError -SqlInstance %s, copy the tail into the copy directory, then re-run", instance)
}

// restoreStopped is the record for a copy or restore job that failed: a
// broken LSN chain, a missing file, an unreadable share.
func restoreStopped(run *JobRun) *cmdlet.ErrorRecord {
	rec := jobFailed(run)
	rec.ErrorID = "RecoveryStopped"
	rec.Message += " The database was not recovered."
	return rec
}
