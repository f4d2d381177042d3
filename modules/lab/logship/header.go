package logship

import (
	"strings"
	"time"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqldb"
	"pcsh/modules/lab/sqltype"
)

// logHeader is what the restore job reads from a log backup file with
// RESTORE HEADERONLY.
type logHeader struct {
	database string
	first    sqldb.LSN
	last     sqldb.LSN
	finished time.Time
}

// readHeader reads the first backup set's header of path.
func readHeader(inst *engine.Instance, path string) (logHeader, error) {
	rel, err := inst.RestoreHeaderOnly(path)
	if err != nil {
		return logHeader{}, err
	}
	idx := map[string]int{}
	for k, c := range rel.Columns() {
		idx[strings.ToLower(c.Name)] = k
	}
	for row := range rel.Rows() {
		h := logHeader{first: lsnOf(row[idx["firstlsn"]]), last: lsnOf(row[idx["lastlsn"]])}
		h.database, _ = row[idx["databasename"]].(string)
		h.finished, _ = row[idx["backupfinishdate"]].(time.Time)
		return h, nil
	}
	return logHeader{}, engine.Raise(3241, path)
}

// lsnOf converts a numeric(25,0) LSN value.
func lsnOf(v any) sqldb.LSN {
	d, ok := v.(sqltype.Decimal)
	if !ok || d.Unscaled == nil {
		return 0
	}
	return sqldb.LSN(d.Unscaled.Uint64())
}
