package agent

import (
	"context"
	"slices"
	"time"
)

// loop is the scheduler: it starts the jobs whose schedules are due,
// then sleeps until the next firing, a Wake or MaxWait.
func (a *Agent) loop(ctx context.Context) {
	defer a.wg.Done()
	for {
		wait := a.opts.MaxWait
		if next, ok := a.Tick(ctx); ok {
			wait = min(wait, max(next.Sub(a.opts.Now()), 0))
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-a.wake:
		case <-t.C:
		}
		t.Stop()
	}
}

// due is a job whose schedule fired.
type due struct {
	job      [16]byte
	name     string
	created  time.Time
	schedule Schedule
}

// Tick starts the jobs due at the clock's current reading and returns
// the next firing time of any schedule. Jobs due at the same tick run one
// after the other in creation order, in a goroutine of their own, so that
// a log shipping copy job finishes before the restore job of the same
// tick looks for files. A job still running is not started again.
func (a *Agent) Tick(ctx context.Context) (time.Time, bool) {
	now := a.opts.Now()
	ready, next, ok := a.plan(ctx, now)
	if len(ready) == 0 {
		return next, ok
	}
	var batch []due
	for _, d := range ready {
		if a.claim(d.job, "Schedule "+itoa(d.schedule.ID)+" ("+d.schedule.Name+")") {
			batch = append(batch, d)
		}
	}
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		for _, d := range batch {
			a.execute(context.WithoutCancel(ctx), d.job, "Schedule "+itoa(d.schedule.ID)+" ("+d.schedule.Name+")")
		}
	}()
	return next, ok
}

// plan reads the enabled jobs and their enabled schedules, returns those
// due at now and the earliest future firing, and records next run times.
func (a *Agent) plan(ctx context.Context, now time.Time) ([]due, time.Time, bool) {
	st, done := a.store(ctx)
	defer done()
	jobs, err1 := st.Select("sysjobs", func(r Rec) bool { return r.Int("enabled") != 0 })
	links, err2 := st.Select("sysjobschedules", nil)
	scheds, err3 := st.Select("sysschedules", func(r Rec) bool { return r.Int("enabled") != 0 })
	if err1 != nil || err2 != nil || err3 != nil {
		return nil, time.Time{}, false
	}
	byID := map[int64]Schedule{}
	for _, r := range scheds {
		s := scheduleFrom(r)
		byID[s.ID] = s
	}
	enabled := map[[16]byte]Rec{}
	for _, j := range jobs {
		enabled[j.GUID("job_id")] = j
	}
	var phases map[[16]byte]time.Duration
	if a.opts.Phases != nil {
		phases = a.opts.Phases(st)
	}
	var ready []due
	var earliest time.Time
	seen := map[fireKey]bool{}
	for _, l := range links {
		job, s, ok := enabled[l.GUID("job_id")], byID[l.Int("schedule_id")], true
		if job == nil || s.ID == 0 {
			continue
		}
		key := fireKey{l.GUID("job_id"), s.ID}
		seen[key] = true
		phase := phases[key.job]
		fire, ok := a.firing(key, s, now, phase)
		if !ok {
			continue
		}
		if !fire.After(now) {
			created, _ := job["date_created"].(time.Time)
			ready = append(ready, due{job: key.job, name: job.Str("name"), created: created, schedule: s})
			fire, ok = nextPhased(s, now, phase)
			a.setNext(key, fire, ok)
			if !ok {
				continue
			}
		}
		if earliest.IsZero() || fire.Before(earliest) {
			earliest = fire
		}
	}
	a.forget(seen)
	slices.SortStableFunc(ready, func(x, y due) int { return x.created.Compare(y.created) })
	return ready, earliest, !earliest.IsZero()
}

// firing returns the next firing of a job schedule, computing it the
// first time the pair is seen (the first firing after now).
func (a *Agent) firing(key fireKey, s Schedule, now time.Time, phase time.Duration) (time.Time, bool) {
	a.mu.Lock()
	t, ok := a.next[key]
	a.mu.Unlock()
	if ok {
		return t, !t.IsZero()
	}
	t, ok = nextPhased(s, now, phase)
	a.setNext(key, t, ok)
	return t, ok
}

// nextPhased is the schedule's next slot after now, shifted by phase.
func nextPhased(s Schedule, now time.Time, phase time.Duration) (time.Time, bool) {
	t, ok := s.Next(now.Add(-phase))
	return t.Add(phase), ok
}

// setNext records the next firing (zero for never).
func (a *Agent) setNext(key fireKey, t time.Time, ok bool) {
	if !ok {
		t = time.Time{}
	}
	a.mu.Lock()
	a.next[key] = t
	a.mu.Unlock()
}

// forget drops the firings of job schedules that no longer exist or are
// disabled, so re-enabling starts from the next slot.
func (a *Agent) forget(seen map[fireKey]bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for k := range a.next {
		if !seen[k] {
			delete(a.next, k)
		}
	}
}

// NextRun returns the next scheduled run of job: time and schedule id.
func (a *Agent) NextRun(job [16]byte) (time.Time, int64, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	var best time.Time
	var id int64
	for k, t := range a.next {
		if k.job == job && !t.IsZero() && (best.IsZero() || t.Before(best)) {
			best, id = t, k.schedule
		}
	}
	return best, id, !best.IsZero()
}
