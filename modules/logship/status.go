package logship

import (
	"fmt"
	"strings"
	"time"
)

// LogShippingStatus is one log shipping database on one instance, as
// Get-PcLogShippingStatus reports it. Times and minutes are nil when the
// event has not happened yet (or does not happen on this role).
type LogShippingStatus struct {
	SqlInstance         string
	Database            string
	Role                string // Primary or Secondary
	PrimaryServer       string
	LastBackupFile      string
	LastBackupTime      *time.Time
	LastCopiedFile      string
	LastCopiedTime      *time.Time
	LastRestoredFile    string
	LastRestoredTime    *time.Time
	MinutesSinceBackup  *int64
	MinutesSinceCopy    *int64
	MinutesSinceRestore *int64
	LatencyMinutes      *int64
	ThresholdMinutes    int64
	AlertEnabled        bool
	// MirroringRole is the database's role in database mirroring on this
	// instance (PRINCIPAL, MIRROR), "" when it is not mirrored.
	MirroringRole string
	Verdict       string // Healthy, Standby, Warning, Critical, Unknown
	Reason        string
}

// DefaultView names the properties shown by default.
func (LogShippingStatus) DefaultView() []string {
	return []string{"SqlInstance", "Database", "Role", "Verdict", "Reason"}
}

// The verdicts. Standby is a log shipping primary on the principal's
// mirror (Add-PcLogShippingMirrorSource): its backup job logs 32008 and
// succeeds until a mirroring failover makes it the principal.
const (
	Healthy  = "Healthy"
	Standby  = "Standby"
	Warning  = "Warning"
	Critical = "Critical"
	// Unknown is an instance that ships no log of the database asked for:
	// there was nothing to check.
	Unknown = "Unknown"
)

// warnShare is the share of a threshold at which a verdict turns Warning.
const warnShare = 0.75

// judge sets Verdict and Reason from the figures: Standby for a primary
// whose database is the mirroring MIRROR; Critical when the alert job
// would raise 14420/14421 (the threshold is reached) or nothing ever
// happened; Warning when three quarters of it are used, when copies
// stall, when restores run behind by the threshold, or when alerts are
// off; otherwise Healthy.
func (s *LogShippingStatus) judge() {
	switch {
	case s.Role == "Primary" && strings.EqualFold(s.MirroringRole, "MIRROR"):
		s.Verdict, s.Reason = Standby, standbyReason(s.MinutesSinceBackup)
		return
	case s.Role == "Primary":
		s.Verdict, s.Reason = ageVerdict("log backup", s.MinutesSinceBackup, s.ThresholdMinutes)
	default:
		s.Verdict, s.Reason = ageVerdict("restore", s.MinutesSinceRestore, s.ThresholdMinutes)
		s.secondaryWarnings()
	}
	if s.Verdict == Healthy && !s.AlertEnabled {
		s.Verdict, s.Reason = Warning, s.Reason+" Threshold alerts are disabled, so nothing raises 14420/14421."
	}
}

// secondaryWarnings downgrades a healthy secondary whose copies stall or
// whose restores lag.
func (s *LogShippingStatus) secondaryWarnings() {
	if s.Verdict != Healthy {
		return
	}
	t := s.ThresholdMinutes
	switch {
	case s.MinutesSinceCopy == nil || *s.MinutesSinceCopy >= t:
		s.Verdict, s.Reason = Warning, fmt.Sprintf("No file was copied within the %d-minute restore threshold.", t)
	case s.LatencyMinutes != nil && *s.LatencyMinutes >= t:
		s.Verdict, s.Reason = Warning, fmt.Sprintf("The last restored backup was %s old when restored (threshold %d).", minutesText(*s.LatencyMinutes), t)
	}
}

// ageVerdict judges the age of the last backup or restore.
func ageVerdict(what string, age *int64, threshold int64) (string, string) {
	switch {
	case age == nil:
		return Critical, fmt.Sprintf("No %s has happened yet.", what)
	case *age >= threshold:
		return Critical, fmt.Sprintf("The last %s was %s ago; the threshold is %d.", what, minutesText(*age), threshold)
	case float64(*age) >= warnShare*float64(threshold):
		return Warning, fmt.Sprintf("The last %s was %s ago, close to the %d-minute threshold.", what, minutesText(*age), threshold)
	}
	return Healthy, fmt.Sprintf("The last %s was %s ago (threshold %d).", what, minutesText(*age), threshold)
}

// standbyReason explains the Standby verdict of a primary on the mirror.
func standbyReason(age *int64) string {
	r := "The database is the mirroring MIRROR here: its backup job skips the backup (message 32008) " +
		"until a failover makes it the principal."
	if age != nil {
		r += fmt.Sprintf(" Its last log backup was %s ago.", minutesText(*age))
	}
	return r
}

// minutesText is "1 minute" or "n minutes".
func minutesText(n int64) string {
	if n == 1 || n == -1 {
		return fmt.Sprintf("%d minute", n)
	}
	return fmt.Sprintf("%d minutes", n)
}
