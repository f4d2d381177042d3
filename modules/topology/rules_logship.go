package topology

func logShippingRules() []Rule {
	return []Rule{
		{"LogShippingShare", SeverityError, "L1 JJ205211", "A backup store needs a log shipping share (UNC) that every SQL Server can read and write.", logShippingShare},
		{"LogShippingCopyDirectory", SeverityError, "L1 JJ205211", "A backup store needs a copy destination folder on the secondary.", logShippingCopyDir},
		{"LogShippingShareNotFileStore", SeverityError, "L1 JJ205211", "The log shipping share is not a pool's file store.", shareNotFileStore},
		{"RestoreDelayZero", SeverityWarning, "L5 JJ204653", "Restores are not delayed (0 minutes).", forLogShipping(restoreDelayZero)},
		{"ScheduleMatchesBackup", SeverityWarning, "L5 JJ204653", "The copy and restore schedules are about the same as the backup schedule.", forLogShipping(scheduleMatches)},
		{"BackupThresholdAboveInterval", SeverityError, "L5 JJ204653", "The backup alert threshold is longer than the backup interval.", forLogShipping(backupThreshold)},
		{"RestoreThresholdAboveInterval", SeverityError, "L5 JJ204653", "The restore alert threshold is longer than copy, restore and delay together.", forLogShipping(restoreThreshold)},
		{"RetentionAboveRestoreThreshold", SeverityWarning, "L5 JJ204653", "Backup files are kept longer than the restore alert threshold.", forLogShipping(retention)},
	}
}

// usesLogShipping reports whether any pool has a backup store.
func (t *Topology) usesLogShipping() bool {
	for _, p := range t.ChatPools {
		if p.Stores.Backup != "" {
			return true
		}
	}
	return false
}

// forLogShipping runs a check only when log shipping is in use.
func forLogShipping(f func(c *checker)) func(c *checker) {
	return func(c *checker) {
		if c.t.usesLogShipping() {
			f(c)
		}
	}
}

func logShippingShare(c *checker) {
	if !c.t.usesLogShipping() {
		return
	}
	switch {
	case c.t.LogShipping == nil || c.t.LogShipping.Share == "":
		c.report("logShipping.share", "A pool has a backup store but no log shipping share is defined.")
	case !isUNC(c.t.LogShipping.Share):
		c.report("logShipping.share", "The log shipping share %s is not a UNC path (\\\\server\\share).", c.t.LogShipping.Share)
	}
}

func logShippingCopyDir(c *checker) {
	if c.t.usesLogShipping() && (c.t.LogShipping == nil || c.t.LogShipping.CopyDirectory == "") {
		c.report("logShipping.copyDirectory", "A pool has a backup store but no copy destination folder is defined.")
	}
}

func shareNotFileStore(c *checker) {
	if c.t.LogShipping == nil {
		return
	}
	for _, p := range c.t.ChatPools {
		if c.t.LogShipping.Share != "" && equalFold(p.FileStore, c.t.LogShipping.Share) {
			c.report("logShipping.share", "The log shipping share is the file store of %s.", p.FQDN)
		}
	}
}

func restoreDelayZero(c *checker) {
	if d := c.t.Schedules.RestoreDelayMinutes; d != 0 {
		c.report("schedules.restoreDelayMinutes", "Restores are delayed %d minutes; the documented setting is 0.", d)
	}
}

// scheduleMatches flags copy or restore intervals more than twice as long
// or short as the backup interval.
func scheduleMatches(c *checker) {
	s := c.t.Schedules
	for _, job := range []struct {
		name    string
		minutes int
	}{{"copyMinutes", s.CopyMinutes}, {"restoreMinutes", s.RestoreMinutes}} {
		if job.minutes > 2*s.BackupMinutes || 2*job.minutes < s.BackupMinutes {
			c.report("schedules."+job.name, "The job runs every %d minutes; backups run every %d.", job.minutes, s.BackupMinutes)
		}
	}
}

func backupThreshold(c *checker) {
	if t, s := c.t.Thresholds.BackupAlertMinutes, c.t.Schedules.BackupMinutes; t <= s {
		c.report("thresholds.backupAlertMinutes", "The backup alert fires after %d minutes, but backups run only every %d.", t, s)
	}
}

func restoreThreshold(c *checker) {
	s := c.t.Schedules
	cycle := s.CopyMinutes + s.RestoreMinutes + s.RestoreDelayMinutes
	if t := c.t.Thresholds.RestoreAlertMinutes; t <= cycle {
		c.report("thresholds.restoreAlertMinutes", "The restore alert fires after %d minutes, but copy, restore and delay take up to %d.", t, cycle)
	}
}

func retention(c *checker) {
	keep, alert := c.t.Schedules.RetentionMinutes, c.t.Thresholds.RestoreAlertMinutes+c.t.Schedules.RestoreDelayMinutes
	if keep <= alert {
		c.report("schedules.retentionMinutes", "Backup files are deleted after %d minutes, before a late restore (%d minutes) could use them.", keep, alert)
	}
}
