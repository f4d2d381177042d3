package exec

import (
	"slices"
	"strings"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
	"pcsh/modules/lab/tds"
	"pcsh/modules/lab/tsql"
)

// procArg is one argument of a procedure call.
type procArg struct {
	name   string // "@name", or "" when positional
	val    value
	output bool
}

// procFunc is a system procedure: it reads its arguments, may write
// results and OUTPUT values back into args, and returns its status.
type procFunc func(r *run, args []*procArg) (int32, error)

// procedures returns the system procedures the lab implements, by lower
// case name.
func procedures() map[string]procFunc {
	return map[string]procFunc{
		"sp_executesql":        (*run).spExecuteSQL,
		"sp_dbmmonitorresults": (*run).spDbmMonitorResults,
		"sp_dbmmonitorupdate":  (*run).spDbmMonitorUpdate,
		"sp_who2":              (*run).spWho2,
		"sp_who":               (*run).spWho2,
	}
}

// bracketStripper removes the brackets of quoted identifiers.
var bracketStripper = strings.NewReplacer("[", "", "]", "")

// procName normalizes a procedure name: its last part, lower case.
func procName(n string) string {
	if strings.ContainsAny(n, "[]") {
		n = bracketStripper.Replace(n)
	}
	if i := strings.LastIndexByte(n, '.'); i >= 0 {
		n = n[i+1:]
	}
	return strings.ToLower(n)
}

// execProc runs EXEC [@rc =] proc args, EXEC @procvar and EXEC ('…').
func (r *run) execProc(st *tsql.ExecStmt) error {
	if st.Dynamic != nil {
		return r.execDynamic(st.Dynamic)
	}
	name := st.Proc.String()
	if st.ProcVar != "" {
		v, err := r.variable(st.ProcVar)
		if err != nil {
			return err
		}
		name = toText(v, -1)
	}
	args, err := r.execArgs(st.Args)
	if err != nil {
		return err
	}
	status, err := r.callProc(name, args)
	if err != nil {
		if err = r.failedProc(err, status, st.Line); err != nil {
			return err
		}
	}
	if err := r.copyOutputs(st.Args, args); err != nil {
		return err
	}
	if st.ReturnVar != "" {
		return r.assign(st.ReturnVar, value{int64(status), intT()})
	}
	return nil
}

// execArgs evaluates EXEC arguments.
func (r *run) execArgs(in []tsql.ExecArg) ([]*procArg, error) {
	out := make([]*procArg, len(in))
	for i, a := range in {
		v, err := r.eval(a.Value, nil)
		if err != nil {
			return nil, err
		}
		out[i] = &procArg{name: a.Name, val: v, output: a.Output}
	}
	return out, nil
}

// failedProc handles the error of a procedure call. A procedure that ran
// and failed with a nonzero status (the log shipping procedures "0
// (success) or 1 (failure)") raised its error and then returned: the
// error is reported and the call goes on, so EXEC @rc = … sees the status.
// Other errors (an unknown procedure, a bad argument) end the statement;
// so does any error inside TRY, which goes to CATCH.
func (r *run) failedProc(err error, status int32, line int) error {
	if status == 0 || r.inTry > 0 || engine.SQLErrors(err) == nil {
		return err
	}
	return r.handle(asStmtError(err, line))
}

// copyOutputs stores OUTPUT arguments back into the caller's variables.
func (r *run) copyOutputs(in []tsql.ExecArg, args []*procArg) error {
	for i, a := range in {
		ref, ok := a.Value.(*tsql.VarRef)
		if !a.Output || !ok {
			continue
		}
		if err := r.assign(ref.Name, args[i].val); err != nil {
			return err
		}
	}
	return nil
}

// callProc finds and runs a procedure (2812 when there is none).
func (r *run) callProc(name string, args []*procArg) (int32, error) {
	p, ok := r.s.h.procs[procName(name)]
	if ok {
		return p(r, args)
	}
	status, found, err := r.callAgentProc(name, args)
	if !found {
		return 0, engine.Raise(2812, name)
	}
	return status, err
}

// rpc runs an RPC request: the procedure's results, its OUTPUT
// parameters (RETURNVALUE) and its status (RETURNSTATUS).
func (r *run) rpc(proc string, params []tds.Param) error {
	args := make([]*procArg, len(params))
	for i, p := range params {
		args[i] = &procArg{name: p.Name, val: paramValue(p), output: p.Output}
	}
	r.proc = procName(proc)
	status, err := r.callProc(proc, args)
	if err != nil {
		if status == 0 || engine.SQLErrors(err) == nil {
			return r.rpcError(err)
		}
		// The procedure ran and failed: its error, then its status.
		if err := r.rpcError(err); err != nil {
			return err
		}
	}
	if err := r.w.ReturnStatus(status); err != nil {
		return err
	}
	for i, p := range params {
		if !p.Output {
			continue
		}
		out := tds.Param{Name: p.Name, Type: p.Type, Value: args[i].val.v}
		if c, err := convert(args[i].val, sqlType{Type: p.Type, Length: -1, Precision: 38, Scale: decimalScale(args[i].val)}, -1); err == nil {
			out.Value = c.v
		}
		if err := r.w.ReturnValue(out); err != nil {
			return err
		}
	}
	return nil
}

// rpcError reports a failed procedure call; the RPC still ends normally.
func (r *run) rpcError(err error) error {
	err = asStmtError(err, 1)
	if herr := r.handle(err); herr != nil {
		return herr
	}
	return nil
}

func decimalScale(v value) uint8 {
	if d, ok := v.v.(sqltype.Decimal); ok {
		return d.Scale
	}
	return v.t.Scale
}

// paramValue types an RPC parameter value.
func paramValue(p tds.Param) value {
	t := sqlType{Type: p.Type, Length: -1}
	switch p.Type {
	case sqltype.TypeDateTimeOffset:
		t = dtoT()
	case sqltype.TypeDecimal:
		if d, ok := p.Value.(sqltype.Decimal); ok {
			t = decimalT(38, int(d.Scale))
		}
	case sqltype.TypeDateTime2:
		t = dt2T()
	}
	if isString(t) {
		if s, ok := p.Value.(string); ok {
			t.Length = capLen(sqltype.TextLength(t.Type, s), map[bool]int{true: 4000, false: 8000}[t.Type == sqltype.TypeNVarChar])
		}
	}
	return value{p.Value, t}
}

// arg finds an argument by name, else the one at pos when that one is
// positional or carries a client's own name for it (tedious calls
// sp_executesql's first two parameters "statement" and "params").
func arg(args []*procArg, name string, pos int, aliases ...string) *procArg {
	if a := namedArg(args, name); a != nil {
		return a
	}
	if pos >= len(args) {
		return nil
	}
	n := strings.ToLower(strings.TrimPrefix(args[pos].name, "@"))
	if n == "" || slices.Contains(aliases, n) {
		return args[pos]
	}
	return nil
}

// spWho2 is sp_who2: the engine's session list.
func (r *run) spWho2(_ []*procArg) (int32, error) {
	return 0, r.sendRelation(r.s.h.inst.SpWho2())
}

// sendRelation writes an engine relation as a result set.
func (r *run) sendRelation(rel engine.Relation) error {
	cols := rel.Columns()
	res := &result{cols: cols}
	for row := range rel.Rows() {
		vals := make([]value, len(row))
		for i, v := range row {
			vals[i] = value{v, cols[i]}
		}
		res.rows = append(res.rows, vals)
	}
	return r.send(res)
}
