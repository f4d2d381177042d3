package exec

import (
	"strings"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/tsql"
)

// backup runs BACKUP DATABASE and BACKUP LOG to one disk file.
func (r *run) backup(st *tsql.BackupStmt) error {
	db, path, err := r.dbAndDevice(st.Database, st.Devices)
	if err != nil {
		return err
	}
	opts, err := r.backupOptions(st.Options, st.Log)
	if err != nil {
		return err
	}
	opts.Messages = r.messenger(st.Line)
	if st.Log {
		return r.s.h.inst.BackupLog(r.ctx, r.s.eng, db, path, opts)
	}
	return r.s.h.inst.BackupDatabase(r.ctx, r.s.eng, db, path, opts)
}

// messenger sends the progress and completion messages of BACKUP and
// RESTORE as they happen, flushing each so clients see them live.
func (r *run) messenger(line int) func(*engine.Error) {
	return func(e *engine.Error) {
		if r.w.Info(r.sqlMessage(e, line)) == nil {
			_ = r.w.Flush()
		}
	}
}

// dbAndDevice evaluates the database reference and the single DISK
// device.
func (r *run) dbAndDevice(ref tsql.DBRef, devs []tsql.Device) (string, string, error) {
	db := ref.Name
	if ref.Var != "" {
		v, err := r.variable(ref.Var)
		if err != nil {
			return "", "", err
		}
		db = toText(v, -1)
	}
	path, err := r.device(devs)
	return db, path, err
}

// device evaluates the one DISK device the lab supports.
func (r *run) device(devs []tsql.Device) (string, error) {
	if len(devs) != 1 {
		return "", unsupported("backup striped over several devices")
	}
	if devs[0].Type != "DISK" {
		return "", unsupported(devs[0].Type + " backup device")
	}
	v, err := r.eval(devs[0].Path, nil)
	if err != nil {
		return "", err
	}
	return toText(v, -1), nil
}

// optionInt evaluates an option's integer value, def when absent.
func (r *run) optionInt(o tsql.BackupOption, def int64) (int64, error) {
	if o.Value == nil {
		return def, nil
	}
	v, err := r.eval(o.Value, nil)
	if err != nil {
		return 0, err
	}
	return argInt(v)
}

// optionText evaluates an option's text value.
func (r *run) optionText(e tsql.Expr) (string, error) {
	if e == nil {
		return "", nil
	}
	v, err := r.eval(e, nil)
	return toText(v, -1), err
}

// ignoredBackupOptions are tape and performance options that change
// nothing for a disk file in the lab.
func ignoredBackupOptions(name string) bool {
	switch name {
	case "NOINIT", "NOFORMAT", "SKIP", "NOSKIP", "REWIND", "NOREWIND", "UNLOAD", "NOUNLOAD", "NO_CHECKSUM",
		"NO_COMPRESSION", "CONTINUE_AFTER_ERROR", "STOP_ON_ERROR", "BLOCKSIZE", "BUFFERCOUNT", "MAXTRANSFERSIZE":
		return true
	}
	return false
}

// backupOptions maps WITH options of BACKUP.
func (r *run) backupOptions(opts []tsql.BackupOption, log bool) (engine.BackupOptions, error) {
	var o engine.BackupOptions
	for _, opt := range opts {
		if err := r.backupOption(&o, opt, log); err != nil {
			return o, err
		}
	}
	return o, nil
}

func (r *run) backupOption(o *engine.BackupOptions, opt tsql.BackupOption, log bool) error {
	var err error
	switch opt.Name {
	case "INIT":
		o.Init = true
	case "FORMAT":
		o.Format = true
	case "COPY_ONLY":
		o.CopyOnly = true
	case "CHECKSUM":
		o.Checksum = true
	case "COMPRESSION":
		o.Compression = true
	case "STATS":
		var n int64
		n, err = r.optionInt(opt, 10)
		o.Stats = int(n)
	case "NAME":
		o.Name, err = r.optionText(opt.Value)
	case "DESCRIPTION":
		o.Description, err = r.optionText(opt.Value)
	case "MEDIANAME":
		o.MediaName, err = r.optionText(opt.Value)
	case "DIFFERENTIAL":
		if log {
			return unsupported("BACKUP LOG WITH DIFFERENTIAL")
		}
		o.Differential = true
	case "NORECOVERY", "NO_TRUNCATE":
		if !log {
			return unsupported("BACKUP DATABASE WITH " + opt.Name)
		}
		o.NoRecovery = o.NoRecovery || opt.Name == "NORECOVERY"
		o.NoTruncate = o.NoTruncate || opt.Name == "NO_TRUNCATE"
	default:
		if !ignoredBackupOptions(opt.Name) {
			return unsupported("BACKUP WITH " + opt.Name)
		}
	}
	return err
}

// restore runs RESTORE DATABASE, RESTORE LOG and the informational
// RESTORE HEADERONLY, FILELISTONLY, LABELONLY and VERIFYONLY.
func (r *run) restore(st *tsql.RestoreStmt) error {
	switch st.Kind {
	case "HEADERONLY", "FILELISTONLY", "LABELONLY", "VERIFYONLY":
		return r.restoreInfo(st)
	}
	opts, err := r.restoreOptions(st.Options)
	if err != nil {
		return err
	}
	opts.Messages = r.messenger(st.Line)
	db := st.Database.Name
	if st.Database.Var != "" {
		v, err := r.variable(st.Database.Var)
		if err != nil {
			return err
		}
		db = toText(v, -1)
	}
	inst := r.s.h.inst
	if len(st.Devices) == 0 {
		if opts.NoRecovery || opts.Standby != "" {
			return unsupported("RESTORE without FROM and WITH NORECOVERY or STANDBY")
		}
		return inst.RestoreRecovery(r.ctx, r.s.eng, db)
	}
	path, err := r.device(st.Devices)
	if err != nil {
		return err
	}
	if st.Kind == "LOG" {
		return inst.RestoreLog(r.ctx, r.s.eng, db, path, opts)
	}
	return inst.RestoreDatabase(r.ctx, r.s.eng, db, path, opts)
}

// restoreOptions maps WITH options of RESTORE.
func (r *run) restoreOptions(opts []tsql.BackupOption) (engine.RestoreOptions, error) {
	o := engine.RestoreOptions{Move: map[string]string{}}
	for _, opt := range opts {
		if err := r.restoreOption(&o, opt); err != nil {
			return o, err
		}
	}
	return o, nil
}

func (r *run) restoreOption(o *engine.RestoreOptions, opt tsql.BackupOption) error {
	var err error
	var n int64
	switch opt.Name {
	case "NORECOVERY":
		o.NoRecovery = true
	case "RECOVERY":
	case "REPLACE":
		o.Replace = true
	case "CHECKSUM":
		o.Checksum = true
	case "STANDBY":
		o.Standby, err = r.optionText(opt.Value)
	case "STATS":
		n, err = r.optionInt(opt, 10)
		o.Stats = int(n)
	case "FILE":
		n, err = r.optionInt(opt, 1)
		o.File = int(n)
	case "STOPAT", "STOPATMARK", "STOPBEFOREMARK":
		return r.stopOption(o, opt)
	case "MOVE":
		var from, to string
		if from, err = r.optionText(opt.Value); err == nil {
			to, err = r.optionText(opt.To)
			o.Move[from] = to
		}
	default:
		if !ignoredBackupOptions(opt.Name) && opt.Name != "NOUNLOAD" {
			return unsupported("RESTORE WITH " + opt.Name)
		}
	}
	return err
}

// restoreInfo runs the RESTORE … ONLY statements.
func (r *run) restoreInfo(st *tsql.RestoreStmt) error {
	path, err := r.device(st.Devices)
	if err != nil {
		return err
	}
	opts, err := r.infoOptions(st.Options)
	if err != nil {
		return err
	}
	inst := r.s.h.inst
	var rel engine.Relation
	switch st.Kind {
	case "HEADERONLY":
		rel, err = inst.RestoreHeaderOnly(path)
	case "FILELISTONLY":
		rel, err = inst.RestoreFileListOnly(path, opts.File)
	case "LABELONLY":
		rel, err = inst.RestoreLabelOnly(path)
	default:
		opts.Messages = r.messenger(st.Line)
		var msg *engine.Error
		if msg, err = inst.RestoreVerifyOnly(path, opts); err == nil {
			return r.w.Info(r.sqlMessage(msg, st.Line))
		}
	}
	if err != nil {
		return err
	}
	return r.sendRelation(rel)
}

// infoOptions reads the WITH options of the RESTORE … ONLY statements the
// lab acts on: FILE, CHECKSUM and STATS (VERIFYONLY's progress); the
// others are accepted and ignored.
func (r *run) infoOptions(opts []tsql.BackupOption) (engine.RestoreOptions, error) {
	var o engine.RestoreOptions
	for _, opt := range opts {
		var n int64
		var err error
		switch strings.ToUpper(opt.Name) {
		case "FILE":
			n, err = r.optionInt(opt, 1)
			o.File = int(n)
		case "CHECKSUM":
			o.Checksum = true
		case "STATS":
			n, err = r.optionInt(opt, 10)
			o.Stats = int(n)
		}
		if err != nil {
			return o, err
		}
	}
	return o, nil
}
