package backup

import (
	"slices"
	"strings"

	"pcsh/runtime/cmdlet"
)

// gapError is the record for a chain that stops short of a later log
// backup: the LSNs from reached up to next are in no backup read.
func gapError(target, from string, last, next set) *cmdlet.ErrorRecord {
	return cmdlet.Errorf(cmdlet.CategoryObjectNotFound, "LogChainGap", target,
		"The log chain has a gap: no backup read holds LSN %s up to LSN %s. The chain reaches LSN %s with %s; the next log backup, %s, begins at LSN %s. Nothing was restored: Restore-PcDatabase never restores past a gap.",
		last.LastLSN, next.FirstLSN, last.LastLSN, where(last), where(next), next.FirstLSN).
		WithHint("find the log backup that holds LSN %s (msdb.dbo.backupset on the instance that took it) and put it beside the others in %s, or name only the files before the gap in -Path", last.LastLSN, from)
}

// where names a set: its file, and its position when not the first.
func where(s set) string {
	if s.Position > 1 {
		return s.Path + " (FILE = " + itoa(s.Position) + ")"
	}
	return s.Path
}

// planChain picks, from the sets of one database, what to restore and in
// which order: the latest full backup, then from its last LSN every log
// backup that continues the chain. Of several that continue it (a
// copy-only log beside a regular one), the one reaching furthest is
// taken. Without a full backup the logs are chained from the earliest,
// for a database already RESTORING. from names the -Path for messages.
func planChain(sets []set, target, from string) ([]set, error) {
	full, logs := split(sets)
	var chain []set
	if full != nil {
		chain = []set{*full}
	} else if len(logs) > 0 {
		chain = []set{logs[0]}
	} else {
		return nil, cmdlet.Errorf(cmdlet.CategoryObjectNotFound, "NoBackupFound", target,
			"No full or log backup of the database %s was found in %s.", target, from)
	}
	for {
		last := chain[len(chain)-1]
		next, ok := continuing(logs, last.LastLSN)
		if !ok {
			if later, ok := firstAfter(logs, last.LastLSN); ok {
				return nil, gapError(target, from, last, later)
			}
			return chain, nil
		}
		chain = append(chain, next)
	}
}

// split returns the latest full backup (nil when none) and the log
// backups sorted by FirstLSN, then LastLSN.
func split(sets []set) (*set, []set) {
	var full *set
	var logs []set
	for i, s := range sets {
		switch s.BackupType {
		case headerFull:
			if full == nil || cmpLSN(s.LastLSN, full.LastLSN) > 0 {
				full = &sets[i]
			}
		case headerLog:
			logs = append(logs, s)
		}
	}
	slices.SortStableFunc(logs, func(a, b set) int {
		if c := cmpLSN(a.FirstLSN, b.FirstLSN); c != 0 {
			return c
		}
		return cmpLSN(a.LastLSN, b.LastLSN)
	})
	return full, logs
}

// continuing returns the log backup that can follow LSN at (FirstLSN ≤
// at < LastLSN) and reaches furthest.
func continuing(logs []set, at string) (set, bool) {
	var best set
	found := false
	for _, l := range logs {
		if cmpLSN(l.FirstLSN, at) <= 0 && cmpLSN(at, l.LastLSN) < 0 && (!found || cmpLSN(l.LastLSN, best.LastLSN) > 0) {
			best, found = l, true
		}
	}
	return best, found
}

// firstAfter returns the earliest log backup that begins after at.
func firstAfter(logs []set, at string) (set, bool) {
	for _, l := range logs {
		if cmpLSN(l.FirstLSN, at) > 0 {
			return l, true
		}
	}
	return set{}, false
}

// ofDatabase keeps the sets of the named source database.
func ofDatabase(sets []set, name string) []set {
	var out []set
	for _, s := range sets {
		if strings.EqualFold(s.Database, name) {
			out = append(out, s)
		}
	}
	return out
}
