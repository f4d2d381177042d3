package agent

import (
	"strings"

	"pcsh/modules/lab/engine"
)

// Resolve finds the procedure an EXEC or RPC names, as SQL Server resolves
// system procedures. parts is the dotted name as written (database,
// schema, name; brackets allowed), currentDB the session's database.
//
//   - The key is the last part in lower case.
//   - A schema, when given, must be dbo or sys.
//   - Agent procedures live in msdb: they resolve as msdb.dbo.sp_x, or as
//     dbo.sp_x / sp_x when the current database is msdb.
//   - Log shipping procedures are system procedures in master's sys
//     schema: they resolve from any database, with or without a database
//     prefix (master.dbo.sp_x, master.sys.sp_x, sp_x).
//
// A name that does not resolve raises 2812 naming it as written.
func Resolve(procs map[string]*Procedure, parts []string, currentDB string) (*Procedure, error) {
	clean := make([]string, len(parts))
	for k, p := range parts {
		clean[k] = strings.ToLower(strings.Trim(p, "[]\""))
	}
	if len(clean) == 0 || len(clean) > 3 {
		return nil, engine.Raise(2812, strings.Join(parts, "."))
	}
	p := procs[clean[len(clean)-1]]
	if p == nil || !resolvable(p, clean, strings.ToLower(currentDB)) {
		return nil, engine.Raise(2812, strings.Trim(parts[len(parts)-1], "[]\""))
	}
	return p, nil
}

// resolvable applies the database and schema rules of Resolve.
func resolvable(p *Procedure, parts []string, currentDB string) bool {
	if len(parts) >= 2 && parts[len(parts)-2] != "" && parts[len(parts)-2] != "dbo" && parts[len(parts)-2] != "sys" {
		return false
	}
	db := currentDB
	if len(parts) == 3 && parts[0] != "" {
		db = parts[0]
	}
	return p.Database != "msdb" || db == "msdb"
}
