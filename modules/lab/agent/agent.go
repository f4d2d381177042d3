package agent

import (
	"context"
	"strings"
	"sync"
	"time"

	"pcsh/modules/lab/engine"
)

// StepRunner runs one job step of a subsystem ("CMDEXEC", "TSQL" …).
type StepRunner func(ctx context.Context, step *StepRun) StepResult

// StepRun is what a StepRunner gets: the Agent, a session of its own in
// msdb, and the step.
type StepRun struct {
	Agent     *Agent
	Session   *engine.Session
	JobID     [16]byte
	JobName   string
	StepID    int64
	StepName  string
	Subsystem string
	Command   string
	Database  string
}

// StepResult is how a step ended: the text Agent puts in sysjobhistory
// and, for a failure, the SQL Server error behind it.
type StepResult struct {
	Succeeded bool
	Message   string
	Error     *engine.Error // the error that failed the step, if any
}

// Options configures an Agent.
type Options struct {
	// Now is the clock; nil means time.Now. Lab time is real time.
	Now func() time.Time
	// Steps maps an upper-case subsystem name to its runner. A step of a
	// subsystem without a runner fails.
	Steps map[string]StepRunner
	// ServiceAccount is the account steps run as; default
	// NT SERVICE\SQLSERVERAGENT.
	ServiceAccount string
	// MaxWait bounds how long the scheduler sleeps before it re-reads the
	// job tables; 0 means 500 ms.
	MaxWait time.Duration
	// Phases staggers jobs: it returns, per job, how long after each of
	// its schedule's slots the job fires (nil: every job fires on the
	// slot). Log shipping uses it so a secondary's copy and restore jobs
	// run after the primary's backup job of the same slot.
	Phases func(st Store) map[[16]byte]time.Duration
}

// Agent is the SQL Server Agent of one instance: its scheduler and the
// jobs it is running.
type Agent struct {
	inst *engine.Instance
	opts Options

	mu      sync.Mutex
	running map[[16]byte]string        // job → who started it
	next    map[fireKey]time.Time      // next firing per job schedule
	done    map[[16]byte]chan struct{} // closed when the running job ends
	wake    chan struct{}
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	session *engine.Session // the scheduler's own session
}

// fireKey identifies a schedule attached to a job.
type fireKey struct {
	job      [16]byte
	schedule int64
}

// New returns the Agent of inst; Start starts its scheduler. The Agent's
// msdb tables must exist (Install).
func New(inst *engine.Instance, opts Options) *Agent {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.ServiceAccount == "" {
		opts.ServiceAccount = `NT SERVICE\SQLSERVERAGENT`
	}
	if opts.MaxWait == 0 {
		opts.MaxWait = 500 * time.Millisecond
	}
	steps := map[string]StepRunner{}
	for k, v := range opts.Steps {
		steps[strings.ToUpper(k)] = v
	}
	opts.Steps = steps
	return &Agent{inst: inst, opts: opts, running: map[[16]byte]string{}, next: map[fireKey]time.Time{},
		done: map[[16]byte]chan struct{}{}, wake: make(chan struct{}, 1)}
}

// Instance returns the instance the Agent serves.
func (a *Agent) Instance() *engine.Instance { return a.inst }

// Now returns the Agent's clock reading.
func (a *Agent) Now() time.Time { return a.opts.Now() }

// Start starts the scheduler. Its session shows as
// "SQLAgent - Generic Refresher" in sys.dm_exec_sessions, which is how
// tools check that Agent is running.
func (a *Agent) Start() {
	ctx, cancel := context.WithCancel(context.Background())
	a.mu.Lock()
	a.cancel = cancel
	a.session = a.inst.ConnectInternal("sa", "SQLAgent - Generic Refresher")
	a.mu.Unlock()
	a.wg.Add(1)
	go a.loop(ctx)
}

// Stop stops the scheduler and waits for the running jobs to finish.
func (a *Agent) Stop() {
	a.mu.Lock()
	cancel, s := a.cancel, a.session
	a.cancel, a.session = nil, nil
	a.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	a.wg.Wait()
	if s != nil {
		s.Close()
	}
}

// Running reports whether the scheduler is started.
func (a *Agent) Running() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.cancel != nil
}

// Wake makes the scheduler re-read the job tables now (after a procedure
// changed a job or schedule).
func (a *Agent) Wake() {
	select {
	case a.wake <- struct{}{}:
	default:
	}
}

// IsRunning reports whether job is running and who started it.
func (a *Agent) IsRunning(job [16]byte) (string, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	by, ok := a.running[job]
	return by, ok
}

// Wait blocks until job is not running (or ctx ends).
func (a *Agent) Wait(ctx context.Context, job [16]byte) error {
	a.mu.Lock()
	ch := a.done[job]
	a.mu.Unlock()
	if ch == nil {
		return nil
	}
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
