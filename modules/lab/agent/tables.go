package agent

import (
	"context"
	"strings"

	"pcsh/modules/lab/engine"
)

// Tables returns the msdb tables of SQL Server Agent with their documented
// columns in documented order (MicrosoftDocs/sql-docs
// docs/relational-databases/system-tables/dbo-sysjobs, dbo-sysjobsteps,
// dbo-sysschedules, dbo-sysjobschedules, dbo-sysjobservers,
// dbo-sysjobhistory). ntext columns are nvarchar(max).
func Tables() []engine.TableDef {
	return []engine.TableDef{sysjobsDef(), sysjobstepsDef(), sysschedulesDef(), sysjobschedulesDef(),
		sysjobserversDef(), sysjobhistoryDef()}
}

func sysjobsDef() engine.TableDef {
	return DefineTable("sysjobs", []string{"job_id"},
		"job_id uniqueidentifier NOT NULL", "originating_server_id int", "name sysname NOT NULL",
		"enabled tinyint", "description nvarchar(512)", "start_step_id int", "category_id int",
		"owner_sid varbinary(85)", "notify_level_eventlog int", "notify_level_email int",
		"notify_level_netsend int", "notify_level_page int", "notify_email_operator_id int",
		"notify_netsend_operator_id int", "notify_page_operator_id int", "delete_level int",
		"date_created datetime", "date_modified datetime", "version_number int")
}

func sysjobstepsDef() engine.TableDef {
	return DefineTable("sysjobsteps", []string{"job_id", "step_id"},
		"job_id uniqueidentifier NOT NULL", "step_id int NOT NULL", "step_name sysname", "subsystem nvarchar(40)",
		"command nvarchar(max)", "flags int", "additional_parameters nvarchar(max)", "cmdexec_success_code int",
		"on_success_action tinyint", "on_success_step_id int", "on_fail_action tinyint", "on_fail_step_id int",
		"server sysname", "database_name sysname", "database_user_name sysname", "retry_attempts int",
		"retry_interval int", "os_run_priority int", "output_file_name nvarchar(200)", "last_run_outcome int",
		"last_run_duration int", "last_run_retries int", "last_run_date int", "last_run_time int", "proxy_id int",
		"step_uid uniqueidentifier")
}

func sysschedulesDef() engine.TableDef {
	return DefineTable("sysschedules", []string{"schedule_id"},
		"schedule_id int IDENTITY", "schedule_uid uniqueidentifier", "originating_server_id int",
		"name sysname NOT NULL", "owner_sid varbinary(85)", "enabled int", "freq_type int", "freq_interval int",
		"freq_subday_type int", "freq_subday_interval int", "freq_relative_interval int",
		"freq_recurrence_factor int", "active_start_date int", "active_end_date int", "active_start_time int",
		"active_end_time int", "date_created datetime", "date_modified datetime", "version_number int")
}

func sysjobschedulesDef() engine.TableDef {
	return DefineTable("sysjobschedules", nil,
		"schedule_id int", "job_id uniqueidentifier", "next_run_date int", "next_run_time int")
}

func sysjobserversDef() engine.TableDef {
	return DefineTable("sysjobservers", nil,
		"job_id uniqueidentifier", "server_id int", "last_run_outcome tinyint",
		"last_outcome_message nvarchar(4000)", "last_run_date int", "last_run_time int", "last_run_duration int")
}

func sysjobhistoryDef() engine.TableDef {
	return DefineTable("sysjobhistory", []string{"instance_id"},
		"instance_id int IDENTITY", "job_id uniqueidentifier", "step_id int", "step_name sysname",
		"sql_message_id int", "sql_severity int", "message nvarchar(4000)", "run_status int", "run_date int",
		"run_time int", "run_duration int", "operator_id_emailed int", "operator_id_netsent int",
		"operator_id_paged int", "retries_attempted int", "server sysname")
}

// Install creates the Agent's msdb tables that do not exist yet; it is
// idempotent and meant to run at every instance start.
func Install(ctx context.Context, inst *engine.Instance) error {
	return InstallTables(ctx, inst, Tables())
}

// InstallTables creates, in msdb, those of defs that do not exist yet.
func InstallTables(ctx context.Context, inst *engine.Instance, defs []engine.TableDef) error {
	s := inst.ConnectInternal("sa", "SQLAgent - Install")
	defer s.Close()
	have, err := s.Tables("msdb")
	if err != nil {
		return err
	}
	exists := map[string]bool{}
	for _, n := range have {
		exists[strings.ToLower(n)] = true
	}
	for _, def := range defs {
		if exists[strings.ToLower(def.FullName())] {
			continue
		}
		if err := s.CreateTable(ctx, "msdb", def); err != nil {
			return err
		}
	}
	return nil
}
