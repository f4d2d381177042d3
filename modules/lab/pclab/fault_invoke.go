package pclab

import (
	"fmt"
	"path/filepath"
	"strconv"

	"pcsh/modules/lab/datacenter"
	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Invoke-PcLabFault",
		Synopsis: "Injects a fault into a running lab: kill, restart, partition, heal, slow or disk-full.",
		Description: "Does what pcsh lab fault does, to the lab in -Directory:\n\n" +
			"  kill       SIGKILL the instance process(es): no flush, no goodbye.\n" +
			"  restart    stop the instance(s) and start them again.\n" +
			"  partition  isolate an instance or a site, or cut the link between the two sites (link).\n" +
			"  heal       undo every fault on the target: isolation, latency, full disks (all: everything).\n" +
			"  slow       delay traffic to an instance, a site or across the link by -Milliseconds (200).\n" +
			"  disk-full  make writes to an instance's, a site's or the share's disks fail (OS error 112),\n" +
			"             or (cms) every change of the lab's Central Management Store; reads go on.\n\n" +
			"Target is an instance (by name or host name), a site, link, share, cms or all, as the action allows; a target the " +
			"action cannot take is refused before anything changes (LabFaultTargetInvalid), with -WhatIf too. Faults are " +
			"High impact: a script passes -Force (or -Confirm:$false), and -WhatIf names what the fault would hit. It " +
			"writes one LabFault object whose Result is the line pcsh lab fault prints.",
		Impact: cmdlet.ImpactHigh,
		Output: "LabFault",
		Examples: []cmdlet.Example{
			{Code: "Invoke-PcLabFault -Directory .lab -Action kill -Target dc1-sql1 -Force", Remarks: "Kills the principal, as a power loss would."},
			{Code: "Invoke-PcLabFault kill DC1 -Directory .lab -WhatIf", Remarks: "Names the three instances the loss of DC1 would kill, killing none."},
			{Code: "Invoke-PcLabFault -Action slow -Target link -Milliseconds 500 -Force", Remarks: "Adds 500 ms between the data centers of the lab in .lab."},
			{Code: "Invoke-PcLabFault heal all -Force", Remarks: "Undoes every partition, latency and full disk."},
		},
		Related: []string{"Get-PcLabInstance", "Start-PcLab"},
		New:     func() cmdlet.Cmdlet { return new(invokeFaultCmd) },
	})
}

// FaultAction names a lab fault: kill, restart, partition, heal, slow or
// disk-full.
type FaultAction string

// Values lists the fault actions, for -Action's ValidateSet.
func (FaultAction) Values() []string { return datacenter.FaultActions }

// LabFault is the outcome of Invoke-PcLabFault.
type LabFault struct {
	Action string
	Target string
	Result string // e.g. "killed dc1-sql1", "cut the link DC1-DC2"
}

type invokeFaultCmd struct {
	Action       FaultAction `param:"position=0,mandatory" help:"kill, restart, partition, heal, slow or disk-full."`
	Target       string      `param:"position=1,mandatory" help:"An instance (name or host name), a site, link, share or all, as the action allows."`
	Milliseconds int         `param:"" help:"The latency slow adds, in milliseconds (default 200; 0 removes it). Only with -Action slow."`
	Directory    string      `param:"default=.lab" help:"The lab directory Start-PcLab or pcsh lab up used."`

	msGiven bool
}

// SetBound notes whether -Milliseconds was given.
func (c *invokeFaultCmd) SetBound(b *cmdlet.Bound) { c.msGiven = b.Has("Milliseconds") }

// Validate allows -Milliseconds only with slow, and never below zero.
func (c *invokeFaultCmd) Validate() error {
	switch {
	case c.msGiven && c.Action != "slow":
		return cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "MillisecondsWithoutSlow", c.Target,
			"-Milliseconds applies only to -Action slow, not %s.", c.Action)
	case c.Milliseconds < 0:
		return cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "NegativeLatency", c.Target,
			"-Milliseconds must be 0 or more, not %d.", c.Milliseconds)
	}
	return nil
}

// Process checks the target, asks, and applies the fault.
func (c *invokeFaultCmd) Process(ctx *cmdlet.Context) error {
	dir, err := filepath.Abs(c.Directory)
	if err != nil {
		return err
	}
	action := string(c.Action)
	what, err := datacenter.DescribeFault(dir, action, c.Target)
	if err != nil {
		return err
	}
	if !ctx.ShouldProcess(what, c.operation()) {
		return nil
	}
	var args []string
	if c.msGiven {
		args = []string{strconv.Itoa(c.Milliseconds)}
	}
	msg, err := datacenter.ApplyFault(ctx, dir, action, c.Target, args, ctx.Session.Getenv)
	if err != nil {
		return err
	}
	ctx.WriteObject(LabFault{Action: action, Target: c.Target, Result: msg})
	return nil
}

// operation is the ShouldProcess text of the fault.
func (c *invokeFaultCmd) operation() string {
	switch c.Action {
	case "kill":
		return "Kill (SIGKILL, no flush)"
	case "restart":
		return "Restart (stop, then start again)"
	case "partition":
		return "Partition"
	case "heal":
		return "Heal every fault"
	case "slow":
		ms := datacenter.DefaultLatencyMs
		if c.msGiven {
			ms = c.Milliseconds
		}
		return fmt.Sprintf("Add %d ms of latency", ms)
	}
	return "Fill the disks (writes fail with OS error 112)"
}

var _ cmdlet.Cmdlet = (*invokeFaultCmd)(nil)
