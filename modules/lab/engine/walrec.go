package engine

import (
	"os"

	"pcsh/modules/lab/bincode"
)

// walKind is the kind of a WAL record.
type walKind uint8

// The WAL record kinds.
const (
	walTxn      walKind = iota + 1 // a committed transaction, per database
	walCreateDB                    // CREATE DATABASE
	walDropDB                      // DROP DATABASE
	walDBMeta                      // a database's catalog row, LSN and chain
)

// walPart is one database's share of a committed transaction.
type walPart struct {
	dbID int32
	rec  logRecord
}

// walRecord is one WAL record.
type walRecord struct {
	seq   uint64
	kind  walKind
	parts []walPart    // walTxn
	info  DatabaseInfo // walCreateDB, walDBMeta
	dbID  int32        // walDropDB
	lsn   LSN          // walDBMeta: end of log
	chain chainState   // walDBMeta
	trunc bool         // walDBMeta: truncate the log to the chain
}

// encodeWAL encodes a record payload.
func encodeWAL(r *walRecord) []byte {
	var e enc
	e.uvarint(r.seq)
	e.u8(uint8(r.kind))
	switch r.kind {
	case walTxn:
		e.uvarint(uint64(len(r.parts)))
		for _, p := range r.parts {
			e.varint(int64(p.dbID))
			e.logRecord(p.rec)
		}
	case walCreateDB:
		e.databaseInfo(r.info)
	case walDropDB:
		e.varint(int64(r.dbID))
	case walDBMeta:
		e.databaseInfo(r.info)
		e.uvarint(uint64(r.lsn))
		e.chain(r.chain)
		e.boolean(r.trunc)
	}
	return e.b
}

// decodeWAL decodes a record payload.
func decodeWAL(b []byte) (*walRecord, error) {
	d := newDec(b)
	r := &walRecord{seq: d.Uvarint(), kind: walKind(d.U8())}
	switch r.kind {
	case walTxn:
		for range d.Count(4) {
			r.parts = append(r.parts, walPart{dbID: int32(d.Varint()), rec: d.logRecord()})
		}
	case walCreateDB:
		r.info = d.databaseInfo()
	case walDropDB:
		r.dbID = int32(d.Varint())
	case walDBMeta:
		r.info = d.databaseInfo()
		r.lsn = LSN(d.Uvarint())
		r.chain = d.chain()
		r.trunc = d.boolean()
	default:
		d.Fail()
	}
	if d.Err() == nil && d.Len() != 0 {
		d.Fail()
	}
	return r, d.Err()
}

// segment is what recovery read from one WAL segment file.
type segment struct {
	start uint64       // the first sequence number, from the file name
	recs  []*walRecord // the records before the segment's end
	good  int64        // the bytes of those records' frames
	size  int64        // the file's size; more than good when torn
}

// readSegment reads the WAL segment that starts at start, stopping at the
// first torn or corrupt frame and at the first record numbered limit or
// more: the successor segment starts at limit, so such a record is stale,
// left behind a cut that was not yet durable, never a valid one.
func readSegment(dir string, start, limit uint64) (segment, error) {
	b, err := os.ReadFile(joinPath(dir, segmentName(start)))
	if err != nil {
		return segment{}, err
	}
	sg := segment{start: start, size: int64(len(b))}
	tab := bincode.CRCTable()
	for rest := b; len(rest) > 0; {
		payload, next, ok := bincode.ReadFrame(rest, tab)
		if !ok {
			break
		}
		r, derr := decodeWAL(payload)
		if derr != nil || r.seq >= limit {
			break
		}
		sg.recs = append(sg.recs, r)
		rest = next
		sg.good = int64(len(b) - len(rest))
	}
	return sg, nil
}
