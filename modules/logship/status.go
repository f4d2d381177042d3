package logship

import (
	"fmt"
	"time"
)

// LogShippingStatus is one log shipping database on one instance, as
// Get-PcLogShippingStatus reports it. Minutes are nil when the event has
// not happened yet.
type LogShippingStatus struct {
	SqlInstance         string
	Database            string
	Role                string // Primary or Secondary
	PrimaryServer       string
	LastBackupFile      string
	LastBackupTime      time.Time
	LastCopiedFile      string
	LastCopiedTime      time.Time
	LastRestoredFile    string
	LastRestoredTime    time.Time
	MinutesSinceBackup  *int64
	MinutesSinceCopy    *int64
	MinutesSinceRestore *int64
	LatencyMinutes      *int64
	ThresholdMinutes    int64
	AlertEnabled        bool
	Verdict             string // Healthy, Warning, Critical
	Reason              string
}

// DefaultView names the properties shown by default.
func (LogShippingStatus) DefaultView() []string {
	return []string{"SqlInstance", "Database", "Role", "Verdict", "Reason"}
}

// The verdicts.
const (
	Healthy  = "Healthy"
	Warning  = "Warning"
	Critical = "Critical"
)

// warnShare is the share of a threshold at which a verdict turns Warning.
const warnShare = 0.75

// judge sets Verdict and Reason from the figures: Critical when the alert
// job would raise 14420/14421 (the threshold is reached) or nothing ever
// happened; Warning when three quarters of it are used, when copies
// stall, when restores run behind by the threshold, or when alerts are
// off; otherwise Healthy.
func (s *LogShippingStatus) judge() {
	if s.Role == "Primary" {
		s.Verdict, s.Reason = ageVerdict("log backup", s.MinutesSinceBackup, s.ThresholdMinutes)
	} else {
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
		s.Verdict, s.Reason = Warning, fmt.Sprintf("The last restored backup was %d minutes old when restored (threshold %d).", *s.LatencyMinutes, t)
	}
}

// ageVerdict judges the age of the last backup or restore.
func ageVerdict(what string, age *int64, threshold int64) (string, string) {
	switch {
	case age == nil:
		return Critical, fmt.Sprintf("No %s has happened yet.", what)
	case *age >= threshold:
		return Critical, fmt.Sprintf("The last %s was %d minutes ago; the threshold is %d.", what, *age, threshold)
	case float64(*age) >= warnShare*float64(threshold):
		return Warning, fmt.Sprintf("The last %s was %d minutes ago, close to the %d-minute threshold.", what, *age, threshold)
	}
	return Healthy, fmt.Sprintf("The last %s was %d minutes ago (threshold %d).", what, *age, threshold)
}
