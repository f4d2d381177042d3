package engine

import "context"

// DropTempTables drops the tempdb tables names ("dbo.#t_…") on behalf of a
// session that has ended or whose connection was reset. It runs in a
// system session, so it also works for a session ended by KILL.
func (i *Instance) DropTempTables(ctx context.Context, names []string) {
	s := i.systemSession()
	for _, n := range names {
		_ = s.DropTable(ctx, "tempdb", n)
	}
}

// emptyTempdb gives tempdb no tables, as SQL Server recreates tempdb at
// every start. Recovery calls it before its checkpoint, which then writes
// the empty tempdb.
func (i *Instance) emptyTempdb() {
	if db := i.dbs["tempdb"]; db != nil {
		db.mu.Lock()
		db.tables = map[string]*table{}
		db.mu.Unlock()
	}
}
