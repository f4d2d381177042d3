package topology

import (
	"pcsh/runtime/atomicfile"
	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Export-PcTopology",
		Synopsis: "Exports the resolved topology as JSON.",
		Description: "Writes the topology with every default filled in, as indented JSON whose keys keep a fixed " +
			"order. Without -OutFile the JSON text goes to the pipeline; with it the file is replaced atomically " +
			"after ShouldProcess, so -WhatIf shows the write without doing it.",
		Output: "String",
		Impact: cmdlet.ImpactLow,
		Examples: []cmdlet.Example{
			{Code: "Export-PcTopology", Remarks: "Writes the JSON of ./topology.lua."},
			{Code: "Export-PcTopology -Path topology.lua -OutFile topology.json -WhatIf", Remarks: "Shows the file it would write."},
		},
		Related: []string{"Get-PcTopology", "Compare-PcTopology"},
		New:     func() cmdlet.Cmdlet { return new(exportTopology) },
	})
}

type exportTopology struct {
	Path    string `param:"position=0" help:"The topology document; default $PCSH_TOPOLOGY, else ./topology.lua."`
	OutFile string `param:"" help:"The JSON file to write; without it the JSON goes to the pipeline."`
}

// Process renders the JSON and writes it out.
func (c *exportTopology) Process(ctx *cmdlet.Context) error {
	t, err := LoadFor(ctx, c.Path)
	if err != nil {
		return err
	}
	b, err := JSON(t)
	if err != nil {
		return err
	}
	if c.OutFile == "" {
		ctx.WriteObject(string(b))
		return nil
	}
	if !ctx.ShouldProcess(c.OutFile, "Export topology "+t.Path+" as JSON") {
		return nil
	}
	if err := atomicfile.WriteFileAtomic(c.OutFile, append(b, '\n'), 0o600); err != nil {
		return cmdlet.Errorf(cmdlet.CategoryResourceUnavailable, "ExportFailed", c.OutFile, "Cannot write %s: %w.", c.OutFile, err)
	}
	return nil
}

var _ cmdlet.Cmdlet = (*exportTopology)(nil)
