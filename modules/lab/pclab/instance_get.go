package pclab

import (
	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Get-PcLabInstance",
		Synopsis: "Gets the instances of a lab and whether each one runs.",
		Description: "Does what pcsh lab status does: reads lab.json in -Directory and returns one object per SQL instance " +
			"with its Name, Site, Role, Host (the lab host name, e.g. dc1-sql1.lab.local), Address (loopback address and " +
			"port), State and PID. State is Running when the process is alive and its TDS port answers, Unreachable when " +
			"the process is alive but the port does not answer, and Stopped when there is no process (PID 0). It shows Name, " +
			"Site, Role and State as a table; Format-Table * (or pcsh lab status) shows the rest. It changes nothing.",
		Impact: cmdlet.ImpactNone,
		Output: "InstanceStatus",
		Examples: []cmdlet.Example{
			{Code: "Get-PcLabInstance -Directory .lab", Remarks: "Shows the standard lab's five instances."},
			{Code: "Get-PcLabInstance .lab | Where-Object State -NE Running", Remarks: "Lists the instances a fault stopped."},
			{Code: "Get-PcLabInstance .lab | Format-Table Name, Address, State, PID", Remarks: "Shows each instance's address and process id."},
		},
		Related: []string{"Start-PcLab", "Invoke-PcLabFault"},
		New:     func() cmdlet.Cmdlet { return new(getInstanceCmd) },
	})
}

type getInstanceCmd struct {
	Directory string `param:"position=0,default=.lab" help:"The lab directory Start-PcLab or pcsh lab up used."`
}

// Process writes each instance's status.
func (c *getInstanceCmd) Process(ctx *cmdlet.Context) error { return writeInstances(ctx, c.Directory) }

var _ cmdlet.Cmdlet = (*getInstanceCmd)(nil)
