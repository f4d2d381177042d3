package agent

import (
	"context"
	"sort"
	"strconv"
	"time"

	"pcsh/modules/lab/engine"
)

// Run status values of sysjobhistory.run_status and last_run_outcome.
const (
	StatusFailed    = 0
	StatusSucceeded = 1
	StatusRetry     = 2
	StatusCanceled  = 3
)

// Step actions of sysjobsteps.on_success_action / on_fail_action.
const (
	actionQuitSuccess = 1
	actionQuitFailure = 2
	actionNextStep    = 3
	actionGoToStep    = 4
)

// maxStepsPerRun stops a job whose step actions loop.
const maxStepsPerRun = 100

// Outcome is how a job run ended.
type Outcome struct {
	Succeeded bool
	Message   string // the job outcome message of sysjobhistory step 0
	LastStep  int64
}

// claim marks job running by who; false when it already runs.
func (a *Agent) claim(job [16]byte, who string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, busy := a.running[job]; busy {
		return false
	}
	a.running[job] = who
	a.done[job] = make(chan struct{})
	return true
}

// release marks job idle.
func (a *Agent) release(job [16]byte) {
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.running, job)
	if ch := a.done[job]; ch != nil {
		close(ch)
		delete(a.done, job)
	}
}

// RunJob runs job now and waits for it, as if user started it; it fails
// with 22022 when the job is already running.
func (a *Agent) RunJob(ctx context.Context, job [16]byte, user string) (Outcome, error) {
	who := "User " + user
	if !a.claim(job, who) {
		return Outcome{}, a.busyError(ctx, job, user)
	}
	return a.execute(ctx, job, who), nil
}

// StartJob starts job in the background (sp_start_job); it fails with
// 22022 when the job is already running.
func (a *Agent) StartJob(ctx context.Context, job [16]byte, user string) error {
	who := "User " + user
	if !a.claim(job, who) {
		return a.busyError(ctx, job, user)
	}
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		a.execute(context.WithoutCancel(ctx), job, who)
	}()
	return nil
}

// busyError is 22022 for a job that is already running.
func (a *Agent) busyError(ctx context.Context, job [16]byte, user string) error {
	by, _ := a.IsRunning(job)
	name := ""
	st, done := a.store(ctx)
	defer done()
	if j, _ := st.First("sysjobs", byJobID(job)); j != nil {
		name = j.Str("name")
	}
	return engine.Raise(22022, name, user, by)
}

// execute runs a claimed job: its steps from start_step_id following the
// step actions, with a sysjobhistory row per step and one for the job
// outcome (step 0). The claim is released at the end.
func (a *Agent) execute(ctx context.Context, job [16]byte, who string) Outcome {
	defer a.release(job)
	s := a.inst.ConnectInternal("sa", "SQLAgent - Job invocation engine")
	defer s.Close()
	st := Store{Ctx: ctx, Session: s}
	start := a.opts.Now()
	j, err := st.First("sysjobs", byJobID(job))
	if err != nil || j == nil {
		return Outcome{Message: "The job does not exist."}
	}
	steps, _ := st.Select("sysjobsteps", byJobID(job))
	sort.Slice(steps, func(x, y int) bool { return steps[x].Int("step_id") < steps[y].Int("step_id") })
	ok, last, lastName := a.runSteps(ctx, st, j, steps)
	out := Outcome{Succeeded: ok, LastStep: last}
	verdict := "The job failed."
	if ok {
		verdict = "The job succeeded."
	}
	out.Message = verdict + "  The Job was invoked by " + who + ".  The last step to run was step " +
		strconv.FormatInt(last, 10) + " (" + lastName + ")."
	if len(steps) == 0 {
		out.Message = verdict + "  The Job was invoked by " + who + ".  The job has no steps."
	}
	a.recordOutcome(st, j, out, start)
	return out
}

// runSteps runs the steps and returns the outcome and the last step.
func (a *Agent) runSteps(ctx context.Context, st Store, j Rec, steps []Rec) (bool, int64, string) {
	byID := map[int64]Rec{}
	for _, r := range steps {
		byID[r.Int("step_id")] = r
	}
	cur := j.Int("start_step_id")
	var last int64
	lastName := ""
	for range maxStepsPerRun {
		step := byID[cur]
		if step == nil {
			return false, last, lastName
		}
		last, lastName = cur, step.Str("step_name")
		ok := a.runStep(ctx, st, j, step)
		action, target := step.Int("on_fail_action"), step.Int("on_fail_step_id")
		if ok {
			action, target = step.Int("on_success_action"), step.Int("on_success_step_id")
		}
		switch action {
		case actionQuitSuccess:
			return true, last, lastName
		case actionQuitFailure:
			return false, last, lastName
		case actionNextStep:
			cur = nextStep(steps, cur)
		case actionGoToStep:
			cur = target
		default:
			return ok, last, lastName
		}
		if cur == 0 {
			return ok, last, lastName
		}
	}
	return false, last, lastName
}

// nextStep returns the step id after cur, or 0.
func nextStep(steps []Rec, cur int64) int64 {
	for _, r := range steps {
		if r.Int("step_id") > cur {
			return r.Int("step_id")
		}
	}
	return 0
}

// runStep runs one step through its subsystem's runner and records it.
func (a *Agent) runStep(ctx context.Context, st Store, j, step Rec) bool {
	start := a.opts.Now()
	run := &StepRun{Agent: a, Session: st.Session, JobID: j.GUID("job_id"), JobName: j.Str("name"),
		StepID: step.Int("step_id"), StepName: step.Str("step_name"), Subsystem: step.Str("subsystem"),
		Command: step.Str("command"), Database: step.Str("database_name")}
	res := StepResult{Message: "The subsystem " + run.Subsystem + " is not available in the lab.",
		Error: nil}
	if runner := a.opts.Steps[upper(run.Subsystem)]; runner != nil {
		res = runner(ctx, run)
	}
	a.recordStep(st, j, step, res, start)
	return res.Succeeded
}

// recordStep writes the step's sysjobhistory row and last-run columns.
func (a *Agent) recordStep(st Store, j, step Rec, res StepResult, start time.Time) {
	end := a.opts.Now()
	status, verdict := int64(StatusFailed), "The step failed."
	if res.Succeeded {
		status, verdict = StatusSucceeded, "The step succeeded."
	}
	var msgID, sev int64
	if res.Error != nil {
		msgID, sev = int64(res.Error.Number), int64(res.Error.Severity)
	}
	msg := "Executed as user: " + a.opts.ServiceAccount + ". " + res.Message + "  " + verdict
	_ = st.Insert("sysjobhistory", historyRow(j.GUID("job_id"), step.Int("step_id"), step.Str("step_name"),
		msgID, sev, msg, status, start, end, a.inst.Name()))
	_, _ = st.Update("sysjobsteps", func(r Rec) bool {
		return r.GUID("job_id") == j.GUID("job_id") && r.Int("step_id") == step.Int("step_id")
	}, func(r Rec) {
		r["last_run_outcome"], r["last_run_duration"] = status, durationInt(end.Sub(start))
		r["last_run_retries"], r["last_run_date"], r["last_run_time"] = int64(0), dateInt(start), timeInt(start)
	})
}

// recordOutcome writes the job outcome row (step 0) and sysjobservers.
func (a *Agent) recordOutcome(st Store, j Rec, out Outcome, start time.Time) {
	end := a.opts.Now()
	status := int64(StatusFailed)
	if out.Succeeded {
		status = StatusSucceeded
	}
	_ = st.Insert("sysjobhistory", historyRow(j.GUID("job_id"), 0, "(Job outcome)", 0, 0, out.Message, status,
		start, end, a.inst.Name()))
	_, _ = st.Update("sysjobservers", byJobID(j.GUID("job_id")), func(r Rec) {
		r["last_run_outcome"], r["last_outcome_message"] = status, out.Message
		r["last_run_date"], r["last_run_time"] = dateInt(start), timeInt(start)
		r["last_run_duration"] = durationInt(end.Sub(start))
	})
	if t, id, ok := a.NextRun(j.GUID("job_id")); ok {
		_, _ = st.Update("sysjobschedules", func(r Rec) bool {
			return r.GUID("job_id") == j.GUID("job_id") && r.Int("schedule_id") == id
		}, func(r Rec) { r["next_run_date"], r["next_run_time"] = dateInt(t), timeInt(t) })
	}
}

// historyRow builds a sysjobhistory row.
func historyRow(job [16]byte, stepID int64, stepName string, msgID, sev int64, msg string, status int64,
	start, end time.Time, server string) Rec {
	if len(msg) > 4000 {
		msg = msg[:4000]
	}
	return Rec{"job_id": job, "step_id": stepID, "step_name": stepName, "sql_message_id": msgID,
		"sql_severity": sev, "message": msg, "run_status": status, "run_date": dateInt(start),
		"run_time": timeInt(start), "run_duration": durationInt(end.Sub(start)), "operator_id_emailed": int64(0),
		"operator_id_netsent": int64(0), "operator_id_paged": int64(0), "retries_attempted": int64(0),
		"server": server}
}

// byJobID matches rows of job.
func byJobID(job [16]byte) func(Rec) bool {
	return func(r Rec) bool { return r.GUID("job_id") == job }
}

// store returns a Store on a fresh internal session and its closer.
func (a *Agent) store(ctx context.Context) (Store, func()) {
	s := a.inst.ConnectInternal("sa", "SQLAgent - Job Manager")
	return Store{Ctx: ctx, Session: s}, s.Close
}

// errorOf returns the first SQL Server error of err, or nil.
func errorOf(err error) *engine.Error {
	if es := engine.SQLErrors(err); len(es) > 0 {
		return es[0]
	}
	return nil
}
