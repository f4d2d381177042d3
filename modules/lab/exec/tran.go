package exec

import (
	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/tds"
	"pcsh/modules/lab/tsql"
)

// tran runs BEGIN, COMMIT and ROLLBACK TRANSACTION (3902/3903 from the
// engine) and tells the client about the transaction (ENVCHANGE 8, 9,
// 10), which go-mssqldb needs inside db.BeginTx.
func (r *run) tran(st *tsql.TranStmt) error {
	e := r.s.eng
	var err error
	switch {
	case st.Action == "BEGIN" && st.Mark:
		err = r.beginMarked(st)
	case st.Action == "BEGIN":
		err = e.Begin()
	case st.Action == "COMMIT":
		err = e.Commit()
	case st.Action == "ROLLBACK":
		err = e.Rollback()
	default:
		return unsupported(st.Action + " TRANSACTION")
	}
	if err != nil && engine.ErrorNumber(err) != 3920 {
		return err
	}
	if serr := r.syncTran(st.Action == "COMMIT"); serr != nil {
		return serr
	}
	return err
}

// beginMarked runs BEGIN TRAN name WITH MARK ['description']; the mark is
// the name, or the value of the @variable naming it.
func (r *run) beginMarked(st *tsql.TranStmt) error {
	name := st.Name
	if name[0] == '@' {
		v, err := r.variable(name)
		if err != nil {
			return err
		}
		name = toText(v, -1)
	}
	return r.s.eng.BeginMarked(name, st.Description)
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
