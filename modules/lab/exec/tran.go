package exec

import (
	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/tds"
	"pcsh/modules/lab/tsql"
)

// tran runs BEGIN, COMMIT and ROLLBACK TRANSACTION (3902/3903 from the
// engine, 6401 for a ROLLBACK naming another transaction) and tells the client about the transaction (ENVCHANGE 8, 9,
// 10), which go-mssqldb needs inside db.BeginTx.
func (r *run) tran(st *tsql.TranStmt) error {
	e := r.s.eng
	var err error
	switch {
	case st.Action == "BEGIN" && st.Mark:
		err = r.named(st, r.beginMarked)
	case st.Action == "BEGIN":
		err = r.named(st, func(*tsql.TranStmt) error { return e.Begin() })
	case st.Action == "COMMIT":
		err = e.Commit()
	case st.Action == "ROLLBACK":
		err = r.rollback(st)
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
	name, err := r.tranName(st.Name)
	if err != nil {
		return err
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

// named runs a BEGIN TRANSACTION and keeps the name of the outermost one,
// the only name ROLLBACK TRANSACTION accepts.
func (r *run) named(st *tsql.TranStmt, begin func(*tsql.TranStmt) error) error {
	outer := r.s.eng.TranCount() == 0
	err := begin(st)
	if outer && r.s.eng.TranCount() > 0 {
		r.s.tranName, _ = r.tranName(st.Name)
	}
	return err
}

// rollback runs ROLLBACK TRANSACTION [name]. A name other than the
// outermost transaction's raises 6401 and rolls nothing back (BEGIN
// TRANSACTION: "A rollback to any other name (other than a valid savepoint
// name) generates an error. None of the statements executed before the
// rollback is, in fact, rolled back"; names are case sensitive). The lab
// has no savepoints.
func (r *run) rollback(st *tsql.TranStmt) error {
	if st.Name != "" && r.s.eng.TranCount() > 0 {
		name, err := r.tranName(st.Name)
		if err != nil {
			return err
		}
		if name != r.s.tranName {
			return engine.Raise(6401, name)
		}
	}
	return r.s.eng.Rollback()
}

// tranName is a transaction name as written, or the value of the
// @variable naming it.
func (r *run) tranName(name string) (string, error) {
	if name == "" || name[0] != '@' {
		return name, nil
	}
	v, err := r.variable(name)
	if err != nil {
		return "", err
	}
	return toText(v, -1), nil
}
