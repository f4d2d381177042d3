package drill

import (
	"strings"

	"pcsh/runtime/cmdlet"
)

func init() {
	for _, down := range []bool{true, false} {
		name, syn, verb := "Start-PcChatServer", "Brings the simulated chat servers of a data center back up, as when it returns.", "up"
		if down {
			name, syn, verb = "Stop-PcChatServer", "Takes the simulated chat servers of a data center down, as its loss would.", "down"
		}
		cmdlet.Register(cmdlet.Info{
			Name:     name,
			Synopsis: syn,
			Description: "Lab faults stop SQL instances, not the simulated pool's servers: a drill that loses a data " +
				"center (Invoke-PcLabFault kill DC1) takes its chat servers " + verb + " with this command. A server that " +
				"is down refuses every client; one that is up again serves clients while the CMS lists it as active. " +
				"Writes the servers' FQDNs.",
			Impact:   cmdlet.ImpactNone,
			Examples: []cmdlet.Example{{Code: name + " -Site DC1", Remarks: "Every chat server of DC1."}},
			Related:  []string{"Start-PcChatTraffic", "Invoke-PcLabFault"},
			New:      func() cmdlet.Cmdlet { return &siteServersCmd{down: down} },
		})
	}
}

type siteServersCmd struct {
	Site      string `param:"mandatory,position=0" help:"The data center, e.g. DC1."`
	Directory string `param:"" help:"The lab directory; default the one PCSH_LAB_FILE names."`

	down bool
}

// Process fails or recovers the site's servers and marks it on the
// timeline.
func (c *siteServersCmd) Process(ctx *cmdlet.Context) error {
	dir, err := labDirectory(ctx, c.Directory)
	if err != nil {
		return err
	}
	h := For(ctx.Session)
	names, err := h.SetSite(ctx, dir, ctx.Session.Getenv, c.Site, c.down)
	if err != nil {
		return cmdlet.Errorf(cmdlet.CategoryObjectNotFound, "ChatSiteNotFound", c.Site, "%v.", err)
	}
	state := "up"
	if c.down {
		state = "down"
	}
	h.AddEvent(Event{Kind: KindNote, Name: "chat servers of " + c.Site + " " + state, Detail: strings.Join(names, ", ")})
	for _, n := range names {
		ctx.WriteObject(n)
	}
	return nil
}

var _ cmdlet.Cmdlet = (*siteServersCmd)(nil)
