package mirror

import (
	"strings"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Remove-PcMirroringEndpoint",
		Synopsis: "Drops the database mirroring endpoint of an instance.",
		Description: "Runs DROP ENDPOINT on the instance's database mirroring endpoint (the one in " +
			"sys.database_mirroring_endpoints; -Name must match it when given). Every mirroring session of the " +
			"instance goes through that endpoint, and dropping it disconnects them all: the partners and the witness " +
			"can no longer reach this instance, a principal runs exposed and a mirror stops receiving log. So when a " +
			"database of the instance is mirrored the endpoint is dropped only with -AllowDataLoss (a principal that then fails has no copy to fail over to), after a warning naming " +
			"the databases. Without an endpoint it is an EndpointNotFound error.",
		Impact: cmdlet.ImpactHigh,
		Examples: []cmdlet.Example{
			{Code: `Remove-PcMirroringEndpoint sql1m -WhatIf`, Remarks: "Shows the DROP ENDPOINT statement."},
			{Code: `Remove-PcMirroringEndpoint dc1-witness.lab.local -Confirm:$false`, Remarks: "Drops the witness's endpoint once no session uses it."},
			{Code: `Remove-PcMirroringEndpoint sql1 -AllowDataLoss`, Remarks: "Drops the endpoint even though mirroring sessions use it, disconnecting them."},
		},
		Related: []string{"Get-PcMirroringEndpoint", "New-PcMirroringEndpoint", "Uninstall-CsMirrorDatabase"},
		New:     func() cmdlet.Cmdlet { return new(removeEndpoint) },
	})
}

type removeEndpoint struct {
	SqlInstance   string `param:"mandatory,position=0,alias=ServerInstance|SqlServer" help:"A topology store name, lab name, host[\\instance][,port] or connection string."`
	Name          string `param:"" help:"The endpoint's name; the instance's mirroring endpoint, whatever its name, when omitted."`
	AllowDataLoss bool   `param:"" help:"Allows dropping the endpoint while mirroring sessions use it, leaving their principals exposed. Only on this call: never implied by -Force or inherited."`
}

// Process drops the endpoint, with -AllowDataLoss when sessions use it.
func (c *removeEndpoint) Process(ctx *cmdlet.Context) error {
	w := For(ctx.Session)
	name := resolveName(ctx, w, c.SqlInstance)
	s, err := connectOrAssume(ctx, w, name, "it has a mirroring endpoint "+orText(c.Name, DefaultEndpointName)+" that no session uses")
	if err != nil {
		return err
	}
	ep := endpointState{Exists: true, Name: orText(c.Name, DefaultEndpointName)}
	if s != nil {
		if ep, err = c.endpoint(ctx, s, name); err != nil {
			return err
		}
		if err := checkUnused(ctx, s, name, ep.Name, c.AllowDataLoss); err != nil {
			return err
		}
	}
	q, err := quote(ep.Name)
	if err != nil {
		return err
	}
	_, err = runSteps(ctx, []step{{On: s, Target: name, SQL: dropEndpoint(q)}}, nil)
	return err
}

// endpoint reads the instance's mirroring endpoint, which -Name must name.
func (c *removeEndpoint) endpoint(ctx *cmdlet.Context, s SQL, name string) (endpointState, error) {
	ep, err := readEndpoint(ctx, s)
	switch {
	case err != nil:
		return ep, err
	case !ep.Exists:
		return ep, errorf(categoryNotFound, "EndpointNotFound", name, "%s has no database mirroring endpoint.", name)
	case c.Name != "" && !strings.EqualFold(c.Name, ep.Name):
		return ep, errorf(categoryNotFound, "EndpointNotFound", name, "The mirroring endpoint of %s is %s, not %s.", name, ep.Name, c.Name).
			WithHint("an instance has one mirroring endpoint: Remove-PcMirroringEndpoint %s -Name %s", name, ep.Name)
	}
	return ep, nil
}

// checkUnused refuses, without -AllowDataLoss, to drop an endpoint that
// the instance's mirroring sessions use; with it, it warns.
func checkUnused(ctx *cmdlet.Context, s SQL, name, endpoint string, allowLoss bool) error {
	dbs, err := readMirrored(ctx, s)
	if err != nil || len(dbs) == 0 {
		return err
	}
	list := strings.Join(dbs, ", ")
	if err := cmdlet.RefuseDataLoss(allowLoss, name, "The mirroring sessions of %s on %s use the endpoint %s: dropping it disconnects them, "+
		"and a principal that then fails has no copy to fail over to", list, name, endpoint); err != nil {
		return err
	}
	ctx.WriteWarning("Dropping %s disconnects the mirroring sessions of %s on %s.", endpoint, list, name)
	return nil
}

var _ cmdlet.Cmdlet = (*removeEndpoint)(nil)
