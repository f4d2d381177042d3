// Package agent emulates SQL Server Agent for the pcsh lab: the msdb job
// tables (sysjobs, sysjobsteps, sysschedules, sysjobschedules,
// sysjobservers, sysjobhistory), the msdb procedures that manage them
// (sp_add_job, sp_add_jobstep, sp_add_schedule, sp_attach_schedule,
// sp_update_job, sp_start_job, sp_help_job …) and the scheduler that runs
// enabled jobs on their schedules, one run of a job at a time, writing
// sysjobhistory as Agent does.
//
// The package also defines how the lab's executor calls system stored
// procedures (proc.go): a Procedure declares its parameters, Exec binds
// the evaluated arguments of an EXEC or RPC call with SQL Server's checks
// (201, 8144, 8145, 8143, 8162, conversion errors) and runs it. Job steps
// are run by StepRunners chosen by subsystem; the log shipping package
// supplies the CmdExec runner for sqllogship.exe steps.
//
// Lab time is real time: schedules accept freq_subday_type 2 (seconds), so
// a job can run every second. Every clock reading goes through Options.Now.
package agent
