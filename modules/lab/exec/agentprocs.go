package exec

import (
	"strings"

	"pcsh/modules/lab/agent"
	"pcsh/modules/lab/tds"
)

// callAgentProc runs a procedure from the configured SQL Server Agent and
// log shipping set (msdb.dbo.sp_add_job, master.dbo.sp_add_log_shipping_…),
// resolved as SQL Server resolves them; found is false when no such
// procedure exists there either.
func (r *run) callAgentProc(name string, args []*procArg) (status int32, found bool, err error) {
	procs := r.s.h.cfg.Procedures
	if len(procs) == 0 {
		return 0, false, nil
	}
	p, rerr := agent.Resolve(procs, nameParts(name), r.s.eng.Database())
	if rerr != nil {
		if _, ok := procs[procName(name)]; !ok {
			return 0, false, nil
		}
		return 0, true, rerr
	}
	res, err := agent.Exec(r.ctx, p, agent.Env{Instance: r.s.h.inst, Session: r.s.eng, Agent: r.s.h.cfg.Agent},
		agentArgs(args), r.w)
	if err != nil {
		return int32(res.Status), true, err
	}
	storeOutputs(p, args, res.Outputs)
	return int32(res.Status), true, nil
}

// nameParts splits a multi-part procedure name, keeping bracketed parts
// whole.
func nameParts(name string) []string {
	var parts []string
	var b strings.Builder
	depth := 0
	for _, c := range name {
		switch {
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '.' && depth == 0:
			parts = append(parts, b.String())
			b.Reset()
			continue
		}
		b.WriteRune(c)
	}
	return append(parts, b.String())
}

func agentArgs(args []*procArg) []agent.Arg {
	out := make([]agent.Arg, len(args))
	for i, a := range args {
		out[i] = agent.Arg{Name: a.name, Value: a.val.v, Output: a.output}
	}
	return out
}

// storeOutputs puts OUTPUT values back into the caller's arguments, by
// name, or by the procedure's parameter order for positional arguments.
func storeOutputs(p *agent.Procedure, args []*procArg, outs []agent.Output) {
	for _, o := range outs {
		for i, a := range args {
			if !a.output {
				continue
			}
			if strings.EqualFold(a.name, o.Name) || a.name == "" && i < len(p.Params) && strings.EqualFold(p.Params[i].Name, o.Name) {
				a.val = paramValue(tds.Param{Type: o.Type, Value: o.Value})
			}
		}
	}
}
