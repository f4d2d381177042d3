package tsql

// BackupStmt is BACKUP DATABASE|LOG name TO devices [WITH options].
type BackupStmt struct {
	Pos
	Log      bool // BACKUP LOG rather than BACKUP DATABASE
	Database DBRef
	Devices  []Device
	Options  []BackupOption
}

// RestoreStmt is RESTORE DATABASE|LOG name [FROM devices] [WITH options],
// or RESTORE HEADERONLY|FILELISTONLY|VERIFYONLY|LABELONLY FROM devices.
type RestoreStmt struct {
	Pos
	Kind     string // "DATABASE", "LOG", "HEADERONLY", "FILELISTONLY", "VERIFYONLY" or "LABELONLY"
	Database DBRef  // empty for the *ONLY kinds
	Devices  []Device
	Options  []BackupOption
}

// DBRef names a database either directly or through a @variable.
type DBRef struct {
	Name string
	Var  string // "@db" when given as a variable
}

// String renders the reference.
func (d DBRef) String() string {
	if d.Var != "" {
		return d.Var
	}
	return QuoteIdent(d.Name)
}

// Device is a backup device: DISK = 'path', URL = 'url', TAPE = 'path'.
type Device struct {
	Pos
	Type string // "DISK", "URL" or "TAPE"
	Path Expr   // a string literal or @variable
}

// String renders the device.
func (d Device) String() string { return d.Type + " = " + d.Path.String() }

// BackupOption is one WITH option of BACKUP or RESTORE: a flag (INIT,
// NORECOVERY), a value (STATS = 10, STANDBY = 'file', FILE = 2) or MOVE
// 'logical' TO 'path'.
type BackupOption struct {
	Pos
	Name  string // upper case
	Value Expr   // nil for a flag
	To    Expr   // the target path of MOVE
}

// String renders the option.
func (o BackupOption) String() string {
	switch {
	case o.Name == "MOVE":
		return "MOVE " + o.Value.String() + " TO " + o.To.String()
	case o.Value == nil:
		return o.Name
	}
	return o.Name + " = " + o.Value.String() + optional(" AFTER ", o.To)
}

// String renders the statement.
func (s *BackupStmt) String() string {
	kind := "DATABASE"
	if s.Log {
		kind = "LOG"
	}
	return "BACKUP " + kind + " " + s.Database.String() + " TO " + joinNodes(s.Devices, ", ") +
		withOptions(s.Options)
}

// String renders the statement.
func (s *RestoreStmt) String() string {
	out := "RESTORE " + s.Kind
	if s.Kind == "DATABASE" || s.Kind == "LOG" {
		out += " " + s.Database.String()
	}
	if len(s.Devices) > 0 {
		out += " FROM " + joinNodes(s.Devices, ", ")
	}
	return out + withOptions(s.Options)
}

// withOptions renders " WITH a, b" or "".
func withOptions(opts []BackupOption) string {
	if len(opts) == 0 {
		return ""
	}
	return " WITH " + joinNodes(opts, ", ")
}

// Option returns the first option named name (upper case), or nil.
func (s *BackupStmt) Option(name string) *BackupOption { return findOption(s.Options, name) }

// Option returns the first option named name (upper case), or nil.
func (s *RestoreStmt) Option(name string) *BackupOption { return findOption(s.Options, name) }

func findOption(opts []BackupOption, name string) *BackupOption {
	for i := range opts {
		if opts[i].Name == name {
			return &opts[i]
		}
	}
	return nil
}

func (*BackupStmt) stmtNode()  {}
func (*RestoreStmt) stmtNode() {}
