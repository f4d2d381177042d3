package agent

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"

	"pcsh/modules/lab/engine"
)

// Store returns a Store over the caller's session (or an internal one
// when the call has none) and its closer.
func (c *Call) Store(ctx context.Context) (Store, func()) {
	if c.Session != nil {
		return Store{Ctx: ctx, Session: c.Session}, func() {}
	}
	s := c.Instance.ConnectInternal("sa", "SQLAgent - Procedure")
	return Store{Ctx: ctx, Session: s}, s.Close
}

// Login returns the caller's login ("sa" without a session).
func (c *Call) Login() string {
	if c.Session != nil {
		return c.Session.Login()
	}
	return "sa"
}

// FindJob resolves the job a call names with @job_id or @job_name: 14294
// when neither or both are given, 14262 when it does not exist.
func FindJob(st Store, c *Call) (Rec, error) {
	id, hasID := c.GUID("@job_id")
	name := c.String("@job_name")
	if hasID == (name != "") {
		return nil, engine.Raise(14294, "@job_id", "@job_name")
	}
	if hasID {
		j, err := st.First("sysjobs", byJobID(id))
		if err == nil && j == nil {
			err = engine.Raise(14262, "@job_id", strings.ToUpper(uuid.UUID(id).String()))
		}
		return j, err
	}
	return JobByName(st, name)
}

// JobByName returns the job called name, or 14262.
func JobByName(st Store, name string) (Rec, error) {
	j, err := st.First("sysjobs", func(r Rec) bool { return strings.EqualFold(r.Str("name"), name) })
	if err == nil && j == nil {
		err = engine.Raise(14262, "@job_name", name)
	}
	return j, err
}

// wake tells the Agent, if any, that jobs or schedules changed.
func (c *Call) wake() {
	if c.Agent != nil {
		c.Agent.Wake()
	}
}

// nowOr returns the Agent's clock reading, or the wall clock without one.
func (c *Call) nowOr() time.Time {
	if c.Agent != nil {
		return c.Agent.Now()
	}
	return time.Now()
}
