package tsql

// CreateDatabaseStmt is CREATE DATABASE name [ON file specs] [LOG ON file
// specs] [COLLATE name].
type CreateDatabaseStmt struct {
	Pos
	Name     string
	Files    []FileSpec
	LogFiles []FileSpec
	Collate  string
}

// FileSpec is one (NAME = …, FILENAME = …, SIZE = …, …) file description;
// Primary marks the file list after ON PRIMARY.
type FileSpec struct {
	Pos
	Primary bool
	Options []Option
}

// Option is a NAME = value pair in file specs, CREATE LOGIN and similar
// lists. Value is nil for a bare flag.
type Option struct {
	Pos
	Name  string // upper case
	Value Expr
}

// WordLit is an unquoted option value: OFF, UNLIMITED, a size such as 10MB
// or 5%.
type WordLit struct {
	Pos
	Text string // as written, units upper case, no spaces: "10MB", "UNLIMITED", "mgc_data"
}

// String renders the word.
func (e *WordLit) String() string { return e.Text }

func (*WordLit) exprNode() {}

// String renders the option.
func (o Option) String() string {
	if o.Value == nil {
		return o.Name
	}
	return o.Name + " = " + o.Value.String()
}

// String renders the file spec.
func (f FileSpec) String() string {
	return words(flag(f.Primary, "PRIMARY"), "("+joinNodes(f.Options, ", ")+")")
}

// String renders the statement.
func (s *CreateDatabaseStmt) String() string {
	out := "CREATE DATABASE " + QuoteIdent(s.Name)
	if len(s.Files) > 0 {
		out += " ON " + joinNodes(s.Files, ", ")
	}
	if len(s.LogFiles) > 0 {
		out += " LOG ON " + joinNodes(s.LogFiles, ", ")
	}
	if s.Collate != "" {
		out += " COLLATE " + s.Collate
	}
	return out
}

// DropDatabaseStmt is DROP DATABASE [IF EXISTS] name[, …].
type DropDatabaseStmt struct {
	Pos
	IfExists bool
	Names    []string
}

// String renders the statement.
func (s *DropDatabaseStmt) String() string {
	return words("DROP DATABASE", flag(s.IfExists, "IF EXISTS"), quoteIdents(s.Names))
}

// AlterDatabaseStmt is ALTER DATABASE name SET …. Exactly one of Options,
// Partner and Witness is set; ModifyName is set for MODIFY NAME = new.
type AlterDatabaseStmt struct {
	Pos
	Name        string // "" with Current
	Current     bool   // ALTER DATABASE CURRENT
	Options     []DBOption
	Termination *Termination
	Partner     *PartnerOption
	Witness     *WitnessOption
	ModifyName  string
}

// DBOption is one database SET option: RECOVERY FULL, SINGLE_USER, ONLINE,
// READ_ONLY, PAGE_VERIFY CHECKSUM, AUTO_CLOSE OFF ….
type DBOption struct {
	Pos
	Name   string // upper case: "RECOVERY", "SINGLE_USER", "ONLINE"
	Value  string // upper case; "" for the bare state and access options
	Assign bool   // written NAME = value, as COMPATIBILITY_LEVEL = 110
}

// String renders the option.
func (o DBOption) String() string {
	if o.Assign {
		return o.Name + " = " + o.Value
	}
	return words(o.Name, o.Value)
}

// Termination is WITH ROLLBACK IMMEDIATE | ROLLBACK AFTER n [SECONDS] |
// NO_WAIT.
type Termination struct {
	Kind    string // "ROLLBACK IMMEDIATE", "ROLLBACK AFTER" or "NO_WAIT"
	Seconds Expr   // for ROLLBACK AFTER
}

// String renders the clause.
func (t *Termination) String() string {
	if t.Seconds != nil {
		return "WITH ROLLBACK AFTER " + t.Seconds.String() + " SECONDS"
	}
	return "WITH " + t.Kind
}

// String renders the statement.
func (s *AlterDatabaseStmt) String() string {
	name := "CURRENT"
	if !s.Current {
		name = QuoteIdent(s.Name)
	}
	head := "ALTER DATABASE " + name
	switch {
	case s.ModifyName != "":
		return head + " MODIFY NAME = " + QuoteIdent(s.ModifyName)
	case s.Partner != nil:
		return head + " SET " + s.Partner.String()
	case s.Witness != nil:
		return head + " SET " + s.Witness.String()
	}
	out := head + " SET " + joinNodes(s.Options, ", ")
	if s.Termination != nil {
		out += " " + s.Termination.String()
	}
	return out
}

// PartnerOption is SET PARTNER { = 'address' | FAILOVER |
// FORCE_SERVICE_ALLOW_DATA_LOSS | OFF | RESUME | SAFETY FULL|OFF | SUSPEND |
// TIMEOUT n }.
type PartnerOption struct {
	Action  string // "ADDRESS", "FAILOVER", "FORCE_SERVICE_ALLOW_DATA_LOSS", "OFF", "RESUME", "SAFETY", "SUSPEND", "TIMEOUT"
	Address Expr   // for ADDRESS
	Safety  string // "FULL" or "OFF" for SAFETY
	Timeout Expr   // for TIMEOUT
}

// String renders the option.
func (p *PartnerOption) String() string {
	switch p.Action {
	case "ADDRESS":
		return "PARTNER = " + p.Address.String()
	case "SAFETY":
		return "PARTNER SAFETY " + p.Safety
	case "TIMEOUT":
		return "PARTNER TIMEOUT " + p.Timeout.String()
	}
	return "PARTNER " + p.Action
}

// WitnessOption is SET WITNESS = 'address' | OFF.
type WitnessOption struct {
	Address Expr // nil for OFF
}

// String renders the option.
func (w *WitnessOption) String() string {
	if w.Address == nil {
		return "WITNESS OFF"
	}
	return "WITNESS = " + w.Address.String()
}

func (*CreateDatabaseStmt) stmtNode() {}
func (*DropDatabaseStmt) stmtNode()   {}
func (*AlterDatabaseStmt) stmtNode()  {}
