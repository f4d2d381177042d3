package cmdlet

// DryBind does everything a non-interactive call does before the command
// runs: it binds args, applies defaults, reports a missing mandatory
// parameter and, for a Go cmdlet, assigns the values and runs Validate.
// Process never runs. With piped, the call is a later pipeline stage: the
// parameters that take pipeline input count as given, since the input
// supplies them. Tests use it to check that every help example would
// really run.
func DryBind(cmd *Command, args Args, piped bool) *ErrorRecord {
	b, rec := Bind(cmd, args)
	if rec != nil {
		return stamp(rec, cmd)
	}
	if piped {
		for _, p := range cmd.Params {
			if p.Pipeline != PipelineNone && !b.Has(p.Name) {
				b.Values[p.Name] = nil
			}
		}
	}
	if p := Complete(cmd, b); p != nil {
		return stamp(MissingMandatory(cmd, p), cmd)
	}
	if cmd.Type != TypeCmdlet || cmd.New == nil {
		return nil
	}
	if _, err := instantiate(cmd, b); err != nil {
		return stamp(AsRecord(err), cmd)
	}
	return nil
}
