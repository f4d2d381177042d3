package exec

import (
	"hash/fnv"
	"strings"

	"github.com/google/uuid"

	"pcsh/modules/lab/tsql"
)

// systemFuncs are the metadata, security and error functions.
func systemFuncs() map[string]builtin {
	login := func(r *run, _ []value) (value, error) { return value{r.s.eng.Login(), nvarchar(128)}, nil }
	dbo := func(*run, []value) (value, error) { return value{"dbo", nvarchar(128)}, nil }
	one := func(*run, []value) (value, error) { return value{int64(1), intT()}, nil }
	m := map[string]builtin{
		"newid":       fixed(0, func(*run, []value) (value, error) { return value{[16]byte(uuid.New()), guidT()}, nil }),
		"db_name":     {0, 1, func(r *run, a []value) (value, error) { return r.dbName(a) }},
		"db_id":       {0, 1, func(r *run, a []value) (value, error) { return r.dbID(a) }},
		"object_id":   {1, 2, func(r *run, a []value) (value, error) { return r.objectID(a[0]) }},
		"suser_sname": {0, 1, login}, "suser_name": {0, 1, login}, "original_login": fixed(0, login),
		"user_name": {0, 1, dbo}, "user": fixed(0, dbo), "current_user": fixed(0, dbo), "session_user": fixed(0, dbo),
		"schema_name": {0, 1, dbo}, "system_user": fixed(0, login),
		"host_name":        fixed(0, func(r *run, _ []value) (value, error) { return value{r.s.login.HostName, nvarchar(128)}, nil }),
		"app_name":         fixed(0, func(r *run, _ []value) (value, error) { return value{r.s.login.AppName, nvarchar(128)}, nil }),
		"is_srvrolemember": {1, 2, one}, "is_member": {1, 1, one}, "has_dbaccess": {1, 1, one},
		"serverproperty":     {1, 1, func(r *run, a []value) (value, error) { return r.serverProperty(toText(a[0], -1)), nil }},
		"databasepropertyex": {2, 2, func(r *run, a []value) (value, error) { return r.databaseProperty(a) }},
		"scope_identity":     fixed(0, func(r *run, _ []value) (value, error) { return r.identity(), nil }),
		"xact_state": fixed(0, func(r *run, _ []value) (value, error) {
			return value{b2i(r.s.eng.TranCount() > 0), smallintT()}, nil
		}),
		"isnumeric": pure(1, func(a []value) (value, error) {
			_, err := toFloat(a[0])
			return value{b2i(a[0].v != nil && err == nil), intT()}, nil
		}),
	}
	for k, v := range errorFuncs() {
		m[k] = v
	}
	return m
}

// errorFuncs are ERROR_NUMBER() and friends: NULL outside CATCH.
func errorFuncs() map[string]builtin {
	f := func(t sqlType, get func(c *caughtError) any) builtin {
		return fixed(0, func(r *run, _ []value) (value, error) {
			if r.caught == nil {
				return value{nil, t}, nil
			}
			return value{get(r.caught), t}, nil
		})
	}
	return map[string]builtin{
		"error_number":    f(intT(), func(c *caughtError) any { return int64(c.err.Number) }),
		"error_severity":  f(intT(), func(c *caughtError) any { return int64(c.err.Severity) }),
		"error_state":     f(intT(), func(c *caughtError) any { return int64(c.err.State) }),
		"error_line":      f(intT(), func(c *caughtError) any { return int64(c.line) }),
		"error_message":   f(nvarchar(4000), func(c *caughtError) any { return c.err.Message }),
		"error_procedure": f(nvarchar(128), func(*caughtError) any { return nil }),
	}
}

func (r *run) identity() value {
	if id, ok := r.s.eng.Identity().(int64); ok {
		return value{tdsDecimalInt(id), decimalT(38, 0)}
	}
	return value{nil, decimalT(38, 0)}
}

// dbName is DB_NAME([id]).
func (r *run) dbName(a []value) (value, error) {
	t := nvarchar(128)
	if len(a) == 0 {
		return value{r.s.eng.Database(), t}, nil
	}
	id, err := argInt(a[0])
	if a[0].v == nil || err != nil {
		return value{nil, t}, err
	}
	for _, db := range r.s.h.inst.Databases() {
		if int64(db.ID) == id {
			return value{db.Name, t}, nil
		}
	}
	return value{nil, t}, nil
}

// dbID is DB_ID(['name']).
func (r *run) dbID(a []value) (value, error) {
	name := r.s.eng.Database()
	if len(a) == 1 {
		if a[0].v == nil {
			return value{nil, smallintT()}, nil
		}
		name = toText(a[0], -1)
	}
	info, err := r.s.h.inst.Database(name)
	if err != nil {
		return value{nil, smallintT()}, nil
	}
	return value{int64(info.ID), smallintT()}, nil
}

// objectID is OBJECT_ID('[db.][schema.]name'): a stable id derived from
// the name for an existing table, NULL otherwise (the engine keeps no
// object ids).
func (r *run) objectID(a value) (value, error) {
	if a.v == nil {
		return value{nil, intT()}, nil
	}
	n, err := tsql.ParseExpr(toText(a, -1))
	col, ok := n.(*tsql.ColumnRef)
	if err != nil || !ok {
		return value{nil, intT()}, nil
	}
	db, table := r.tableName(col.Name)
	if _, err := r.s.eng.TableDefinition(db, table); err != nil {
		return value{nil, intT()}, nil
	}
	if db == "" {
		db = r.s.eng.Database()
	}
	h := fnv.New32a()
	h.Write([]byte(strings.ToLower(db + "." + table)))
	return value{int64(h.Sum32()&0x3FFFFFFF) + 1000, intT()}, nil
}

// databaseProperty is DATABASEPROPERTYEX(db, property) for the properties
// runbooks read.
func (r *run) databaseProperty(a []value) (value, error) {
	t := variantT()
	info, err := r.s.h.inst.Database(toText(a[0], -1))
	if a[0].v == nil || err != nil {
		return value{nil, t}, nil
	}
	switch strings.ToLower(toText(a[1], -1)) {
	case "recovery":
		return value{info.RecoveryModel.String(), t}, nil
	case "status":
		return value{info.State.String(), t}, nil
	case "useraccess":
		return value{info.UserAccess.String(), t}, nil
	case "updateability":
		return value{map[bool]string{true: "READ_ONLY", false: "READ_WRITE"}[info.IsReadOnly || info.IsInStandby], t}, nil
	case "collation":
		return value{info.Collation, t}, nil
	case "isinstandby":
		return value{b2i(info.IsInStandby), t}, nil
	}
	return value{moreDatabaseProperty(info, strings.ToLower(toText(a[1], -1))), t}, nil
}
