package logship

import (
	"path/filepath"
	"testing"

	"pcsh/modules/lab/agent"
)

// lsConfig is one log shipping configuration under test.
type lsConfig struct {
	db, share, copyDir string
	intervalSeconds    int64
	standby            bool
}

// everySeconds are the schedule arguments of a job running every n s.
func everySeconds(n int64) []agentArg {
	return []agentArg{{"@freq_type", int64(4)}, {"@freq_interval", int64(1)}, {"@freq_subday_type", int64(2)},
		{"@freq_subday_interval", n}, {"@active_start_time", int64(0)}, {"@active_end_time", int64(235959)}}
}

// agentArg is a name/value pair.
type agentArg struct {
	name string
	v    any
}

// toArgs converts pairs to named arguments.
func toArgs(in []agentArg) []agent.Arg {
	out := make([]agent.Arg, len(in))
	for k, a := range in {
		out[k] = arg(a.name, a.v)
	}
	return out
}

// schedule adds a schedule, attaches it to job and enables the job.
func (n *node) schedule(t testing.TB, job any, name string, every int64) {
	t.Helper()
	res, _ := n.must(t, "sp_add_schedule", append(toArgs(everySeconds(every)), arg("@schedule_name", name),
		outArg("@schedule_id"))...)
	n.must(t, "sp_attach_schedule", arg("@job_id", job), arg("@schedule_id", output(res, "@schedule_id")))
	n.must(t, "sp_update_job", arg("@job_id", job), arg("@enabled", int64(1)))
}

// setupPrimary configures p as log shipping primary of cfg.db (the
// dbatools order: primary database, schedule, enable); it returns the
// backup job id.
func setupPrimary(t testing.TB, p *node, cfg lsConfig) any {
	t.Helper()
	res, _ := p.must(t, "sp_add_log_shipping_primary_database", arg("@database", cfg.db),
		arg("@backup_directory", cfg.share), arg("@backup_share", cfg.share),
		arg("@backup_job_name", "LSBackup_"+cfg.db), arg("@backup_retention_period", int64(4320)),
		arg("@backup_threshold", int64(60)), arg("@threshold_alert_enabled", true),
		arg("@history_retention_period", int64(5760)), outArg("@backup_job_id"), outArg("@primary_id"),
		arg("@overwrite", int64(1)))
	job := output(res, "@backup_job_id")
	p.schedule(t, job, "LSBackupSchedule_"+cfg.db, cfg.intervalSeconds)
	return job
}

// setupSecondary configures s as secondary of primary server p for cfg.
func setupSecondary(t testing.TB, s *node, primary string, cfg lsConfig) {
	t.Helper()
	res, _ := s.must(t, "sp_add_log_shipping_secondary_primary", arg("@primary_server", primary),
		arg("@primary_database", cfg.db), arg("@backup_source_directory", cfg.share),
		arg("@backup_destination_directory", cfg.copyDir), arg("@copy_job_name", "LSCopy_"+primary+"_"+cfg.db),
		arg("@restore_job_name", "LSRestore_"+primary+"_"+cfg.db), arg("@file_retention_period", int64(4320)),
		arg("@overwrite", int64(1)), outArg("@copy_job_id"), outArg("@restore_job_id"), outArg("@secondary_id"))
	mode := int64(0)
	if cfg.standby {
		mode = 1
	}
	s.schedule(t, output(res, "@copy_job_id"), "DefaultCopyJobSchedule", cfg.intervalSeconds)
	s.schedule(t, output(res, "@restore_job_id"), "DefaultRestoreJobSchedule", cfg.intervalSeconds)
	s.must(t, "sp_add_log_shipping_secondary_database", arg("@secondary_database", cfg.db),
		arg("@primary_server", primary), arg("@primary_database", cfg.db), arg("@restore_delay", int64(0)),
		arg("@restore_all", int64(1)), arg("@restore_mode", mode), arg("@disconnect_users", int64(1)),
		arg("@restore_threshold", int64(45)), arg("@threshold_alert_enabled", int64(1)),
		arg("@history_retention_period", int64(5760)), arg("@overwrite", int64(1)))
}

// newConfig returns a configuration with a share and copy dir in temp dirs.
func newConfig(t testing.TB, db string, every int64) lsConfig {
	return lsConfig{db: db, share: filepath.Join(t.TempDir(), "share"), copyDir: filepath.Join(t.TempDir(), "copy"),
		intervalSeconds: every, standby: true}
}
