package engine

import (
	"pcsh/modules/lab/backupmedia"
	"strconv"
	"strings"
	"time"
)

// Point-in-time restores: RESTORE LOG … WITH STOPAT = 'datetime',
// STOPATMARK / STOPBEFOREMARK = 'lsn:n' (and 'mark_name' [AFTER
// 'datetime'] for marked transactions). The log records carry their
// commit time (logRecord.Time), which STOPAT compares against; the
// comparison is on the wall clock of the instance's time zone, as
// SQL Server reads STOPAT in its local time.

// stopping reports whether the restore names a point-in-time stop.
func (o RestoreOptions) stopping() bool {
	return !o.StopAt.IsZero() || o.StopAtMark != "" || o.StopBeforeMark != ""
}

// markTarget returns the mark option's value and whether it is the
// STOPBEFOREMARK form.
func (o RestoreOptions) markTarget() (string, bool) {
	if o.StopBeforeMark != "" {
		return o.StopBeforeMark, true
	}
	return o.StopAtMark, false
}

// stopLSN parses the 'lsn:n' form of a mark target.
func stopLSN(target string) (LSN, bool) {
	rest, ok := strings.CutPrefix(strings.ToLower(strings.TrimSpace(target)), "lsn:")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseUint(strings.TrimSpace(rest), 10, 64)
	return LSN(n), err == nil
}

// wallClock is t's local wall clock as a UTC-located time, so a
// commit time (an instant) and a STOPAT value (a wall-clock datetime)
// compare alike.
func wallClock(t time.Time, instant bool) time.Time {
	if instant {
		t = t.Local()
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// after reports whether instant t (a commit or backup time) lies after
// wall-clock time stop.
func after(t, stop time.Time) bool { return wallClock(t, true).After(wallClock(stop, false)) }

// dataStopPoint applies RESTORE DATABASE's point-in-time checks: a mark
// name is RESTORE LOG's only (4340), and a data backup more recent than
// the stop point raises 4338. The whole backup is restored otherwise.
func dataStopPoint(h *backupmedia.BackupHeader, opts RestoreOptions) error {
	if target, _ := opts.markTarget(); target != "" {
		n, ok := stopLSN(target)
		if !ok {
			return Raise(4340)
		}
		if n < h.LastLSN {
			return Raise(4338)
		}
	}
	if !opts.StopAt.IsZero() && after(h.BackupStartDate, opts.StopAt) {
		return Raise(4338)
	}
	return nil
}

// stopRule decides which log records a point-in-time restore applies.
type stopRule struct {
	at      time.Time // STOPAT
	lsn     LSN       // STOPATMARK/STOPBEFOREMARK = 'lsn:n'
	hasLSN  bool
	mark    string // STOPATMARK/STOPBEFOREMARK = 'mark_name'
	before  bool   // STOPBEFOREMARK
	markAft time.Time
}

func newStopRule(opts RestoreOptions) stopRule {
	r := stopRule{at: opts.StopAt, markAft: opts.MarkAfter}
	target, before := opts.markTarget()
	r.before = before
	if n, ok := stopLSN(target); ok {
		r.lsn, r.hasLSN = n, true
	} else {
		r.mark = target
	}
	return r
}

// applies reports whether record rec is redone, and whether rec is the
// stop point itself (the mark's transaction: included by STOPATMARK, not
// by STOPBEFOREMARK).
func (r stopRule) applies(rec logRecord) (apply, stop bool) {
	switch {
	case r.hasLSN && r.before:
		return rec.End < r.lsn, rec.End >= r.lsn
	case r.hasLSN:
		return rec.End <= r.lsn, rec.End >= r.lsn
	case r.mark != "":
		name, ok := rec.markName()
		if ok && strings.EqualFold(name, r.mark) &&
			(r.markAft.IsZero() || !wallClock(rec.Time, true).Before(wallClock(r.markAft, false))) {
			return !r.before, true
		}
		return true, false
	}
	return !after(rec.Time, r.at), after(rec.Time, r.at)
}

// within reports whether the stop point lies inside log backup h when no
// record of it passed the point: a time before the backup was taken, an
// LSN before its end. A mark not found lies beyond.
func (r stopRule) within(h *backupmedia.BackupHeader) bool {
	switch {
	case r.hasLSN:
		return r.lsn < h.LastLSN
	case r.mark != "":
		return false
	}
	return after(h.BackupStartDate, r.at)
}

// beyondMessage is the message sent when the stop point lies after the
// log backup and the database is left RESTORING.
func (r stopRule) beyondMessage() *Error {
	if r.mark != "" {
		return Raise(4329)
	}
	return Raise(4322)
}

// rollForwardStop redoes the records of a log backup up to the stop
// point. A point inside the backup ends the roll forward there and the
// database is recovered as the options ask; a point after the backup
// applies all of it and leaves the database restoring (4322, or 4329 for
// a mark), as the RESTORE documentation says. A STOPAT before the point
// the database was already rolled forward to raises 4335.
func (i *Instance) rollForwardStop(db *database, recs []logRecord, h *backupmedia.BackupHeader, opts RestoreOptions) error {
	rule := newStopRule(opts)
	db.mu.Lock()
	defer db.mu.Unlock()
	if !rule.at.IsZero() {
		if !db.restoredTo.IsZero() && after(db.restoredTo, rule.at) {
			return Raise(4335)
		}
		for _, r := range recs {
			if r.LSN < db.chain.RestoredLSN && after(r.Time, rule.at) {
				return Raise(4335)
			}
		}
	}
	stopped, stopAt := false, LSN(0)
	for _, r := range recs {
		if r.LSN < db.chain.RestoredLSN {
			continue
		}
		apply, stop := rule.applies(r)
		if apply {
			if err := db.redo(r); err != nil {
				db.info.State = StateSuspect
				return Raise(3189)
			}
		}
		if stop {
			stopped, stopAt = true, r.LSN
			if apply {
				stopAt = r.End.Next()
			}
			break
		}
	}
	db.lsn = max(db.lsn, h.LastLSN)
	db.chain.LogBackupLSN = h.LastLSN
	if stopped || rule.within(h) {
		db.chain.RestoredLSN = h.LastLSN
		if stopped {
			db.chain.RestoredLSN = stopAt
		}
		db.restoredTo = rule.at
		return i.settle(db, opts)
	}
	db.chain.RestoredLSN = h.LastLSN
	db.restoredTo = h.BackupStartDate
	if opts.Messages != nil {
		opts.Messages(rule.beyondMessage())
	}
	if opts.Standby == "" {
		opts.NoRecovery = true
	}
	return i.settle(db, opts)
}

// markName returns the mark of a marked transaction's log record.
func (r logRecord) markName() (string, bool) {
	for _, o := range r.Ops {
		if o.kind == opMark {
			return o.table, true
		}
	}
	return "", false
}
