package drill

import (
	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Add-PcDrillEvent",
		Synopsis: "Marks an event on the drill scenario's timeline: the fault, a recovery or a note.",
		Description: "Records -Name at the current time (or -At) as a -Kind event of the running scenario. A scenario " +
			"marks its Fault just before injecting it: the RTO is measured from the first Fault event. Runbook step " +
			"objects piped in (Step, Outcome, Started, Duration) are recorded as Step events; Invoke-PcDrillRunbook " +
			"records them at full precision. Writes the event.",
		Impact: cmdlet.ImpactNone,
		Output: "Event",
		Examples: []cmdlet.Example{
			{Code: "Add-PcDrillEvent -Kind Fault -Name 'kill DC1'", Remarks: "The fault the RTO is measured from."},
			{Code: "Add-PcDrillEvent 'mirror SYNCHRONIZED again'", Remarks: "A note on the timeline."},
		},
		Related: []string{"Invoke-PcDrillRunbook", "Stop-PcChatTraffic"},
		New:     func() cmdlet.Cmdlet { return new(addEventCmd) },
	})
	cmdlet.Register(cmdlet.Info{
		Name:     "Invoke-PcDrillRunbook",
		Synopsis: "Runs a runbook (or any command) in a drill and records each step object it writes on the timeline.",
		Description: "Calls -Name with -Parameters (named parameter values; true for a switch) as the script would, " +
			"then records every object with Step, Outcome, Started and Duration properties as a Step event of the " +
			"scenario, and writes the objects on. A runbook that fails is recorded too: its steps so far, and the " +
			"error as a non-terminating error, so the scenario goes on to stop and measure its traffic.",
		Impact: cmdlet.ImpactNone,
		Examples: []cmdlet.Example{{Code: "Invoke-PcDrillRunbook Invoke-PcPersistentChatFailover -Parameters @{AllowDataLoss=$true; Force=$true}",
			Remarks: "The failover runbook, each step timed."}},
		Related: []string{"Add-PcDrillEvent"},
		New:     func() cmdlet.Cmdlet { return new(invokeRunbookCmd) },
	})
}

type addEventCmd struct {
	Name        string    `param:"position=0" help:"What happened."`
	Kind        EventKind `param:"default=Note" help:"Fault, Step, Recovery or Note."`
	At          string    `param:"" help:"When (RFC 3339, or yyyy-MM-dd HH:mm:ss local time); default now."`
	InputObject any       `param:"pipeline=value" help:"A runbook step object, recorded as a Step event."`
}

// Process records the event, or the step object piped in.
func (c *addEventCmd) Process(ctx *cmdlet.Context) error {
	h := For(ctx.Session)
	if o, ok := c.InputObject.(*cmdlet.Object); ok {
		if e, ok := stepEvent(o); ok {
			ctx.WriteObject(h.AddEvent(e))
			return nil
		}
	}
	if c.Name == "" {
		return cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "DrillEventUnnamed", "", "Give -Name, or pipe in a runbook step object.")
	}
	e := Event{Kind: c.Kind, Name: c.Name}
	if c.At != "" {
		at, ok := toTime(c.At)
		if !ok {
			return cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "DrillEventTimeInvalid", c.At, "-At %q is not a time.", c.At)
		}
		e.At = at
	}
	ctx.WriteObject(h.AddEvent(e))
	return nil
}

// stepEvent reads a runbook step object (runbook.Result in pipeline
// form). Started and Duration may be values or their text.
func stepEvent(o *cmdlet.Object) (Event, bool) {
	step, ok := o.Get("Step")
	if !ok {
		return Event{}, false
	}
	e := Event{Kind: KindStep, Name: text(step)}
	if v, ok := o.Get("Outcome"); ok {
		e.Outcome = text(v)
	}
	if v, ok := o.Get("Detail"); ok {
		e.Detail = text(v)
	}
	if v, ok := o.Get("Started"); ok {
		e.At, _ = toTime(v)
	}
	if v, ok := o.Get("Duration"); ok {
		e.Duration, _ = toDuration(v)
	}
	return e, true
}

type invokeRunbookCmd struct {
	Name       string            `param:"mandatory,position=0" help:"The runbook or command to run."`
	Parameters *cmdlet.Hashtable `param:"" help:"Its named parameters, e.g. @{AllowDataLoss=$true; Force=$true}."`
}

// Process runs the command and records its step objects.
func (c *invokeRunbookCmd) Process(ctx *cmdlet.Context) error {
	var args cmdlet.Args
	if c.Parameters != nil {
		for i, k := range c.Parameters.Keys {
			args.Named = append(args.Named, cmdlet.NamedArg{Name: k, Value: c.Parameters.Values[i]})
		}
	}
	h := For(ctx.Session)
	h.AddEvent(Event{Kind: KindNote, Name: c.Name + " starts"})
	out, errs, err := ctx.Invoke(c.Name, args, nil)
	for _, v := range out {
		if o, ok := v.(*cmdlet.Object); ok {
			if e, ok := stepEvent(o); ok {
				h.AddEvent(e)
			}
		}
		ctx.WriteObject(v)
	}
	for _, e := range errs {
		ctx.WriteError(e)
	}
	if err != nil {
		rec := cmdlet.AsRecord(err)
		h.AddEvent(Event{Kind: KindNote, Name: c.Name + " failed", Detail: rec.Message})
		h.fail(rec.Message)
		ctx.WriteError(rec)
		return nil
	}
	h.AddEvent(Event{Kind: KindNote, Name: c.Name + " ends"})
	return nil
}

var (
	_ cmdlet.Cmdlet = (*addEventCmd)(nil)
	_ cmdlet.Cmdlet = (*invokeRunbookCmd)(nil)
)
