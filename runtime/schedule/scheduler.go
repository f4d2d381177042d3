package schedule

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/runbook"
)

// Scheduler adds, lists and removes jobs: it prints or installs them and
// keeps schedules.json in step with what it installed.
type Scheduler struct {
	Installer
	Out io.Writer // what add and remove print
	Err io.Writer // notes, such as a re-add that changed nothing
	PID int
}

// Add prints the job in its format; with install it installs the job and
// records it. A recorded name is refused unless force: a re-add of the
// same definition says so and succeeds, a different one fails; nothing
// changes either way.
func (s Scheduler) Add(ctx context.Context, j *Job, install, force bool) error {
	text, err := Render(j, s.Now())
	if err != nil || !install {
		fmt.Fprint(s.Out, text)
		return err
	}
	return s.withStore(func(store Store, jobs []*Job) error {
		old := Find(jobs, j.Name)
		if old != nil && !force {
			return s.refuse(old, j)
		}
		if old != nil {
			if err := s.Uninstall(ctx, old); err != nil {
				return failure("ScheduleRemoveFailed", err, "Cannot remove the job %s from %s before replacing it: %v.", old.Name, where(old), err)
			}
			jobs = Without(jobs, old.Name)
			if err := store.Save(jobs); err != nil {
				return err
			}
		}
		installed, err := s.Install(ctx, j, force)
		if err != nil {
			return failure("ScheduleInstallFailed", err, "Cannot install the job %s in %s: %v.", j.Name, where(j), err)
		}
		j.Installed, j.Added = installed, s.Now()
		if err := store.Save(append(jobs, j)); err != nil {
			return err
		}
		fmt.Fprint(s.Out, text)
		fmt.Fprintf(s.Out, "Installed the job %s in %s; `pcsh schedule remove %s` removes it.\n", j.Name, where(j), j.Name)
		return nil
	})
}

// refuse is a re-add without --force.
func (s Scheduler) refuse(old, j *Job) error {
	if sameJob(old, j) {
		fmt.Fprintf(s.Err, "WARNING: The job %s is already scheduled as given (%s, %s); nothing changed.\n", j.Name, old.Format, old.Schedule())
		return nil
	}
	return &cmdlet.ErrorRecord{Message: fmt.Sprintf("The job %s is already scheduled (%s, %s) with another definition; nothing changed.", j.Name, old.Format, old.Schedule()),
		ErrorID: "ScheduleExists", Category: cmdlet.CategoryInvalidOperation, Target: j.Name,
		Hint: "give --force to replace it, or run pcsh schedule remove " + j.Name + " first"}
}

func sameJob(a, b *Job) bool {
	return a.Format == b.Format && a.Cron == b.Cron && a.Every == b.Every && a.At == b.At &&
		slices.Equal(a.Argv(), b.Argv())
}

// Remove uninstalls a recorded job and forgets it; its run log stays.
func (s Scheduler) Remove(ctx context.Context, name string) error {
	return s.withStore(func(store Store, jobs []*Job) error {
		j := Find(jobs, name)
		if j == nil {
			return &cmdlet.ErrorRecord{Message: fmt.Sprintf("There is no scheduled job named %s.", name), ErrorID: "ScheduleNotFound",
				Category: cmdlet.CategoryObjectNotFound, Target: name, Hint: "pcsh schedule list shows the jobs pcsh installed"}
		}
		if err := s.Uninstall(ctx, j); err != nil {
			return failure("ScheduleRemoveFailed", err, "Cannot remove the job %s from %s: %v.", name, where(j), err)
		}
		if err := store.Save(Without(jobs, name)); err != nil {
			return err
		}
		fmt.Fprintf(s.Out, "Removed the job %s from %s.\n", name, where(j))
		return nil
	})
}

// List returns the recorded jobs, sorted by name.
func (s Scheduler) List() ([]*Job, error) { return Store{Dir: s.StateDir}.Load() }

// withStore runs fn on the recorded jobs holding schedules.lock, so two
// adds at once cannot lose one another's record.
func (s Scheduler) withStore(fn func(Store, []*Job) error) error {
	lock, err := runbook.Acquire(filepath.Join(s.StateDir, "schedules.lock"), "Another pcsh schedule add or remove",
		runbook.Holder{PID: s.PID, Started: s.Now()})
	if err != nil {
		return err
	}
	defer lock.Release()
	store := Store{Dir: s.StateDir}
	jobs, err := store.Load()
	if err != nil {
		return failure("ScheduleStoreUnreadable", err, "Cannot read %s: %v.", store.Path(), err)
	}
	return fn(store, jobs)
}
