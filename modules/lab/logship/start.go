package logship

import (
	"context"
	"time"

	"pcsh/modules/lab/agent"
	"pcsh/modules/lab/engine"
)

// Options configures the Agent of an instance with log shipping.
type Options struct {
	// Now is the clock; nil means time.Now. Lab time is real time.
	Now func() time.Time
	// MaxWait bounds the scheduler's sleep (see agent.Options).
	MaxWait time.Duration
	// TSQL runs T-SQL job steps other than the log shipping alert check
	// (the executor can supply one); nil fails them.
	TSQL agent.StepRunner
}

// NewAgent installs the msdb tables (idempotently) and returns the
// instance's SQL Server Agent with the log shipping step runners; Start
// starts its scheduler. The jobs reach shares and copy directories
// through the instance's file system (engine.Instance.Disk: UNC shares,
// the lab's faults, the backup directories), as its BACKUP and RESTORE
// do.
func NewAgent(ctx context.Context, inst *engine.Instance, opts Options) (*agent.Agent, error) {
	if err := Install(ctx, inst); err != nil {
		return nil, err
	}
	sh := &shipper{fs: inst.Disk()}
	tsql := sh.tsql
	if opts.TSQL != nil {
		tsql = func(ctx context.Context, run *agent.StepRun) agent.StepResult {
			if isAlertCheck(run.Command) {
				return sh.tsql(ctx, run)
			}
			return opts.TSQL(ctx, run)
		}
	}
	return agent.New(inst, agent.Options{Now: opts.Now, MaxWait: opts.MaxWait, Phases: jobPhases,
		Steps: map[string]agent.StepRunner{"CMDEXEC": sh.cmdExec, "TSQL": tsql}}), nil
}

// Start is NewAgent followed by starting the scheduler.
func Start(ctx context.Context, inst *engine.Instance, opts Options) (*agent.Agent, error) {
	a, err := NewAgent(ctx, inst, opts)
	if err != nil {
		return nil, err
	}
	a.Start()
	return a, nil
}
