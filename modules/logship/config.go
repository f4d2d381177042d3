package logship

import (
	"time"
)

// RestoreMode is how the secondary is left between restores.
type RestoreMode string

// Values lists the restore modes: NoRecovery (the Lync documentation's
// "No recovery mode") or Standby (read-only between restores).
func (RestoreMode) Values() []string { return []string{"NoRecovery", "Standby"} }

// Compression is the backup compression of the log backups.
type Compression string

// Values lists the settings; ServerDefault is the documented "Use the
// default server setting".
func (Compression) Values() []string { return []string{"ServerDefault", "On", "Off"} }

// code is @backup_compression: 0 off, 1 on, 2 the server default.
func (c Compression) code() int64 {
	switch c {
	case "On":
		return 1
	case "Off":
		return 0
	}
	return 2
}

// Primary is the primary-side settings, shared by New-PcLogShipping and
// Add-PcLogShippingMirrorSource ("use the same settings that you used for
// the primary database").
type Primary struct {
	Database         string
	BackupShare      string
	BackupDirectory  string // "" means BackupShare
	BackupInterval   time.Duration
	BackupThreshold  time.Duration
	Retention        time.Duration
	HistoryRetention time.Duration
	Compression      Compression
	MonitorServer    string
	AlertEnabled     bool
	Overwrite        bool
}

// Secondary is one secondary's settings.
type Secondary struct {
	Instance         string
	Database         string
	PrimaryServer    string
	PrimaryDatabase  string
	BackupShare      string
	CopyDirectory    string
	CopyInterval     time.Duration
	RestoreInterval  time.Duration
	RestoreDelay     time.Duration
	RestoreThreshold time.Duration
	Retention        time.Duration
	HistoryRetention time.Duration
	Mode             RestoreMode
	DisconnectUsers  bool
	MonitorServer    string
	AlertEnabled     bool
}

// addPrimaryDatabase is sp_add_log_shipping_primary_database, as SSMS
// scripts it, with the backup job name it creates (disabled).
func addPrimaryDatabase(p Primary) Stmt {
	dir := p.BackupDirectory
	if dir == "" {
		dir = p.BackupShare
	}
	args := []Arg{{"database", p.Database}, {"backup_directory", dir}, {"backup_share", p.BackupShare},
		{"backup_job_name", backupJobName(p.Database)}, {"backup_retention_period", minutes(p.Retention)},
		{"backup_compression", p.Compression.code()}, {"backup_threshold", minutes(p.BackupThreshold)},
		{"threshold_alert_enabled", p.AlertEnabled}, {"history_retention_period", minutes(p.HistoryRetention)}}
	args = append(args, monitorArgs(p.MonitorServer)...)
	if p.Overwrite {
		args = append(args, Arg{"overwrite", int64(1)})
	}
	return Proc("master.dbo.sp_add_log_shipping_primary_database", args...)
}

// monitorArgs names a remote monitor server, reached with Windows
// authentication (@monitor_server_security_mode = 1): no password travels.
func monitorArgs(server string) []Arg {
	if server == "" {
		return nil
	}
	return []Arg{{"monitor_server", server}, {"monitor_server_security_mode", int64(1)}}
}

// addPrimarySecondary is sp_add_log_shipping_primary_secondary.
func addPrimarySecondary(db, server, secondaryDB string) Stmt {
	return Proc("master.dbo.sp_add_log_shipping_primary_secondary", Arg{"primary_database", db},
		Arg{"secondary_server", server}, Arg{"secondary_database", secondaryDB})
}

// addSecondaryPrimary is sp_add_log_shipping_secondary_primary: it creates
// the copy and restore jobs, disabled.
func addSecondaryPrimary(s Secondary) Stmt {
	args := []Arg{{"primary_server", s.PrimaryServer}, {"primary_database", s.PrimaryDatabase},
		{"backup_source_directory", s.BackupShare}, {"backup_destination_directory", s.CopyDirectory},
		{"copy_job_name", copyJobName(s.PrimaryServer, s.PrimaryDatabase)},
		{"restore_job_name", restoreJobName(s.PrimaryServer, s.PrimaryDatabase)},
		{"file_retention_period", minutes(s.Retention)}}
	return Proc("master.dbo.sp_add_log_shipping_secondary_primary", append(args, monitorArgs(s.MonitorServer)...)...)
}

// addSecondaryDatabase is sp_add_log_shipping_secondary_database.
func addSecondaryDatabase(s Secondary) Stmt {
	mode := int64(0)
	if s.Mode == "Standby" {
		mode = 1
	}
	return Proc("master.dbo.sp_add_log_shipping_secondary_database", Arg{"secondary_database", s.Database},
		Arg{"primary_server", s.PrimaryServer}, Arg{"primary_database", s.PrimaryDatabase},
		Arg{"restore_delay", minutes(s.RestoreDelay)}, Arg{"restore_all", int64(1)}, Arg{"restore_mode", mode},
		Arg{"disconnect_users", s.DisconnectUsers}, Arg{"restore_threshold", minutes(s.RestoreThreshold)},
		Arg{"threshold_alert_enabled", s.AlertEnabled}, Arg{"history_retention_period", minutes(s.HistoryRetention)})
}

// addAlertJob is sp_add_log_shipping_alert_job (on the monitor, or on the
// primary and secondaries when there is none).
func addAlertJob() Stmt { return Proc("master.dbo.sp_add_log_shipping_alert_job") }
