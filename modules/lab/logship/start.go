package logship

import (
	"context"
	"time"

	"pcsh/modules/lab/agent"
	"pcsh/modules/lab/engine"
)

// Options configures the Agent of an instance with log shipping.
type Options struct {
	// FS is the file system of shares and copy directories; nil means OSFS.
	FS FS
	// Now is the clock; nil means time.Now. Lab time is real time.
	Now func() time.Time
	// MaxWait bounds the scheduler's sleep (see agent.Options).
	MaxWait time.Duration
	// MapPath resolves a configured path (a UNC share such as
	// \\fs\pchatlogs) to the lab directory behind it (share.Map.Local);
	// nil leaves paths unchanged.
	MapPath func(string) string
	// CheckWrite is consulted before every file the jobs write (the lab's
	// fault plan, fault.Watcher.CheckWrite); an error such as
	// "112(There is not enough space on the disk.)" fails the write.
	CheckWrite func(path string) error
	// CheckRead is consulted before every directory listing and file read
	// of the jobs (the lab's fault plan, fault.Watcher.CheckRead): the copy
	// job reading a share across a cut link fails with an error such as
	// "53(The network path was not found.)".
	CheckRead func(path string) error
	// BackupDirs confines every file the jobs list, read, write or
	// delete (after MapPath) to these directories, as engine.Options
	// does for BACKUP and RESTORE; elsewhere an access fails with
	// "5(Access is denied.)". nil allows any path.
	BackupDirs []string
	// TSQL runs T-SQL job steps other than the log shipping alert check
	// (the executor can supply one); nil fails them.
	TSQL agent.StepRunner
}

// NewAgent installs the msdb tables (idempotently) and returns the
// instance's SQL Server Agent with the log shipping step runners; Start
// starts its scheduler.
func NewAgent(ctx context.Context, inst *engine.Instance, opts Options) (*agent.Agent, error) {
	if err := Install(ctx, inst); err != nil {
		return nil, err
	}
	if opts.FS == nil {
		opts.FS = OSFS{}
	}
	local := opts.MapPath
	if local == nil {
		local = func(p string) string { return p }
	}
	sh := &shipper{fs: newMappedFS(opts.FS, opts), local: local}
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
