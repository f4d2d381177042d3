package engine

import (
	"pcsh/modules/lab/sqldb"
	"strings"

	"github.com/google/uuid"
)

// systemDatabase describes one of the four system databases.
type systemDatabase struct {
	id    int32
	name  string
	model sqldb.RecoveryModel
	data  string // physical data file name
	log   string // logical log name
}

func systemDatabases() []systemDatabase {
	return []systemDatabase{
		{1, "master", sqldb.RecoverySimple, "master", "mastlog"},
		{2, "tempdb", sqldb.RecoverySimple, "tempdb", "templog"},
		{3, "model", sqldb.RecoveryFull, "model", "modellog"},
		{4, "msdb", sqldb.RecoverySimple, "MSDBData", "MSDBLog"},
	}
}

// bootstrap creates the system databases and msdb's history tables of a
// new instance. The first checkpoint makes them durable.
func (i *Instance) bootstrap() error {
	now := i.now()
	for _, sd := range systemDatabases() {
		info := DatabaseInfo{ID: sd.id, Name: sd.name, CreateDate: now, RecoveryModel: sd.model,
			CompatibilityLevel: 110, Collation: defaultCollation, GUID: uuid.New(), FamilyGUID: uuid.New(),
			Files: []sqldb.File{
				{FileID: 1, LogicalName: strings.TrimSuffix(sd.data, "Data"), PhysicalName: joinPath(i.opts.Dir, sd.data+".mdf"), Type: 'D'},
				{FileID: 2, LogicalName: sd.log, PhysicalName: joinPath(i.opts.Dir, sd.log+".ldf"), Type: 'L'},
			}}
		i.dbs[sd.name] = newDatabase(info)
	}
	msdb := i.dbs["msdb"]
	for _, def := range msdbTables() {
		t, err := newTable(def)
		if err != nil {
			return err
		}
		msdb.tables[tableKey(def.FullName())] = t
	}
	return nil
}
