package logship

import (
	"time"

	"pcsh/modules/lab/agent"
	"pcsh/modules/lab/engine"
)

// Agent types of the monitor tables.
const (
	agentBackup  = 0
	agentCopy    = 1
	agentRestore = 2
)

// Session statuses of log_shipping_monitor_history_detail.
const (
	statusStarting = 0
	statusRunning  = 1
	statusSuccess  = 2
	statusError    = 3
	statusWarning  = 4
)

// agentSession is one run of a backup, copy or restore agent: it numbers
// its session and writes the history and error detail rows.
type agentSession struct {
	st        agent.Store
	now       func() time.Time
	agentID   [16]byte
	agentType int64
	sessionID int64
	database  string
	sequence  int64
	errors    []string
}

// newAgentSession starts session max(session_id)+1 of the agent.
func newAgentSession(st agent.Store, now func() time.Time, id [16]byte, typ int64, db string) *agentSession {
	last := int64(0)
	rows, _ := st.Select("log_shipping_monitor_history_detail", func(r agent.Rec) bool {
		return r.GUID("agent_id") == id && r.Int("agent_type") == typ
	})
	for _, r := range rows {
		last = max(last, r.Int("session_id"))
	}
	return &agentSession{st: st, now: now, agentID: id, agentType: typ, sessionID: last + 1, database: db}
}

// log writes a history detail row.
func (a *agentSession) log(status int64, msg string) {
	t := a.now()
	_ = a.st.Insert("log_shipping_monitor_history_detail", agent.Rec{"agent_id": a.agentID, "agent_type": a.agentType,
		"session_id": a.sessionID, "database_name": a.database, "session_status": status, "log_time": t,
		"log_time_utc": t.UTC(), "message": msg})
}

// fail records an error: one error detail row per message of err (in
// sequence), a history row with status Error, and the text for the job
// step.
func (a *agentSession) fail(err error, source string) {
	msgs := []string{}
	for _, e := range engine.SQLErrors(err) {
		msgs = append(msgs, e.Message)
	}
	if len(msgs) == 0 {
		msgs = append(msgs, err.Error())
	}
	t := a.now()
	for _, m := range msgs {
		a.sequence++
		_ = a.st.Insert("log_shipping_monitor_error_detail", agent.Rec{"agent_id": a.agentID, "agent_type": a.agentType,
			"session_id": a.sessionID, "database_name": a.database, "sequence_number": a.sequence, "log_time": t,
			"log_time_utc": t.UTC(), "message": m, "source": source, "help_url": nil})
		a.log(statusError, "*** Error: "+m+" ***")
	}
	a.errors = append(a.errors, msgs...)
}

// result is the job step outcome of the session.
func (a *agentSession) result(ok bool, summary string) agent.StepResult {
	if len(a.errors) == 0 && ok {
		return agent.StepResult{Succeeded: true, Message: summary + "  Process Exit Code 0."}
	}
	msg := summary
	for _, e := range a.errors {
		msg += "  " + e
	}
	return agent.StepResult{Message: msg + "  Process Exit Code 1.", Error: firstError(a.errors)}
}

// firstError is the engine error of the first message, for
// sysjobhistory.sql_message_id (0 when none is numbered).
func firstError(msgs []string) *engine.Error {
	if len(msgs) == 0 {
		return nil
	}
	return &engine.Error{Number: 0, Severity: 16, State: 1, Message: msgs[0]}
}

// cleanupHistory deletes the agent's history and error rows older than
// retention minutes (sp_cleanup_log_shipping_history).
func cleanupHistory(st agent.Store, id [16]byte, typ int64, retention int64, now time.Time) {
	if retention <= 0 {
		return
	}
	cut := now.Add(-time.Duration(retention) * time.Minute)
	old := func(r agent.Rec) bool {
		t, _ := r["log_time"].(time.Time)
		return r.GUID("agent_id") == id && r.Int("agent_type") == typ && t.Before(cut)
	}
	_, _ = st.Delete("log_shipping_monitor_history_detail", old)
	_, _ = st.Delete("log_shipping_monitor_error_detail", old)
}
