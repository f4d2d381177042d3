package drill

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"pcsh/modules/lab/chatpool"
	"pcsh/runtime/cmdlet"
)

// PoolOpener starts the simulated chat pool of the lab in a directory and
// says which site each of its servers is in. The real one is LabPool.
type PoolOpener func(ctx context.Context, dir string, getenv func(string) string) (*chatpool.Pool, map[string][]string, error)

// Harness is a drill's state in a session: the chat pool, the traffic
// running, the scenario being run and the results so far. The drill
// cmdlets share it; `pcsh drill` reads the results.
type Harness struct {
	Now      func() time.Time // nil: time.Now
	OpenPool PoolOpener       // nil: LabPool

	mu      sync.Mutex
	pool    *chatpool.Pool
	poolDir string
	sites   map[string][]string // site name (upper case) → server FQDNs
	traffic *chatpool.Traffic
	current *ScenarioResult
	results []*ScenarioResult
}

// harnessKey is the session's drill harness.
var harnessKey = cmdlet.NewStateKey[*Harness]("drill")

// For returns the session's harness, making it on first use.
func For(s *cmdlet.Session) *Harness {
	return harnessKey.Load(s, func() *Harness { return &Harness{} })
}

func (h *Harness) now() time.Time {
	if h.Now != nil {
		return h.Now()
	}
	return time.Now()
}

// Begin starts a scenario: the events and the measurement that follow
// belong to it.
func (h *Harness) Begin(name, description string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.current = &ScenarioResult{Scenario: name, Description: description, Outcome: OutcomeDone, Events: []Event{}}
	h.results = append(h.results, h.current)
}

// scenario returns the current scenario, starting an ad hoc one when the
// cmdlets are used outside pcsh drill. Call with mu held.
func (h *Harness) scenario() *ScenarioResult {
	if h.current == nil {
		h.current = &ScenarioResult{Scenario: "adhoc", Outcome: OutcomeDone, Events: []Event{}}
		h.results = append(h.results, h.current)
	}
	return h.current
}

// End finishes the current scenario. Traffic still running is stopped
// and measured (a scenario that failed half-way still shows what the
// clients saw); err marks the scenario Failed.
func (h *Harness) End(ctx context.Context, err error) *ScenarioResult {
	h.mu.Lock()
	running := h.traffic != nil
	h.mu.Unlock()
	if running {
		if _, serr := h.StopTraffic(ctx); serr != nil && err == nil {
			err = serr
		}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	r := h.scenario()
	if err != nil {
		r.Outcome, r.Error = OutcomeFailed, cmdlet.AsRecord(err).Message
	}
	h.current = nil
	return r
}

// Results returns the scenarios run so far.
func (h *Harness) Results() []*ScenarioResult {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.results)
}

// Close stops the traffic and the pool.
func (h *Harness) Close() {
	h.mu.Lock()
	t, p := h.traffic, h.pool
	h.traffic, h.pool = nil, nil
	h.mu.Unlock()
	if t != nil {
		t.Stop()
	}
	if p != nil {
		p.Stop()
	}
}

// AddEvent marks an event on the current scenario's timeline; a zero At
// means now. It returns the event as recorded.
func (h *Harness) AddEvent(e Event) Event {
	if e.At.IsZero() {
		e.At = h.now()
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	r := h.scenario()
	r.Events = append(r.Events, e)
	return e
}

// SetTarget sets the current scenario's target and documented figure.
func (h *Harness) SetTarget(t Target, d Documented) {
	h.mu.Lock()
	defer h.mu.Unlock()
	r := h.scenario()
	r.Target, r.Documented = t, d
}

// ensurePool starts the pool of the lab in dir once; a later call for
// another directory is refused.
func (h *Harness) ensurePool(ctx context.Context, dir string, getenv func(string) string) (*chatpool.Pool, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.pool != nil {
		if h.poolDir != dir {
			return nil, fmt.Errorf("the drill's chat pool runs on the lab in %s, not %s", h.poolDir, dir)
		}
		return h.pool, nil
	}
	open := h.OpenPool
	if open == nil {
		open = LabPool
	}
	p, sites, err := open(ctx, dir, getenv)
	if err != nil {
		return nil, err
	}
	h.pool, h.poolDir, h.sites = p, dir, sites
	return p, nil
}

// StartTraffic starts chat traffic on the pool of the lab in dir.
func (h *Harness) StartTraffic(ctx context.Context, dir string, getenv func(string) string, cfg chatpool.TrafficConfig) error {
	p, err := h.ensurePool(ctx, dir, getenv)
	if err != nil {
		return err
	}
	h.mu.Lock()
	busy := h.traffic != nil
	h.mu.Unlock()
	if busy {
		return errors.New("chat traffic is already running: stop it first (Stop-PcChatTraffic)")
	}
	p.Refresh(ctx)
	t, err := chatpool.StartTraffic(context.WithoutCancel(ctx), p, cfg)
	if err != nil {
		return err
	}
	h.mu.Lock()
	h.traffic = t
	h.mu.Unlock()
	return nil
}

// StopTraffic stops the traffic, reads the run's messages back from the
// database the pool uses now and measures them against the scenario's
// first fault. The measurement becomes the scenario's, and a Recovery
// event marks the first acknowledged post after the fault.
func (h *Harness) StopTraffic(ctx context.Context) (*chatpool.Measurement, error) {
	h.mu.Lock()
	t, p := h.traffic, h.pool
	h.traffic = nil
	h.mu.Unlock()
	if t == nil {
		return nil, errors.New("no chat traffic is running: start it with Start-PcChatTraffic")
	}
	rec := t.Stop()
	p.Refresh(ctx)
	ids, _, err := p.ReadBack(ctx, rec.Rooms, rec.FirstID, rec.LastID())
	if err != nil {
		return nil, fmt.Errorf("read the messages back: %w", err)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	r := h.scenario()
	m := chatpool.Measure(rec, ids, r.Fault())
	r.Measurement = &m
	if !m.Fault.IsZero() && m.Recovered {
		r.Events = append(r.Events, Event{Kind: KindRecovery, Name: "first acknowledged post after the fault", At: m.FirstAckAfterFault})
	}
	return &m, nil
}

// WaitRecovery waits until a post attempted after the scenario's fault
// was acknowledged, or timeout passes. It returns the time from the
// fault to that acknowledgement.
func (h *Harness) WaitRecovery(ctx context.Context, timeout, poll time.Duration) (time.Duration, error) {
	h.mu.Lock()
	t := h.traffic
	fault := h.scenario().Fault()
	h.mu.Unlock()
	if t == nil {
		return 0, errors.New("no chat traffic is running: start it with Start-PcChatTraffic")
	}
	if fault.IsZero() {
		return 0, nil
	}
	deadline := h.now().Add(timeout)
	for {
		if at, ok := firstAckAfter(t.Snapshot(), fault); ok {
			return at.Sub(fault), nil
		}
		if h.now().After(deadline) {
			return 0, fmt.Errorf("the clients did not post again within %s of the fault", timeout)
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(poll):
		}
	}
}

// firstAckAfter finds the earliest acknowledgement of a post sent at or
// after the fault.
func firstAckAfter(rec *chatpool.Record, fault time.Time) (time.Time, bool) {
	var first time.Time
	for _, a := range rec.Acks {
		if !a.Sent.Before(fault) && (first.IsZero() || a.Acked.Before(first)) {
			first = a.Acked
		}
	}
	return first, !first.IsZero()
}

// SetSite fails (down) or recovers the chat servers of a site: lab
// faults stop SQL instances, not the pool's servers, so a drill that
// loses a data center takes its chat servers down too. It returns the
// servers changed.
func (h *Harness) SetSite(ctx context.Context, dir string, getenv func(string) string, site string, down bool) ([]string, error) {
	p, err := h.ensurePool(ctx, dir, getenv)
	if err != nil {
		return nil, err
	}
	h.mu.Lock()
	names := h.sites[strings.ToUpper(site)]
	h.mu.Unlock()
	if len(names) == 0 {
		return nil, fmt.Errorf("the pool has no server in site %s", site)
	}
	for _, n := range names {
		s := p.Server(n)
		if s == nil {
			continue
		}
		if down {
			s.Fail()
		} else {
			s.Recover()
		}
	}
	return names, nil
}

// fail marks the current scenario Failed with a reason; the scenario
// goes on, so its traffic is still measured.
func (h *Harness) fail(reason string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	r := h.scenario()
	if r.Outcome != OutcomeFailed {
		r.Outcome, r.Error = OutcomeFailed, reason
	}
}
