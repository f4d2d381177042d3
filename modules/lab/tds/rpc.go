package tds

import "fmt"

// procNames are the well-known procedures a client may call by id.
var procNames = [...]string{1: "sp_cursor", "sp_cursoropen", "sp_cursorprepare",
	"sp_cursorexecute", "sp_cursorprepexec", "sp_cursorunprepare", "sp_cursorfetch",
	"sp_cursoroption", "sp_cursorclose", "sp_executesql", "sp_prepare", "sp_execute",
	"sp_prepexec", "sp_prepexecrpc", "sp_unprepare"}

// paramOutput is the RPC parameter status bit for OUTPUT (by reference).
const paramOutput = 0x01

// rpcCall is a decoded RPC request.
type rpcCall struct {
	proc       string
	params     []Param
	types      []typeInfo
	tranDescr  uint64
	optionFlag uint16
}

// allHeaders skips ALL_HEADERS and returns the transaction descriptor from
// its header of type 2, if any.
func allHeaders(d *decoder) (tran uint64, err error) {
	total := int(d.U32())
	if d.Err() != nil || total < 4 || total-4 > d.Len() {
		return 0, fmt.Errorf("tds: bad ALL_HEADERS length %d", total)
	}
	h := newDecoder(d.Take(total - 4))
	for h.Len() > 0 && h.Err() == nil {
		n := int(h.U32())
		body := newDecoder(h.Take(n - 4))
		if body.U16() == 2 {
			tran = body.U64()
		}
	}
	return tran, h.Err()
}

// decodeBatch returns the SQL text of a SQLBatch payload.
func decodeBatch(p []byte) (sql string, tran uint64, err error) {
	d := newDecoder(p)
	if tran, err = allHeaders(&d); err != nil {
		return "", 0, err
	}
	return decodeUCS2(d.Rest()), tran, nil
}

// decodeRPC parses an RPC payload: the procedure (id or name), option
// flags and parameters.
func decodeRPC(p []byte) (rpcCall, error) {
	var c rpcCall
	d := newDecoder(p)
	var err error
	if c.tranDescr, err = allHeaders(&d); err != nil {
		return c, err
	}
	if c.proc, err = procName(&d); err != nil {
		return c, err
	}
	c.optionFlag = d.U16()
	for d.Err() == nil && d.Len() > 0 {
		prm, t, err := decodeParam(&d)
		if err != nil {
			return c, fmt.Errorf("tds: rpc %s parameter %d: %w", c.proc, len(c.params)+1, err)
		}
		c.params, c.types = append(c.params, prm), append(c.types, t)
	}
	return c, d.Err()
}

func procName(d *decoder) (string, error) {
	n := d.U16()
	if n != 0xFFFF {
		return d.ucs2(int(n)), d.Err()
	}
	id := int(d.U16())
	if d.Err() != nil || id < 1 || id >= len(procNames) {
		return "", fmt.Errorf("tds: unknown rpc procedure id %d", id)
	}
	return procNames[id], nil
}

func decodeParam(d *decoder) (Param, typeInfo, error) {
	p := Param{Name: d.bVarChar()}
	p.Output = d.U8()&paramOutput != 0
	t, err := readTypeInfo(d)
	if err != nil {
		return p, t, err
	}
	p.Type = t.dataType()
	p.Value, err = readValue(d, t)
	return p, t, err
}

// Transaction manager request types.
const (
	tmBegin    = 5
	tmCommit   = 7
	tmRollback = 8
)

// decodeTransMgr maps a TransMgrReq to the T-SQL statement it stands for.
func decodeTransMgr(p []byte) (sql string, kind uint16, err error) {
	d := newDecoder(p)
	if _, err = allHeaders(&d); err != nil {
		return "", 0, err
	}
	kind = d.U16()
	switch kind {
	case tmBegin:
		d.U8() // isolation level
		return "BEGIN TRANSACTION", kind, d.Err()
	case tmCommit:
		return "COMMIT TRANSACTION", kind, d.Err()
	case tmRollback:
		return "ROLLBACK TRANSACTION", kind, d.Err()
	}
	return "", kind, fmt.Errorf("tds: unsupported transaction manager request %d", kind)
}
