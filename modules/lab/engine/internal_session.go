package engine

// ConnectInternal opens a session for a service of the instance itself
// (SQL Server Agent), without authentication: the login is the service's
// and program is what sys.dm_exec_sessions.program_name shows, for example
// "SQLAgent - Job invocation engine". The session starts in msdb and is
// listed and killable like any other; Close ends it.
func (i *Instance) ConnectInternal(login, program string) *Session {
	now := i.now()
	s := &Session{inst: i, login: login, program: program, host: i.opts.MachineName, loginTime: now,
		lastBatch: now, status: "sleeping", db: "msdb"}
	i.sessions.add(s)
	return s
}
