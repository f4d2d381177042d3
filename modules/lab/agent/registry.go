package agent

// Procedures returns the Agent's msdb procedures keyed by lower-case name
// ("sp_add_job"); see Resolve for how a called name maps to a key.
func Procedures() map[string]*Procedure {
	out := map[string]*Procedure{}
	for _, group := range [][]*Procedure{jobProcedures(), jobStepProcedures(), scheduleProcedures(),
		startJobProcedures(), helpJobProcedures()} {
		for _, p := range group {
			out[p.Name] = p
		}
	}
	return out
}
