package engine

import (
	"pcsh/modules/lab/sqldb"
	"pcsh/modules/lab/sqltype"
)

// LSN is a log sequence number (sqldb.LSN); the alias keeps the engine's
// log, chain and mirroring code, which names it everywhere, unchanged.
type LSN = sqldb.LSN

// lsnColumn describes a numeric(25,0) LSN result column.
func lsnColumn(name string) sqltype.Column {
	return sqltype.Column{Name: name, Type: sqltype.TypeDecimal, Precision: 25, Scale: 0, Nullable: true}
}
