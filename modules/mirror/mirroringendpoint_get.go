package mirror

import (
	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:        "Get-PcMirroringEndpoint",
		Synopsis:    "Gets the database mirroring endpoint of an instance: name, state, role, port and TCP:// address.",
		Description: "Reads sys.database_mirroring_endpoints and sys.tcp_endpoints. Writes nothing when the instance has no mirroring endpoint.",
		Output:      "PcMirroringEndpoint",
		Examples: []cmdlet.Example{
			{Code: `Get-PcMirroringEndpoint sql1`, Remarks: "Shows the endpoint of the topology's primary store."},
			{Code: `Get-PcMirroringEndpoint dc1-witness.lab.local | Format-List`, Remarks: "Shows the witness's endpoint."},
		},
		Related: []string{"New-PcMirroringEndpoint", "Test-PcMirroringEndpoint"},
		New:     func() cmdlet.Cmdlet { return new(getEndpoint) },
	})
}

// PcMirroringEndpoint is an instance's database mirroring endpoint.
type PcMirroringEndpoint struct {
	SqlInstance string
	Name        string
	State       string
	Role        string
	Port        int
	Address     string // TCP://host:port, as SET PARTNER and SET WITNESS name it
}

type getEndpoint struct {
	SqlInstance string `param:"mandatory,position=0,alias=ServerInstance|SqlServer" help:"A topology store name, lab name, host[\\instance][,port] or connection string."`
}

// Process writes the endpoint, if any.
func (c *getEndpoint) Process(ctx *cmdlet.Context) error {
	w := For(ctx.Session)
	name := resolveName(ctx, w, c.SqlInstance)
	s, err := connect(ctx, w, name)
	if err != nil {
		return err
	}
	return writeEndpoint(ctx, s, name)
}

// writeEndpoint reads the endpoint and writes it.
func writeEndpoint(ctx *cmdlet.Context, s SQL, name string) error {
	ep, err := readEndpoint(ctx, s)
	if err != nil || !ep.Exists {
		return err
	}
	ctx.WriteObject(&PcMirroringEndpoint{SqlInstance: name, Name: ep.Name, State: ep.State, Role: ep.Role, Port: ep.Port,
		Address: serverAddress(hostPart(name), ep.Port)})
	return nil
}

var _ cmdlet.Cmdlet = (*getEndpoint)(nil)
