package mirror

import (
	"net"
	"strconv"
	"strings"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Test-PcMirroringEndpoint",
		Synopsis: "Tests an instance's database mirroring endpoint: it exists, is STARTED, serves the role and its port accepts TCP connections.",
		Description: "Reads the endpoint, then dials its port on the instance's address from this host. Ok is true when " +
			"every check passes; Problem names the first that failed. A port that accepts connections here may still be " +
			"closed to the partners by their firewalls.",
		Output: "PcMirroringEndpointTest",
		Examples: []cmdlet.Example{
			{Code: `Test-PcMirroringEndpoint sqlw1 -Role Witness`, Remarks: "Checks the witness endpoint of the topology's witness store."},
			{Code: `Test-PcMirroringEndpoint dc1-sql2.lab.local | Format-List`, Remarks: "Checks a lab partner's endpoint."},
		},
		Related: []string{"Get-PcMirroringEndpoint", "New-PcMirroringEndpoint"},
		New:     func() cmdlet.Cmdlet { return new(testEndpoint) },
	})
}

// PcMirroringEndpointTest is the outcome of Test-PcMirroringEndpoint.
type PcMirroringEndpointTest struct {
	SqlInstance string
	Exists      bool
	Started     bool
	Role        string
	RoleOk      bool
	Port        int
	Listening   bool
	Address     string
	Ok          bool
	Problem     string
}

type testEndpoint struct {
	SqlInstance string       `param:"mandatory,position=0,alias=ServerInstance|SqlServer" help:"A topology store name, lab name, host[\\instance][,port] or connection string."`
	Role        EndpointRole `param:"default=Partner" help:"The role the endpoint must serve: Partner, Witness or All."`
}

// Process reads the endpoint and dials its port.
func (c *testEndpoint) Process(ctx *cmdlet.Context) error {
	w := For(ctx.Session)
	name := resolveName(ctx, w, c.SqlInstance)
	s, err := connect(ctx, w, name)
	if err != nil {
		return err
	}
	ep, err := readEndpoint(ctx, s)
	if err != nil {
		return err
	}
	r := &PcMirroringEndpointTest{SqlInstance: name, Exists: ep.Exists, Started: strings.EqualFold(ep.State, "STARTED"),
		Role: ep.Role, RoleOk: ep.Exists && covers(ep.Role, c.Role), Port: ep.Port}
	if ep.Exists {
		r.Address = serverAddress(hostPart(name), ep.Port)
		dialErr := w.Dial(ctx, net.JoinHostPort(w.DialHost(ctx, name), strconv.Itoa(ep.Port)))
		r.Listening = dialErr == nil
	}
	r.Problem = problemOf(r, c.Role)
	r.Ok = r.Problem == ""
	ctx.WriteObject(r)
	return nil
}

// problemOf names the first failed check.
func problemOf(r *PcMirroringEndpointTest, role EndpointRole) string {
	switch {
	case !r.Exists:
		return "no database mirroring endpoint"
	case !r.Started:
		return "the endpoint is not STARTED"
	case !r.RoleOk:
		return "the endpoint's role " + r.Role + " does not serve " + strings.ToUpper(string(role))
	case !r.Listening:
		return "nothing accepts TCP connections on port " + strconv.Itoa(r.Port)
	}
	return ""
}

var _ cmdlet.Cmdlet = (*testEndpoint)(nil)
