package tds

import "encoding/binary"

// BeginTransaction announces a new transaction (ENVCHANGE 8) with a
// non-zero descriptor that the client echoes in later requests.
func (r *response) BeginTransaction(id uint64) error {
	if err := r.begin(); err != nil {
		return err
	}
	if id == 0 {
		id = 1
	}
	writeEnvBytes(&r.buf, envBeginTran, binary.LittleEndian.AppendUint64(nil, id), nil)
	r.c.tranID = id
	return r.sent()
}

// EndTransaction announces a commit (ENVCHANGE 9) or rollback (10).
func (r *response) EndTransaction(commit bool) error {
	if err := r.begin(); err != nil {
		return err
	}
	typ := byte(envRollbackTran)
	if commit {
		typ = envCommitTran
	}
	writeEnvBytes(&r.buf, typ, nil, binary.LittleEndian.AppendUint64(nil, r.c.tranID))
	r.c.tranID = 0
	return r.sent()
}

var _ TransactionWriter = (*response)(nil)
