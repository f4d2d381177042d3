package exec

import (
	"strconv"
	"strings"

	"pcsh/modules/lab/tsql"
)

// options are the session SET options. NOCOUNT, XACT_ABORT and ROWCOUNT
// change what the lab does; the others are recorded for @@OPTIONS and
// SESSIONPROPERTY.
type options struct {
	nocount   bool
	xactAbort bool
	rowcount  int64 // SET ROWCOUNT; 0 means no limit
	recorded  map[string]string
}

func defaultOptions() options {
	return options{recorded: map[string]string{}}
}

// setOption runs SET option value.
func (r *run) setOption(st *tsql.SetOptionStmt) error {
	val := st.Value
	if strings.HasPrefix(val, "@") {
		v, err := r.variable(val)
		if err != nil {
			return err
		}
		val = toText(v, -1)
	}
	for _, name := range st.Names {
		if err := r.applyOption(strings.ToUpper(name), strings.ToUpper(val)); err != nil {
			return err
		}
	}
	return nil
}

// applyOption sets one option. Options whose ON state would change
// semantics the lab does not implement are refused with 40517.
func (r *run) applyOption(name, val string) error {
	o := &r.s.opts
	switch name {
	case "NOCOUNT":
		o.nocount = val == "ON"
	case "XACT_ABORT":
		o.xactAbort = val == "ON"
	case "ROWCOUNT":
		n, err := strconv.ParseInt(val, 10, 64)
		if err != nil || n < 0 {
			return unsupported("SET ROWCOUNT " + val)
		}
		o.rowcount = n
	case "IMPLICIT_TRANSACTIONS", "FMTONLY", "NOEXEC", "PARSEONLY", "IDENTITY_INSERT", "SHOWPLAN_ALL",
		"SHOWPLAN_TEXT", "SHOWPLAN_XML", "STATISTICS XML", "STATISTICS PROFILE":
		if val == "ON" {
			return unsupported("SET " + name + " ON")
		}
	}
	o.recorded[name] = val
	return nil
}
