package exec

import (
	"pcsh/modules/lab/tds"
	"pcsh/modules/lab/tsql"
)

// tran runs BEGIN, COMMIT and ROLLBACK TRANSACTION (3902/3903 from the
// engine) and tells the client about the transaction (ENVCHANGE 8, 9,
// 10), which go-mssqldb needs inside db.BeginTx.
func (r *run) tran(st *tsql.TranStmt) error {
	e := r.s.eng
	var err error
	switch st.Action {
	case "BEGIN":
		err = e.Begin()
	case "COMMIT":
		err = e.Commit()
	case "ROLLBACK":
		err = e.Rollback()
	default:
		return unsupported(st.Action + " TRANSACTION")
	}
	if err != nil {
		return err
	}
	return r.syncTran(st.Action == "COMMIT")
}

// syncTran announces a transaction that began or ended since the last
// announcement.
func (r *run) syncTran(commit bool) error {
	tw, ok := r.w.(tds.TransactionWriter)
	open := r.s.eng.TranCount() > 0
	if !ok || open == r.s.announced {
		return nil
	}
	r.s.announced = open
	if open {
		r.s.tranSeq++
		return tw.BeginTransaction(uint64(r.s.eng.SPID())<<32 | r.s.tranSeq)
	}
	return tw.EndTransaction(commit)
}
