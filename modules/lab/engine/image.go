package engine

import (
	"pcsh/modules/lab/sqldb"
	"pcsh/modules/lab/sqltype"
)

// The encodings of table definitions and whole database images, shared by
// checkpoints and full backups.

func (e *enc) column(c ColumnDef) {
	e.str(c.Name)
	e.u8(uint8(c.Type))
	e.varint(int64(c.Length))
	e.u8(c.Precision)
	e.u8(c.Scale)
	e.boolean(c.Nullable)
	e.boolean(c.Identity != nil)
	if c.Identity != nil {
		e.varint(c.Identity.Seed)
		e.varint(c.Identity.Increment)
	}
	e.boolean(c.HasDefault)
	e.value(c.Default)
}

func (d *dec) column() ColumnDef {
	c := ColumnDef{Column: sqltype.Column{Name: d.Str(), Type: sqltype.DataType(d.U8()), Length: int(d.Varint()),
		Precision: d.U8(), Scale: d.U8(), Nullable: d.boolean()}}
	if d.boolean() {
		c.Identity = &Identity{Seed: d.Varint(), Increment: d.Varint()}
	}
	c.HasDefault = d.boolean()
	c.Default = d.value()
	return c
}

func (e *enc) tableDef(t TableDef) {
	e.str(t.Schema)
	e.str(t.Name)
	e.uvarint(uint64(len(t.Columns)))
	for _, c := range t.Columns {
		e.column(c)
	}
	e.uvarint(uint64(len(t.PrimaryKey)))
	for _, k := range t.PrimaryKey {
		e.str(k)
	}
	e.str(t.PrimaryKeyName)
}

func (d *dec) tableDef() TableDef {
	t := TableDef{Schema: d.Str(), Name: d.Str()}
	for range d.Count(8) {
		t.Columns = append(t.Columns, d.column())
	}
	for range d.Count(1) {
		t.PrimaryKey = append(t.PrimaryKey, d.Str())
	}
	t.PrimaryKeyName = d.Str()
	return t
}

// table appends a table with its rows.
func (e *enc) table(t *table) {
	e.tableDef(t.def)
	e.varint(t.nextRowID)
	e.boolean(t.idUsed)
	e.varint(t.identity)
	ids := t.ids()
	e.uvarint(uint64(len(ids)))
	for _, id := range ids {
		e.varint(id)
		e.row(t.rows[id])
	}
}

// table reads a table and rebuilds its primary key index.
func (d *dec) table() (*table, error) {
	t, err := newTable(d.tableDef())
	if err != nil {
		return nil, err
	}
	t.nextRowID = d.Varint()
	t.idUsed = d.boolean()
	t.identity = d.Varint()
	for range d.Count(2) {
		id, r := d.Varint(), d.row()
		if d.Err() != nil || len(r) != len(t.def.Columns) {
			return nil, errCorrupt
		}
		if err := t.put(id, r, nil); err != nil {
			return nil, err
		}
	}
	return t, d.Err()
}

func (e *enc) databaseInfo(in DatabaseInfo) {
	e.varint(int64(in.ID))
	e.str(in.Name)
	e.time(in.CreateDate)
	e.u8(uint8(in.RecoveryModel))
	e.u8(uint8(in.State))
	e.boolean(in.IsInStandby)
	e.boolean(in.IsReadOnly)
	e.u8(uint8(in.UserAccess))
	e.u8(in.CompatibilityLevel)
	e.str(in.Collation)
	e.b = sqldb.AppendFiles(e.b, in.Files)
	e.b = append(e.b, in.GUID[:]...)
	e.b = append(e.b, in.FamilyGUID[:]...)
	e.mirroring(in.Mirroring)
}

func (d *dec) databaseInfo() DatabaseInfo {
	in := DatabaseInfo{ID: int32(d.Varint()), Name: d.Str(), CreateDate: d.time(),
		RecoveryModel: sqldb.RecoveryModel(d.U8()), State: DatabaseState(d.U8()), IsInStandby: d.boolean(),
		IsReadOnly: d.boolean(), UserAccess: UserAccess(d.U8()), CompatibilityLevel: d.U8(), Collation: d.Str()}
	in.Files = sqldb.ReadFiles(&d.Reader)
	copy(in.GUID[:], d.Take(16))
	copy(in.FamilyGUID[:], d.Take(16))
	in.Mirroring = d.mirroring()
	return in
}

func (e *enc) chain(c chainState) {
	e.boolean(c.Started)
	for _, l := range []LSN{c.LogBackupLSN, c.LastFullLSN, c.RestoredLSN, c.LastLogBackupAt} {
		e.uvarint(uint64(l))
	}
}

func (d *dec) chain() chainState {
	return chainState{Started: d.boolean(), LogBackupLSN: LSN(d.Uvarint()), LastFullLSN: LSN(d.Uvarint()),
		RestoredLSN: LSN(d.Uvarint()), LastLogBackupAt: LSN(d.Uvarint())}
}

// database appends a whole database image: catalog row, LSN, chain,
// tables and the untruncated log.
func (e *enc) database(db *database) {
	e.databaseMeta(db)
	e.databaseData(db)
}

// databaseMeta appends the small part of an image: catalog row, LSN and
// chain state.
func (e *enc) databaseMeta(db *database) {
	e.databaseInfo(db.info)
	e.uvarint(uint64(db.lsn))
	e.chain(db.chain)
}

// databaseData appends the bulk of an image: the tables and the
// untruncated log.
func (e *enc) databaseData(db *database) {
	e.uvarint(uint64(len(db.tables)))
	for _, key := range sortedKeys(db.tables) {
		e.str(key)
		e.table(db.tables[key])
	}
	e.uvarint(uint64(len(db.log)))
	for _, r := range db.log {
		e.logRecord(r)
	}
}

// database reads a database image.
func (d *dec) database() (*database, error) {
	db := d.databaseMeta()
	return db, d.databaseData(db)
}

// databaseMeta reads the catalog row, LSN and chain state of an image.
func (d *dec) databaseMeta() *database {
	db := newDatabase(d.databaseInfo())
	db.lsn = LSN(d.Uvarint())
	db.chain = d.chain()
	return db
}

// databaseData reads the tables and log of an image into db.
func (d *dec) databaseData(db *database) error {
	for range d.Count(4) {
		key := d.Str()
		t, err := d.table()
		if err != nil {
			return err
		}
		db.tables[key] = t
	}
	for range d.Count(4) {
		db.log = append(db.log, d.logRecord())
	}
	return d.Err()
}

// approxSize estimates the encoded size of db's tables and log; the caller
// holds db.mu.
func (db *database) approxSize() int {
	n := 1024
	for _, t := range db.tables {
		for _, r := range t.rows {
			n += rowSize(r) + 8
		}
	}
	for _, r := range db.log {
		for _, o := range r.Ops {
			n += rowSize(o.row) + 32
		}
	}
	return n
}

// rowSize estimates the encoded size of a row.
func rowSize(r Row) int {
	n := 2
	for _, v := range r {
		switch x := v.(type) {
		case string:
			n += len(x) + 6
		case []byte:
			n += len(x) + 6
		default:
			n += 18
		}
	}
	return n
}
