package pclab

import (
	"fmt"
	"path/filepath"
	"strings"

	"pcsh/modules/lab/datacenter"
	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Start-PcLab",
		Synopsis: "Starts the two-data-center lab in the background and returns its instances.",
		Description: "Does what pcsh lab up does: starts each SQL instance of the standard layout (DC1: dc1-sql1 primary, " +
			"dc1-sql2 mirror, dc1-witness; DC2: dc2-sql1 backup, dc2-sql2 its mirror), or of the JSON layout -Layout names, " +
			"as a background pcsh lab serve process on its loopback address; writes lab.json and topology.lua to -Directory; " +
			"creates the mgc database on the primary; and returns each instance as Get-PcLabInstance shows it. The " +
			"instances outlive the pcsh process that started them: stop them with Stop-PcLab.\n\n" +
			"It prints the environment that points pcsh at the lab (PCSH_LAB_FILE, PCSH_TOPOLOGY, PCSH_CMS_DIR). With " +
			"-UseInSession it sets those variables in the running session instead, so the commands that follow in the " +
			"same script or REPL resolve the lab's instance names, read its topology and use its Central Management Store. " +
			"A directory where a lab is already running is refused (LabNotStarted).",
		Impact: cmdlet.ImpactMedium,
		Output: "InstanceStatus",
		Examples: []cmdlet.Example{
			{Code: "Start-PcLab -Directory .lab -UseInSession", Remarks: "Starts the standard lab and points the rest of the session at it."},
			{Code: "Start-PcLab -Directory drill -Layout layout.json -WhatIf", Remarks: "Names the instances the layout would start, starting none."},
		},
		Related: []string{"Get-PcLabInstance", "Stop-PcLab", "Invoke-PcLabFault"},
		New:     func() cmdlet.Cmdlet { return new(startLabCmd) },
	})
}

type startLabCmd struct {
	Directory    string `param:"position=0,default=.lab" help:"The lab directory: lab.json, topology.lua, data, logs, the share and the CMS."`
	Layout       string `param:"" help:"A JSON layout file (sites, instances, loopback addresses) instead of the standard layout."`
	UseInSession bool   `param:"" help:"Point this session at the lab: set PCSH_LAB_FILE, PCSH_TOPOLOGY and PCSH_CMS_DIR for the commands that follow."`
}

// Process starts the lab, writes its instances and shows or applies its
// environment.
func (c *startLabCmd) Process(ctx *cmdlet.Context) error {
	l, err := datacenter.LayoutFrom(c.Layout)
	if err != nil {
		return err
	}
	dir, err := filepath.Abs(c.Directory)
	if err != nil {
		return err
	}
	if !ctx.ShouldProcess(dir, startAction(l)) {
		return nil
	}
	s, err := datacenter.Start(ctx, dir, l, ctx.Session.Getenv)
	if err != nil {
		return err
	}
	ctx.WriteVerbose("%s", s.UpMessage())
	if c.UseInSession {
		useLab(ctx.Session, s.Environment())
		ctx.WriteVerbose("This session now works with the lab in %s: %s.", s.Dir, datacenter.ExportLine(s.Environment()))
	} else {
		ctx.WriteHost("To work with this lab: %s", datacenter.ExportLine(s.Environment()))
	}
	return writeInstances(ctx, s.Dir)
}

// startAction is the ShouldProcess text: the instances the layout starts.
func startAction(l datacenter.Layout) string {
	ins := l.Instances()
	names := make([]string, len(ins))
	for i, in := range ins {
		names[i] = in.Name
	}
	return fmt.Sprintf("Start the lab's %d instances (%s)", len(ins), strings.Join(names, ", "))
}

// writeInstances writes the status of each instance of the lab in dir.
func writeInstances(ctx *cmdlet.Context, dir string) error {
	st, err := datacenter.Instances(dir)
	if err != nil {
		return err
	}
	for _, s := range st {
		ctx.WriteObject(s)
	}
	return nil
}

var _ cmdlet.Cmdlet = (*startLabCmd)(nil)
