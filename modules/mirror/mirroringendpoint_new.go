package mirror

import (
	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "New-PcMirroringEndpoint",
		Synopsis: "Creates the database mirroring endpoint of an instance, started, with Windows authentication and AES encryption.",
		Description: "Runs CREATE ENDPOINT … STATE = STARTED AS TCP (LISTENER_PORT = n) FOR DATABASE_MIRRORING " +
			"(AUTHENTICATION = WINDOWS NEGOTIATE, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = …). An instance has at " +
			"most one mirroring endpoint: when it has one already, nothing is created and the error names it.",
		Impact: cmdlet.ImpactMedium,
		Output: "PcMirroringEndpoint",
		Examples: []cmdlet.Example{
			{Code: `New-PcMirroringEndpoint sql1m -Port 5022 -Role Partner -WhatIf`, Remarks: "Shows the CREATE ENDPOINT statement."},
			{Code: `New-PcMirroringEndpoint dc1-witness.lab.local -Port 7022 -Role Witness`, Remarks: "Creates the witness endpoint on the documented witness port."},
		},
		Related: []string{"Get-PcMirroringEndpoint", "Test-PcMirroringEndpoint"},
		New:     func() cmdlet.Cmdlet { return new(newEndpoint) },
	})
}

type newEndpoint struct {
	SqlInstance string       `param:"mandatory,position=0,alias=ServerInstance|SqlServer" help:"A topology store name, lab name, host[\\instance][,port] or connection string."`
	Name        string       `param:"default=Mirroring" help:"The endpoint's name."`
	Port        int          `param:"default=5022" help:"The TCP port: 5022 by convention for partners, 7022 for a witness."`
	Role        EndpointRole `param:"default=Partner" help:"Partner, Witness or All."`
}

// Process creates the endpoint unless one exists.
func (c *newEndpoint) Process(ctx *cmdlet.Context) error {
	w := For(ctx.Session)
	name := resolveName(ctx, w, c.SqlInstance)
	if err := validPort(c.Port, name); err != nil {
		return err
	}
	q, err := quote(c.Name)
	if err != nil {
		return err
	}
	s, err := connectOrAssume(ctx, w, name, "it has no mirroring endpoint")
	if err != nil {
		return err
	}
	if s != nil {
		if ep, err := readEndpoint(ctx, s); err != nil {
			return err
		} else if ep.Exists {
			return errorf(categoryOperation, "EndpointExists", name, "%s already has the mirroring endpoint %s (%s, %s, port %d); an instance has only one.",
				name, ep.Name, ep.State, ep.Role, ep.Port).WithHint("Test-PcMirroringEndpoint %s checks it", c.SqlInstance)
		}
	}
	if d, err := runSteps(ctx, []step{{On: s, Target: name, SQL: createEndpoint(q, c.Port, c.Role)}}, nil); err != nil || d != cmdlet.Proceed {
		return err
	}
	return writeEndpoint(ctx, s, name)
}

var _ cmdlet.Cmdlet = (*newEndpoint)(nil)
