package logship

import (
	"strings"
	"time"

	"pcsh/modules/lab/agent"
	"pcsh/modules/lab/engine"
)

// p declares a procedure parameter; def is its default (nil: NULL).
func p(name string, t agent.Type, def any) agent.Param {
	return agent.Param{Name: name, Type: t, Default: def}
}

// req declares a parameter without default (201 when omitted).
func req(name string, t agent.Type) agent.Param {
	return agent.Param{Name: name, Type: t, Required: true}
}

// out declares an OUTPUT parameter.
func out(name string, t agent.Type) agent.Param {
	return agent.Param{Name: name, Type: t, Output: true}
}

// Shorthands for the parameter types.
const (
	sysname = agent.TypeSysname
	nvarc   = agent.TypeNVarChar
	intT    = agent.TypeInt
	tinyT   = agent.TypeTinyInt
	bitT    = agent.TypeBit
	guidT   = agent.TypeUniqueIdentifier
)

// notEmpty raises 32052 for the first of params that is NULL or empty.
func notEmpty(c *agent.Call, params ...string) error {
	for _, name := range params {
		if strings.TrimSpace(c.String(name)) == "" {
			return engine.Raise(32052, name)
		}
	}
	return nil
}

// now returns the Agent's clock reading (the wall clock without Agent).
func now(c *agent.Call) time.Time {
	if c.Agent != nil {
		return c.Agent.Now()
	}
	return time.Now()
}

// status maps an error to the documented return status (0 or 1).
func status(err error) (int, error) {
	if err != nil {
		return 1, err
	}
	return 0, nil
}

// wake tells the Agent, if any, that jobs changed.
func wake(c *agent.Call) {
	if c.Agent != nil {
		c.Agent.Wake()
	}
}

// eqFold matches a text column case-insensitively.
func eqFold(col, v string) func(agent.Rec) bool {
	return func(r agent.Rec) bool { return strings.EqualFold(r.Str(col), v) }
}

// byGUID matches a uniqueidentifier column.
func byGUID(col string, id [16]byte) func(agent.Rec) bool {
	return func(r agent.Rec) bool { return r.GUID(col) == id }
}

// changeGiven copies the supplied parameters of c into r, parameter
// "@x" to column "x".
func changeGiven(c *agent.Call, r agent.Rec, params ...string) {
	for _, name := range params {
		if c.Given(name) {
			r[strings.TrimPrefix(name, "@")] = c.Value(name)
		}
	}
}

// nullIf14420 applies the NULL → 14420 default of history_retention_period.
func retention(c *agent.Call, name string) int64 {
	if c.IsNull(name) {
		return 14420
	}
	return c.Int(name)
}

// databaseInfo returns a database's catalog row or 15010.
func databaseInfo(inst *engine.Instance, name string) (engine.DatabaseInfo, error) {
	info, err := inst.Database(name)
	if err != nil {
		return info, engine.Raise(15010, name)
	}
	return info, nil
}
