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
		Name:     "Stop-PcLab",
		Synopsis: "Stops every instance of a lab.",
		Description: "Does what pcsh lab down does: sends each instance of the lab in -Directory SIGTERM, then SIGKILL to one " +
			"still running after 10 seconds, and records them as stopped in lab.json. The directory and the instances' data " +
			"stay, so Start-PcLab on it starts the same lab again. It writes nothing unless -PassThru is given: then each " +
			"instance, Stopped.",
		Impact: cmdlet.ImpactMedium,
		Output: "InstanceStatus",
		Examples: []cmdlet.Example{
			{Code: "Stop-PcLab -Directory .lab", Remarks: "Stops the lab Start-PcLab started in .lab."},
			{Code: "Stop-PcLab .lab -WhatIf", Remarks: "Names the instances it would stop."},
		},
		Related: []string{"Start-PcLab", "Get-PcLabInstance"},
		New:     func() cmdlet.Cmdlet { return new(stopLabCmd) },
	})
}

type stopLabCmd struct {
	Directory string `param:"position=0,default=.lab" help:"The lab directory Start-PcLab or pcsh lab up used."`
	PassThru  bool   `param:"" help:"Write each instance after stopping the lab."`
}

// Process stops the lab's instances.
func (c *stopLabCmd) Process(ctx *cmdlet.Context) error {
	dir, err := filepath.Abs(c.Directory)
	if err != nil {
		return err
	}
	st, err := datacenter.Instances(dir)
	if err != nil {
		return err
	}
	if !ctx.ShouldProcess(dir, stopAction(st)) {
		return nil
	}
	s, err := datacenter.Stop(dir)
	if err != nil {
		return err
	}
	ctx.WriteVerbose("%s", s.DownMessage())
	if c.PassThru {
		return writeInstances(ctx, dir)
	}
	return nil
}

// stopAction is the ShouldProcess text: the instances that run.
func stopAction(st []datacenter.InstanceStatus) string {
	var running []string
	for _, s := range st {
		if s.State != "Stopped" {
			running = append(running, s.Name)
		}
	}
	if len(running) == 0 {
		return fmt.Sprintf("Stop the lab (none of its %d instances runs)", len(st))
	}
	return fmt.Sprintf("Stop the lab's %d running instances (%s)", len(running), strings.Join(running, ", "))
}

var _ cmdlet.Cmdlet = (*stopLabCmd)(nil)
