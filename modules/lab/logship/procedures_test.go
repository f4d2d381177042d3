package logship

import (
	"testing"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqldb"
)

// primaryArgs are the documented arguments of a primary configuration.
func primaryArgs(db string, extra ...any) []any {
	return append([]any{"@database", db, "@backup_directory", `C:\lsbackup`, "@backup_share", `\\tribeca\lsbackup`,
		"@backup_job_name", "LSBackup_" + db, "@backup_retention_period", int64(1440)}, extra...)
}

// named converts name/value pairs.
func named(kv []any) []agentArg {
	var out []agentArg
	for k := 0; k+1 < len(kv); k += 2 {
		out = append(out, agentArg{kv[k].(string), kv[k+1]})
	}
	return out
}

// errNum returns the SQL error number of err (0 for none).
func errNum(err error) int32 { return engine.ErrorNumber(err) }

// onePrimary opens an instance with database db in FULL recovery.
func onePrimary(t *testing.T, db string) *node {
	n := openNode(t, "TRIBECA", Options{})
	if err := n.inst.CreateDatabase(db); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestAddPrimaryDatabase: rows, OUTPUT values, disabled backup job with
// the sqllogship step, monitor row with the documented defaults.
// Source: sp_add_log_shipping_primary_database page (Remarks 1–4;
// defaults: backup_threshold 60, threshold_alert 14420, alert disabled,
// history 14420, compression 2).
func TestAddPrimaryDatabase(t *testing.T) {
	n := onePrimary(t, "AdventureWorks")
	res, _ := n.must(t, "sp_add_log_shipping_primary_database", append(toArgs(named(primaryArgs("AdventureWorks"))),
		outArg("@backup_job_id"), outArg("@primary_id"))...)
	job, ok1 := output(res, "@backup_job_id").([16]byte)
	pid, ok2 := output(res, "@primary_id").([16]byte)
	if !ok1 || !ok2 {
		t.Fatalf("outputs %v", res.Outputs)
	}
	prim := n.rows(t, "log_shipping_primary_databases")
	if len(prim) != 1 || prim[0].GUID("primary_id") != pid || prim[0].GUID("backup_job_id") != job ||
		prim[0].Int("backup_compression") != 2 || prim[0].Str("monitor_server") != "TRIBECA" {
		t.Fatalf("primary rows %v", prim)
	}
	mon := n.rows(t, "log_shipping_monitor_primary")[0]
	if mon.Int("backup_threshold") != 60 || mon.Int("threshold_alert") != 14420 || mon.Int("threshold_alert_enabled") != 0 ||
		mon.Int("history_retention_period") != 14420 || mon["last_backup_file"] != nil {
		t.Fatalf("monitor row %v", mon)
	}
	j := n.rows(t, "sysjobs")[0]
	step := n.rows(t, "sysjobsteps")[0]
	if j.Int("enabled") != 0 || j.Str("name") != "LSBackup_AdventureWorks" || step.Str("subsystem") != "CmdExec" ||
		!contains([]string{step.Str("command")}, "sqllogship.exe\" -Backup "+guidText(pid)+" -server TRIBECA") {
		t.Fatalf("job %v step %v", j, step)
	}
}

// TestPrimaryErrors: the documented failures, each with its number.
func TestPrimaryErrors(t *testing.T) {
	n := onePrimary(t, "db1")
	if err := n.inst.CreateDatabase("simple1"); err != nil {
		t.Fatal(err)
	}
	if err := n.inst.SetRecoveryModel("simple1", sqldb.RecoverySimple); err != nil {
		t.Fatal(err)
	}
	n.must(t, "sp_add_log_shipping_primary_database", toArgs(named(primaryArgs("db1")))...)
	cases := []struct {
		name string
		proc string
		args []any
		want int32
	}{
		{"already primary", "sp_add_log_shipping_primary_database", primaryArgs("db1"), 32009},
		{"simple recovery", "sp_add_log_shipping_primary_database", primaryArgs("simple1"), 32015},
		{"no database", "sp_add_log_shipping_primary_database", primaryArgs("nope"), 15010},
		{"missing parameter", "sp_add_log_shipping_primary_database", []any{"@database", "db1"}, 201},
		{"unknown parameter", "sp_add_log_shipping_primary_database", append(primaryArgs("db1"), "@bogus", int64(1)), 8145},
		{"bad type", "sp_add_log_shipping_primary_database", append(primaryArgs("db1"), "@backup_threshold", "abc"), 8114},
		{"empty directory", "sp_add_log_shipping_primary_database", []any{"@database", "db1", "@backup_directory", "",
			"@backup_share", "x", "@backup_job_name", "j", "@backup_retention_period", int64(1)}, 32052},
		{"delete non-primary", "sp_delete_log_shipping_primary_database", []any{"@database", "simple1"}, 32010},
		{"secondary of non-primary", "sp_add_log_shipping_primary_secondary", []any{"@primary_database", "x",
			"@secondary_server", "s", "@secondary_database", "x"}, 32010},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, _, err := n.exec(c.proc, toArgs(named(c.args))...)
			if errNum(err) != c.want {
				t.Fatalf("error %v (status %d), want %d", err, res.Status, c.want)
			}
		})
	}
}

// TestPrimaryOverwriteAndDelete: @overwrite = 1 replaces the
// configuration; a registered secondary blocks the delete (32011); the
// documented remove order then succeeds and removes job and rows.
// Source: sp_delete_log_shipping_primary_database page; anchors §2.7
// remove order.
func TestPrimaryOverwriteAndDelete(t *testing.T) {
	n := onePrimary(t, "db1")
	first, _ := n.must(t, "sp_add_log_shipping_primary_database", append(toArgs(named(primaryArgs("db1"))), outArg("@primary_id"))...)
	second, _ := n.must(t, "sp_add_log_shipping_primary_database", append(toArgs(named(primaryArgs("db1", "@overwrite", int64(1)))),
		outArg("@primary_id"))...)
	if output(first, "@primary_id") == output(second, "@primary_id") || len(n.rows(t, "sysjobs")) != 1 {
		t.Fatal("overwrite did not replace the configuration")
	}
	sec := toArgs(named([]any{"@primary_database", "db1", "@secondary_server", "S1", "@secondary_database", "db1"}))
	n.must(t, "sp_add_log_shipping_primary_secondary", sec...)
	if _, _, err := n.exec("sp_add_log_shipping_primary_secondary", sec...); errNum(err) != 32012 {
		t.Fatalf("duplicate secondary: %v", err)
	}
	if _, _, err := n.exec("sp_delete_log_shipping_primary_database", arg("@database", "db1")); errNum(err) != 32011 {
		t.Fatalf("delete with secondaries: %v", err)
	}
	n.must(t, "sp_delete_log_shipping_primary_secondary", sec...)
	n.must(t, "sp_delete_log_shipping_primary_database", arg("@database", "db1"))
	for _, table := range []string{"sysjobs", "sysjobsteps", "log_shipping_primary_databases", "log_shipping_monitor_primary"} {
		if rows := n.rows(t, table); len(rows) != 0 {
			t.Fatalf("%s not emptied: %v", table, rows)
		}
	}
}

// secondaryArgs are sp_add_log_shipping_secondary_primary's arguments.
func secondaryArgs() []any {
	return []any{"@primary_server", "TRIBECA", "@primary_database", "AdventureWorks",
		"@backup_source_directory", `\\tribeca\lsbackup`, "@backup_destination_directory", `C:\lscopy`,
		"@copy_job_name", "LSCopy_TRIBECA_AdventureWorks", "@restore_job_name", "LSRestore_TRIBECA_AdventureWorks",
		"@file_retention_period", int64(1440)}
}

// TestSecondaryLifecycle: secondary_primary creates two disabled jobs and
// three OUTPUTs; secondary_database needs the registration (32023) and
// writes the documented defaults; deleting the last secondary database
// also removes the registration and jobs. Sources:
// sp_add_log_shipping_secondary_primary, _secondary_database,
// sp_delete_log_shipping_secondary_database pages.
func TestSecondaryLifecycle(t *testing.T) {
	n := openNode(t, "ROCKAWAY", Options{})
	db := toArgs(named([]any{"@secondary_database", "LogShipAW", "@primary_server", "TRIBECA", "@primary_database", "AdventureWorks"}))
	if _, _, err := n.exec("sp_add_log_shipping_secondary_database", db...); errNum(err) != 32023 {
		t.Fatalf("unregistered primary: %v", err)
	}
	res, _ := n.must(t, "sp_add_log_shipping_secondary_primary", append(toArgs(named(secondaryArgs())),
		outArg("@copy_job_id"), outArg("@restore_job_id"), outArg("@secondary_id"))...)
	for _, o := range []string{"@copy_job_id", "@restore_job_id", "@secondary_id"} {
		if _, ok := output(res, o).([16]byte); !ok {
			t.Fatalf("%s not returned: %v", o, res.Outputs)
		}
	}
	if _, _, err := n.exec("sp_add_log_shipping_secondary_primary", toArgs(named(secondaryArgs()))...); errNum(err) != 32024 {
		t.Fatalf("duplicate primary: %v", err)
	}
	jobs := n.rows(t, "sysjobs")
	if len(jobs) != 2 || jobs[0].Int("enabled") != 0 || jobs[1].Int("enabled") != 0 {
		t.Fatalf("jobs %v", jobs)
	}
	n.must(t, "sp_add_log_shipping_secondary_database", db...)
	if _, _, err := n.exec("sp_add_log_shipping_secondary_database", db...); errNum(err) != 32013 {
		t.Fatalf("duplicate secondary database: %v", err)
	}
	sd := n.rows(t, "log_shipping_secondary_databases")[0]
	mon := n.rows(t, "log_shipping_monitor_secondary")[0]
	if sd.Int("restore_delay") != 0 || sd.Int("restore_all") != 1 || sd.Int("restore_mode") != 0 ||
		sd.Int("block_size") != -1 || mon.Int("threshold_alert_enabled") != 1 || mon.Int("history_retention_period") != 14420 ||
		mon["last_restored_latency"] != nil {
		t.Fatalf("secondary rows %v %v", sd, mon)
	}
	if _, _, err := n.exec("sp_delete_log_shipping_secondary_primary", arg("@primary_server", "TRIBECA"),
		arg("@primary_database", "AdventureWorks")); errNum(err) != 32025 {
		t.Fatalf("delete registration with databases: %v", err)
	}
	n.must(t, "sp_delete_log_shipping_secondary_database", arg("@secondary_database", "LogShipAW"))
	for _, table := range []string{"sysjobs", "log_shipping_secondary", "log_shipping_secondary_databases", "log_shipping_monitor_secondary"} {
		if rows := n.rows(t, table); len(rows) != 0 {
			t.Fatalf("%s not emptied: %v", table, rows)
		}
	}
	if _, _, err := n.exec("sp_delete_log_shipping_secondary_database", arg("@secondary_database", "LogShipAW")); errNum(err) != 32014 {
		t.Fatalf("delete again: %v", err)
	}
}

// TestChangeAndHelp: sp_change_* change only what is given; the help
// procedures return the documented columns.
func TestChangeAndHelp(t *testing.T) {
	n := onePrimary(t, "AdventureWorks")
	n.must(t, "sp_add_log_shipping_primary_database", toArgs(named(primaryArgs("AdventureWorks")))...)
	n.must(t, "sp_change_log_shipping_primary_database", arg("@database", "AdventureWorks"),
		arg("@threshold_alert_enabled", int64(1)), arg("@backup_retention_period", int64(99)))
	_, w := n.must(t, "sp_help_log_shipping_primary_database", arg("@database", "AdventureWorks"))
	if len(w.cols) != 1 || len(w.cols[0]) != 16 || w.cols[0][0].Name != "primary_id" {
		t.Fatalf("help columns %v", w.cols)
	}
	row := w.sets[0][0]
	if row[4] != int64(99) || row[11] != true || row[10] != int64(14420) {
		t.Fatalf("help row %v", row)
	}
	_, w = n.must(t, "sp_help_log_shipping_monitor")
	if len(w.cols[0]) != 15 || len(w.sets[0]) != 1 || w.sets[0][0][1] != true {
		t.Fatalf("monitor %v %v", w.cols, w.sets)
	}
	n.must(t, "sp_add_log_shipping_secondary_primary", toArgs(named(secondaryArgs()))...)
	n.must(t, "sp_add_log_shipping_secondary_database", arg("@secondary_database", "LogShipAW"),
		arg("@primary_server", "TRIBECA"), arg("@primary_database", "AdventureWorks"))
	n.must(t, "sp_change_log_shipping_secondary_database", arg("@secondary_database", "LogShipAW"), arg("@restore_mode", int64(1)))
	_, w = n.must(t, "sp_help_log_shipping_secondary_database", arg("@secondary_database", "LogShipAW"))
	if len(w.cols[0]) != 29 || w.sets[0][0][13] != true {
		t.Fatalf("secondary help %v", w.sets)
	}
}

// TestAlertJobProcedures: the alert job is created once, enabled, every
// two minutes; deleting it waits until no configuration is left.
func TestAlertJobProcedures(t *testing.T) {
	n := openNode(t, "MON", Options{})
	a, _ := n.must(t, "sp_add_log_shipping_alert_job", outArg("@alert_job_id"))
	b, _ := n.must(t, "sp_add_log_shipping_alert_job", outArg("@alert_job_id"))
	if output(a, "@alert_job_id") != output(b, "@alert_job_id") || len(n.rows(t, "sysjobs")) != 1 {
		t.Fatal("alert job created twice")
	}
	s := n.rows(t, "sysschedules")[0]
	if s.Int("freq_subday_type") != 4 || s.Int("freq_subday_interval") != 2 || n.rows(t, "sysjobs")[0].Int("enabled") != 1 {
		t.Fatalf("alert schedule %v", s)
	}
	n.must(t, "sp_delete_log_shipping_alert_job")
	if len(n.rows(t, "sysjobs")) != 0 {
		t.Fatal("alert job not deleted")
	}
}
