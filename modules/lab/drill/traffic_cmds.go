package drill

import (
	"path/filepath"
	"time"

	"pcsh/modules/lab/chatpool"
	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Start-PcChatTraffic",
		Synopsis: "Starts chat traffic on the lab's simulated Persistent Chat pool, for a drill to measure.",
		Description: "Starts the lab's simulated pool (its servers follow the CMS's pool state and active server list) on " +
			"first use, then -Clients clients posting -Rate messages a second over -Rooms rooms, each attached to an " +
			"active server. Every acknowledged post and every failed attempt is recorded until Stop-PcChatTraffic, " +
			"which reads the messages back and measures RTO and RPO. The lab is the one in -Directory, by default the " +
			"one PCSH_LAB_FILE names (Start-PcLab -UseInSession sets it).",
		Impact:   cmdlet.ImpactNone,
		Examples: []cmdlet.Example{{Code: "Start-PcChatTraffic -Clients 8 -Rooms 4 -Rate 50", Remarks: "50 posts a second from 8 clients."}},
		Related:  []string{"Stop-PcChatTraffic", "Wait-PcChatRecovery", "Add-PcDrillEvent"},
		New:      func() cmdlet.Cmdlet { return new(startTrafficCmd) },
	})
	cmdlet.Register(cmdlet.Info{
		Name:     "Stop-PcChatTraffic",
		Synopsis: "Stops the chat traffic and returns its measurement: RTO, RPO, the longest gap and a timeline.",
		Description: "Stops the clients (posts in flight finish), reads the run's messages back from the database the " +
			"pool uses now, and compares them with the acknowledged posts: Lost is the acknowledged messages missing " +
			"and LostWindow the time their acknowledgements span (RPO); RTO runs from the scenario's first Fault event " +
			"(Add-PcDrillEvent) to the acknowledgement of the first post attempted after it, 0 without a fault.",
		Impact:   cmdlet.ImpactNone,
		Output:   "Measurement",
		Examples: []cmdlet.Example{{Code: "Stop-PcChatTraffic | Select-Object RTO, Lost, LostWindow", Remarks: "The figures of the run."}},
		Related:  []string{"Start-PcChatTraffic", "Add-PcDrillEvent"},
		New:      func() cmdlet.Cmdlet { return new(stopTrafficCmd) },
	})
	cmdlet.Register(cmdlet.Info{
		Name:     "Wait-PcChatRecovery",
		Synopsis: "Waits until the clients post again after the scenario's fault, and returns how long that took.",
		Description: "Polls the running traffic until a post attempted after the scenario's first Fault event was " +
			"acknowledged; fails when -Timeout passes first. Returns at once when no fault was marked. -Settle keeps " +
			"the traffic running that much longer afterwards, so the timeline shows the recovered rate.",
		Impact:   cmdlet.ImpactNone,
		Examples: []cmdlet.Example{{Code: "Wait-PcChatRecovery -Timeout 30s -Settle 2s", Remarks: "Up to 30 s for the first post, then 2 s more."}},
		Related:  []string{"Start-PcChatTraffic", "Stop-PcChatTraffic"},
		New:      func() cmdlet.Cmdlet { return new(waitRecoveryCmd) },
	})
}

// labDirectory is -Directory, or the directory of the session's
// PCSH_LAB_FILE, or .lab.
func labDirectory(ctx *cmdlet.Context, dir string) (string, error) {
	if dir == "" {
		if f := ctx.Session.Getenv("PCSH_LAB_FILE"); f != "" {
			dir = filepath.Dir(f)
		} else {
			dir = ".lab"
		}
	}
	return filepath.Abs(dir)
}

type startTrafficCmd struct {
	Clients   int     `param:"default=8" help:"How many clients post."`
	Rooms     int     `param:"default=4" help:"How many rooms they post to."`
	Rate      float64 `param:"default=50" help:"Posts a second over all clients."`
	Directory string  `param:"" help:"The lab directory; default the one PCSH_LAB_FILE names."`
}

// Process starts the traffic.
func (c *startTrafficCmd) Process(ctx *cmdlet.Context) error {
	dir, err := labDirectory(ctx, c.Directory)
	if err != nil {
		return err
	}
	cfg := chatpool.TrafficConfig{Clients: c.Clients, Rooms: chatpool.Rooms(c.Rooms), Rate: c.Rate}
	if err := For(ctx.Session).StartTraffic(ctx, dir, ctx.Session.Getenv, cfg); err != nil {
		return cmdlet.Errorf(cmdlet.CategoryResourceUnavailable, "ChatTrafficNotStarted", dir, "Cannot start the chat traffic: %v.", err)
	}
	ctx.WriteVerbose("%d clients post %g messages a second to %d rooms of the pool of the lab in %s.", c.Clients, c.Rate, c.Rooms, dir)
	return nil
}

type stopTrafficCmd struct{}

// Process stops the traffic and writes the measurement.
func (c *stopTrafficCmd) Process(ctx *cmdlet.Context) error {
	m, err := For(ctx.Session).StopTraffic(ctx)
	if err != nil {
		return cmdlet.Errorf(cmdlet.CategoryInvalidOperation, "ChatTrafficNotMeasured", "", "Cannot measure the chat traffic: %v.", err)
	}
	ctx.WriteObject(measurementView(m))
	return nil
}

// Measurement is what Stop-PcChatTraffic writes: chatpool's measurement
// without the per-second timeline and the lost ids (the report has them).
type Measurement struct {
	Acknowledged int
	Failed       int
	Lost         int
	LostWindow   time.Duration
	RTO          time.Duration
	Recovered    bool
	LongestGap   time.Duration
	Present      int
	LostIDs      []int64
}

// DefaultView names the properties a table shows.
func (Measurement) DefaultView() []string {
	return []string{"Acknowledged", "Failed", "Lost", "LostWindow", "RTO", "Recovered", "LongestGap"}
}

func measurementView(m *chatpool.Measurement) Measurement {
	return Measurement{Acknowledged: m.Acknowledged, Failed: m.Failed, Lost: m.Lost, LostWindow: m.LostWindow, RTO: m.RTO,
		Recovered: m.Recovered, LongestGap: m.LongestGap, Present: m.Present, LostIDs: m.LostIDs}
}

type waitRecoveryCmd struct {
	Timeout time.Duration `param:"default=60s" help:"How long to wait for the first post after the fault."`
	Settle  time.Duration `param:"default=0s" help:"How long to keep the traffic running after it."`
}

// Process waits for the recovery and writes the time it took.
func (c *waitRecoveryCmd) Process(ctx *cmdlet.Context) error {
	h := For(ctx.Session)
	d, err := h.WaitRecovery(ctx, c.Timeout, 100*time.Millisecond)
	if err != nil {
		return cmdlet.Errorf(cmdlet.CategoryOperationTimeout, "ChatNotRecovered", "", "%v.", err)
	}
	if c.Settle > 0 {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(c.Settle):
		}
	}
	ctx.WriteObject(d)
	return nil
}

var (
	_ cmdlet.Cmdlet = (*startTrafficCmd)(nil)
	_ cmdlet.Cmdlet = (*stopTrafficCmd)(nil)
	_ cmdlet.Cmdlet = (*waitRecoveryCmd)(nil)
)
