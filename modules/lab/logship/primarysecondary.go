package logship

import (
	"context"
	"strings"

	"pcsh/modules/lab/agent"
	"pcsh/modules/lab/engine"
)

// primarySecondaryProcedures returns sp_add_log_shipping_primary_secondary
// and sp_delete_log_shipping_primary_secondary (MicrosoftDocs/sql-docs
// system-stored-procedures/sp-add-log-shipping-primary-secondary,
// sp-delete-log-shipping-primary-secondary).
func primarySecondaryProcedures() []*agent.Procedure {
	params := []agent.Param{req("@primary_database", sysname), req("@secondary_server", sysname),
		req("@secondary_database", sysname)}
	return []*agent.Procedure{
		{Name: "sp_add_log_shipping_primary_secondary", Database: "master", Run: addPrimarySecondary,
			Params: append(params, p("@overwrite", bitT, false))},
		{Name: "sp_delete_log_shipping_primary_secondary", Database: "master", Run: deletePrimarySecondary,
			Params: params},
	}
}

// addPrimarySecondary registers a secondary of a primary database: 32010
// when the database is not a primary, 32012 when the secondary is
// already registered (unless @overwrite = 1).
func addPrimarySecondary(ctx context.Context, c *agent.Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	prim, err := primaryRow(st, c.String("@primary_database"))
	if err != nil {
		return 1, err
	}
	server, db := c.String("@secondary_server"), c.String("@secondary_database")
	match := secondaryOf(prim.GUID("primary_id"), server, db)
	old, err := st.First("log_shipping_primary_secondaries", match)
	if err != nil {
		return 1, err
	}
	if old != nil {
		if !c.Bool("@overwrite") {
			return 1, engine.Raise(32012, server, db, c.String("@primary_database"))
		}
		return 0, nil
	}
	return status(st.Insert("log_shipping_primary_secondaries", agent.Rec{"primary_id": prim.GUID("primary_id"),
		"secondary_server": server, "secondary_database": db}))
}

// deletePrimarySecondary removes a secondary's registration on the
// primary (32010 when the database is not a primary).
func deletePrimarySecondary(ctx context.Context, c *agent.Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	prim, err := primaryRow(st, c.String("@primary_database"))
	if err != nil {
		return 1, err
	}
	_, err = st.Delete("log_shipping_primary_secondaries",
		secondaryOf(prim.GUID("primary_id"), c.String("@secondary_server"), c.String("@secondary_database")))
	return status(err)
}

// primaryRow returns the log_shipping_primary_databases row of db or
// 32010.
func primaryRow(st agent.Store, db string) (agent.Rec, error) {
	row, err := st.First("log_shipping_primary_databases", eqFold("primary_database", db))
	if err == nil && row == nil {
		err = engine.Raise(32010, db)
	}
	return row, err
}

// secondaryOf matches the log_shipping_primary_secondaries row of a
// secondary.
func secondaryOf(id [16]byte, server, db string) func(agent.Rec) bool {
	return func(r agent.Rec) bool {
		return r.GUID("primary_id") == id && strings.EqualFold(r.Str("secondary_server"), server) &&
			strings.EqualFold(r.Str("secondary_database"), db)
	}
}
