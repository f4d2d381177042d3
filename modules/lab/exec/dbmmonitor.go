package exec

import (
	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
)

// spDbmMonitorResults is msdb's sp_dbmmonitorresults database_name,
// rows_to_return, update_status: the database mirroring monitor's status
// rows for a mirrored database (sp-dbmmonitorresults-transact-sql). The lab
// keeps no status history: every call returns one row computed now, as if
// update_status were 1 and rows_to_return 0. unsent_log is the send queue
// in KB, unrestored_log the redo queue (always 0: the lab's mirror redoes
// each block at once); the rates and delays the lab does not measure are
// NULL. A database that is not mirrored here has no rows.
func (r *run) spDbmMonitorResults(args []*procArg) (int32, error) {
	a := arg(args, "@database_name", 0, "database_name")
	if a == nil || a.val.v == nil {
		return 0, engine.Raise(201, "sp_dbmmonitorresults", "@database_name")
	}
	var rows []engine.Row
	if m := r.s.h.cfg.Mirror; m != nil {
		if st, err := m.Status(toText(a.val, -1)); err == nil {
			now := r.s.h.cfg.Now()
			var behind any
			if st.SendQueueKB == 0 {
				behind = now // nothing unsent: the mirror is caught up to now
			}
			rows = append(rows, engine.Row{st.Database, int64(st.Role), int64(st.State), int64(st.WitnessState),
				nil, st.SendQueueKB, nil, int64(0), nil, nil, nil, nil, now, behind, now})
		}
	}
	return 0, r.sendRelation(engine.NewRelation(dbmMonitorColumns(), rows))
}

// dbmMonitorColumns are sp_dbmmonitorresults' documented result columns.
func dbmMonitorColumns() []sqltype.Column {
	ints := func(names ...string) []sqltype.Column {
		out := make([]sqltype.Column, len(names))
		for i, n := range names {
			out[i] = sqltype.Column{Name: n, Type: sqltype.TypeInt, Nullable: true}
		}
		return out
	}
	times := func(names ...string) []sqltype.Column {
		out := make([]sqltype.Column, len(names))
		for i, n := range names {
			out[i] = sqltype.Column{Name: n, Type: sqltype.TypeDateTime, Nullable: true}
		}
		return out
	}
	cols := []sqltype.Column{{Name: "database_name", Type: sqltype.TypeNVarChar, Length: 128}}
	cols = append(cols, ints("role", "mirroring_state", "witness_status", "log_generation_rate", "unsent_log",
		"send_rate", "unrestored_log", "recovery_rate", "transaction_delay", "transactions_per_sec", "average_delay")...)
	return append(cols, times("time_recorded", "time_behind", "local_time")...)
}

// spDbmMonitorUpdate is sp_dbmmonitorupdate [database_name], the step of
// the Database Mirroring Monitor Job. The lab keeps no status table:
// sp_dbmmonitorresults computes its row at each call, so there is nothing
// to refresh and the procedure returns 0.
func (r *run) spDbmMonitorUpdate([]*procArg) (int32, error) { return 0, nil }
