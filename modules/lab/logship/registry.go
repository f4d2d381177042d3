package logship

import "pcsh/modules/lab/agent"

// Procedures returns every system procedure of the lab's SQL Server Agent
// and log shipping, keyed by lower-case name ("sp_add_job",
// "sp_add_log_shipping_primary_database"). The executor resolves a
// called name with agent.Resolve over this map and runs it with
// agent.Exec.
func Procedures() map[string]*agent.Procedure {
	out := agent.Procedures()
	for _, group := range [][]*agent.Procedure{primaryProcedures(), primarySecondaryProcedures(),
		secondaryPrimaryProcedures(), secondaryDatabaseProcedures(), alertJobProcedures(), changeProcedures(), helpProcedures(),
		monitorProcedures(), dbmMonitorProcedures()} {
		for _, p := range group {
			out[p.Name] = p
		}
	}
	return out
}
