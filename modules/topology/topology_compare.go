package topology

import "pcsh/runtime/cmdlet"

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Compare-PcTopology",
		Synopsis: "Shows what changed between two versions of a topology document.",
		Description: "Loads both documents, fills in defaults, and writes one Change per added, removed or changed " +
			"item, with its path. Sites, pools, servers and stores are matched by name or FQDN, so reordering " +
			"them is not a change.",
		Output: "Change",
		Examples: []cmdlet.Example{
			{Code: "Compare-PcTopology -ReferencePath old/topology.lua -DifferencePath topology.lua", Remarks: "Lists the changes since the old version."},
			{Code: "Compare-PcTopology old.lua new.lua | Where-Object Change -EQ Changed", Remarks: "Shows only changed values."},
		},
		Related: []string{"Export-PcTopology"},
		New:     func() cmdlet.Cmdlet { return new(compareTopology) },
	})
}

type compareTopology struct {
	ReferencePath  string `param:"position=0,mandatory" help:"The earlier topology document."`
	DifferencePath string `param:"position=1,mandatory" help:"The later topology document."`
}

// Process loads both documents and writes their differences.
func (c *compareTopology) Process(ctx *cmdlet.Context) error {
	ref, err := LoadFor(ctx, c.ReferencePath)
	if err != nil {
		return err
	}
	diff, err := LoadFor(ctx, c.DifferencePath)
	if err != nil {
		return err
	}
	changes, err := Compare(ref, diff)
	if err != nil {
		return err
	}
	for _, ch := range changes {
		ctx.WriteObject(ch)
	}
	return nil
}

var _ cmdlet.Cmdlet = (*compareTopology)(nil)
