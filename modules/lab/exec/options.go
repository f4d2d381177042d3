package exec

import (
	"strconv"
	"strings"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/tsql"
)

// options are the session SET options. NOCOUNT, XACT_ABORT, ROWCOUNT and
// IMPLICIT_TRANSACTIONS (implicit_tran.go)
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
		if !setOptions[strings.ToUpper(name)] {
			return engine.Raise(195, name, "SET option")
		}
	}
	for _, name := range st.Names {
		if err := r.applyOption(strings.ToUpper(name), strings.ToUpper(val)); err != nil {
			return err
		}
	}
	return nil
}

// setOptions are the options of the SET statements (Transact-SQL) page;
// any other name is error 195 and nothing is set.
var setOptions = map[string]bool{
	"DATEFIRST": true, "DATEFORMAT": true, "DEADLOCK_PRIORITY": true, "LOCK_TIMEOUT": true,
	"CONCAT_NULL_YIELDS_NULL": true, "CURSOR_CLOSE_ON_COMMIT": true, "FIPS_FLAGGER": true,
	"IDENTITY_INSERT": true, "LANGUAGE": true, "OFFSETS": true, "QUOTED_IDENTIFIER": true,
	"CONTEXT_INFO": true, "ARITHABORT": true, "ARITHIGNORE": true, "FMTONLY": true, "NOCOUNT": true,
	"NOEXEC": true, "NUMERIC_ROUNDABORT": true, "PARSEONLY": true, "QUERY_GOVERNOR_COST_LIMIT": true,
	"ROWCOUNT": true, "TEXTSIZE": true, "ANSI_DEFAULTS": true, "ANSI_NULL_DFLT_OFF": true,
	"ANSI_NULL_DFLT_ON": true, "ANSI_NULLS": true, "ANSI_PADDING": true, "ANSI_WARNINGS": true,
	"FORCEPLAN": true, "SHOWPLAN_ALL": true, "SHOWPLAN_TEXT": true, "SHOWPLAN_XML": true,
	"STATISTICS IO": true, "STATISTICS XML": true, "STATISTICS PROFILE": true, "STATISTICS TIME": true,
	"IMPLICIT_TRANSACTIONS": true, "REMOTE_PROC_TRANSACTIONS": true, "TRANSACTION ISOLATION LEVEL": true,
	"XACT_ABORT": true,
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
	case "ANSI_DEFAULTS":
		for _, n := range ansiDefaults {
			o.recorded[n] = val
		}
	case "FMTONLY", "NOEXEC", "PARSEONLY", "IDENTITY_INSERT", "SHOWPLAN_ALL",
		"SHOWPLAN_TEXT", "SHOWPLAN_XML", "STATISTICS XML", "STATISTICS PROFILE":
		if val == "ON" {
			return unsupported("SET " + name + " ON")
		}
	}
	o.recorded[name] = val
	return nil
}
