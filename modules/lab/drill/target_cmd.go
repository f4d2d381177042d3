package drill

import (
	"time"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Set-PcDrillTarget",
		Synopsis: "Sets the drill scenario's target (RTO, RPO in messages) and the documented figure it is compared with.",
		Description: "The report prints each scenario's figures beside its target and the nearest documented figure " +
			"(lync-pchat-hadr.md §1, which documents none for Persistent Chat itself): BackEndMirroring (RTO 5 min, " +
			"RPO 5 min) or PoolFailover (Front End pool failover, RTO and RPO 30 min). The verdict is Met when the " +
			"clients posted again within -Rto and at most -RpoMessages acknowledged messages were lost.",
		Impact: cmdlet.ImpactNone,
		Examples: []cmdlet.Example{{Code: "Set-PcDrillTarget -Rto 7s -RpoMessages 0 -Basis 'partner TIMEOUT 5 s + 2 s' -Documented BackEndMirroring",
			Remarks: "The mirroring target with SAFETY FULL and a witness."}},
		Related: []string{"Stop-PcChatTraffic"},
		New:     func() cmdlet.Cmdlet { return new(setTargetCmd) },
	})
}

type setTargetCmd struct {
	Rto         time.Duration  `param:"" help:"The longest acceptable time from the fault to the first acknowledged post."`
	RpoMessages int            `param:"" help:"The most acknowledged messages that may be lost."`
	Basis       string         `param:"" help:"Where the target comes from, for the report."`
	Documented  DocumentedKind `param:"default=None" help:"BackEndMirroring, PoolFailover or None."`

	bound *cmdlet.Bound
}

// SetBound notes which targets were given.
func (c *setTargetCmd) SetBound(b *cmdlet.Bound) { c.bound = b }

// Process sets the target.
func (c *setTargetCmd) Process(ctx *cmdlet.Context) error {
	t := Target{RTO: c.Rto, HasRTO: c.bound.Has("Rto"), RPOMessages: c.RpoMessages, HasRPO: c.bound.Has("RpoMessages"), Basis: c.Basis}
	For(ctx.Session).SetTarget(t, documentedFigures[c.Documented])
	return nil
}

var _ cmdlet.Cmdlet = (*setTargetCmd)(nil)
