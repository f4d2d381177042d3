package topology

import "pcsh/runtime/cmdlet"

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Get-PcTopology",
		Synopsis: "Gets the Persistent Chat HA/DR topology from its Lua document.",
		Description: "Loads the topology document (-Path, else $PCSH_TOPOLOGY, else ./topology.lua) in a sandbox and " +
			"writes it as one Topology object, or with -Element its sites, pools, servers or SQL stores. " +
			"A missing, mistyped or unknown field fails with its file:line.",
		Output: "Topology",
		Examples: []cmdlet.Example{
			{Code: "Get-PcTopology", Remarks: "Loads ./topology.lua (or $PCSH_TOPOLOGY)."},
			{Code: "Get-PcTopology -Path site/topology.lua -Element ChatServer | Format-Table", Remarks: "Lists every Persistent Chat server with its site and whether it is active."},
			{Code: "Get-PcTopology -Element SqlStore | Where-Object Site -EQ DC2", Remarks: "Lists the SQL stores in the second data center."},
		},
		Related: []string{"Test-PcTopology", "Export-PcTopology", "Compare-PcTopology"},
		New:     func() cmdlet.Cmdlet { return new(getTopology) },
	})
}

// Element selects what Get-PcTopology writes.
type Element string

// Values lists the elements.
func (Element) Values() []string {
	return []string{"Topology", "Site", "ChatPool", "ChatServer", "SqlStore"}
}

type getTopology struct {
	Path    string  `param:"position=0" help:"The topology document; default $PCSH_TOPOLOGY, else ./topology.lua."`
	Element Element `param:"default=Topology" help:"What to write: the whole Topology, or each Site, ChatPool, ChatServer or SqlStore."`
}

// Process loads the document and writes the selected elements.
func (g *getTopology) Process(ctx *cmdlet.Context) error {
	t, err := LoadFor(ctx, g.Path)
	if err != nil {
		return err
	}
	for _, v := range elements(t, g.Element) {
		ctx.WriteObject(v)
	}
	return nil
}

func elements(t *Topology, e Element) []any {
	var out []any
	switch e {
	case "Site":
		for _, s := range t.Sites {
			out = append(out, s)
		}
	case "ChatPool":
		for _, p := range t.ChatPools {
			out = append(out, p)
		}
	case "ChatServer":
		for _, p := range t.ChatPools {
			for _, s := range p.Servers {
				out = append(out, s)
			}
		}
	case "SqlStore":
		for _, s := range t.SqlStores {
			out = append(out, s)
		}
	default:
		out = append(out, t)
	}
	return out
}

var _ cmdlet.Cmdlet = (*getTopology)(nil)
