package principals

import (
	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
)

// col describes a result column; n is the character length.
func col(name string, typ sqltype.DataType, n int, nullable bool) sqltype.Column {
	return sqltype.Column{Name: name, Type: typ, Length: n, Nullable: nullable}
}

// principalsView is sys.server_principals (documented columns in order;
// type and state are char columns, sent as varchar):
// sa, public and sysadmin, then the logins CREATE LOGIN added.
func (s *Store) principalsView() engine.Relation {
	cols := []sqltype.Column{col("name", sqltype.TypeNVarChar, 128, false), col("principal_id", sqltype.TypeInt, 0, false),
		col("sid", sqltype.TypeVarBinary, 85, true), col("type", sqltype.TypeVarChar, 1, false),
		col("type_desc", sqltype.TypeNVarChar, 60, true), col("is_disabled", sqltype.TypeInt, 0, true),
		col("create_date", sqltype.TypeDateTime, 0, false), col("modify_date", sqltype.TypeDateTime, 0, false),
		col("default_database_name", sqltype.TypeNVarChar, 128, true),
		col("default_language_name", sqltype.TypeNVarChar, 128, true), col("credential_id", sqltype.TypeInt, 0, true),
		col("owning_principal_id", sqltype.TypeInt, 0, true), col("is_fixed_role", sqltype.TypeBit, 0, false)}
	s.mu.Lock()
	logins := append(builtins(), s.st.Logins...)
	s.mu.Unlock()
	var rows []engine.Row
	for _, l := range logins {
		var sid any
		if l.SID != nil {
			sid = l.SID
		}
		typ, desc := "S", "SQL_LOGIN"
		var db, lang, owner any = "master", "us_english", nil
		switch {
		case l.ID == 2 || l.ID == 3:
			typ, desc, db, lang, owner = "R", "SERVER_ROLE", nil, nil, int64(1)
		case l.Windows:
			typ, desc = "U", "WINDOWS_LOGIN"
		}
		rows = append(rows, engine.Row{l.Name, int64(l.ID), sid, typ, desc, int64(0), l.Created, l.Created, db, lang,
			nil, owner, l.ID == 3})
	}
	return engine.NewRelation(cols, rows)
}

// permissionsView is sys.server_permissions: the CONNECT grants on the
// mirroring endpoint (type CO, state G).
func (s *Store) permissionsView() engine.Relation {
	cols := []sqltype.Column{col("class", sqltype.TypeTinyInt, 0, false), col("class_desc", sqltype.TypeNVarChar, 60, true),
		col("major_id", sqltype.TypeInt, 0, false), col("minor_id", sqltype.TypeInt, 0, false),
		col("grantee_principal_id", sqltype.TypeInt, 0, false), col("grantor_principal_id", sqltype.TypeInt, 0, false),
		col("type", sqltype.TypeVarChar, 4, false), col("permission_name", sqltype.TypeNVarChar, 128, true),
		col("state", sqltype.TypeVarChar, 1, false), col("state_desc", sqltype.TypeNVarChar, 60, true)}
	s.mu.Lock()
	perms := append([]Permission(nil), s.st.Permissions...)
	s.mu.Unlock()
	rows := make([]engine.Row, 0, len(perms))
	for _, p := range perms {
		rows = append(rows, engine.Row{int64(p.Class), "ENDPOINT", int64(p.MajorID), int64(0), int64(p.Grantee),
			int64(p.Grantor), "CO", p.Name, "G", "GRANT"})
	}
	return engine.NewRelation(cols, rows)
}
