package agent

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
)

// testAgent opens an instance with the Agent tables and an Agent whose
// TEST subsystem runs step.
func testAgent(t *testing.T, now func() time.Time, step StepRunner) (*Agent, *engine.Session) {
	t.Helper()
	inst, err := engine.Open(engine.Options{Name: "LAB", Dir: filepath.Join(t.TempDir(), "i")})
	if err != nil {
		t.Fatal(err)
	}
	if err := Install(context.Background(), inst); err != nil {
		t.Fatal(err)
	}
	if err := Install(context.Background(), inst); err != nil {
		t.Fatalf("Install is not idempotent: %v", err)
	}
	a := New(inst, Options{Now: now, Steps: map[string]StepRunner{"test": step}})
	s, err := inst.Connect(engine.LoginRequest{Login: "sa"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Stop(); s.Close(); inst.Close() })
	return a, s
}

// call runs an Agent procedure.
func call(a *Agent, s *engine.Session, name string, args ...Arg) (Result, error) {
	p, err := Resolve(Procedures(), []string{"msdb", "dbo", name}, "master")
	if err != nil {
		return Result{}, err
	}
	return Exec(context.Background(), p, Env{Instance: a.Instance(), Session: s, Agent: a}, args, nil)
}

// named is a named argument.
func named(n string, v any) Arg { return Arg{Name: n, Value: v} }

// makeJob creates job name with one TEST step, a job server and an
// every-second schedule; it returns the job id.
func makeJob(t *testing.T, a *Agent, s *engine.Session, name string) [16]byte {
	t.Helper()
	res, err := call(a, s, "sp_add_job", named("@job_name", name), Arg{Name: "@job_id", Output: true})
	if err != nil {
		t.Fatal(err)
	}
	id := res.Outputs[0].Value.([16]byte)
	for _, c := range []struct {
		proc string
		args []Arg
	}{
		{"sp_add_jobstep", []Arg{named("@job_id", id), named("@step_name", "s1"), named("@subsystem", "TEST")}},
		{"sp_add_jobserver", []Arg{named("@job_name", name)}},
		{"sp_add_jobschedule", []Arg{named("@job_name", name), named("@name", name+"_sched"), named("@freq_type", int64(4)),
			named("@freq_subday_type", int64(2)), named("@freq_subday_interval", int64(1))}},
	} {
		if res, err := call(a, s, c.proc, c.args...); err != nil || res.Status != 0 {
			t.Fatalf("%s: %v", c.proc, err)
		}
	}
	return id
}

// TestBindErrors: SQL Server's parameter checks, with their numbers.
// Source: ee-0-999 (201), ee-8000-8999 (8114, 8143, 8144, 8145, 8162, 8169).
func TestBindErrors(t *testing.T) {
	a, s := testAgent(t, nil, nil)
	cases := []struct {
		name string
		proc string
		args []Arg
		want int32
	}{
		{"missing required", "sp_add_job", nil, 201},
		{"unknown name", "sp_add_job", []Arg{named("@job_name", "x"), named("@nope", int64(1))}, 8145},
		{"twice", "sp_add_job", []Arg{named("@job_name", "x"), named("@job_name", "y")}, 8143},
		{"too many positional", "sp_start_job", []Arg{{Value: "a"}, {}, {}, {}, {}, {}, {}}, 8144},
		{"output on input", "sp_add_job", []Arg{{Name: "@job_name", Value: "x", Output: true}}, 8162},
		{"not an int", "sp_add_job", []Arg{named("@job_name", "x"), named("@start_step_id", "abc")}, 8114},
		{"not a guid", "sp_start_job", []Arg{named("@job_id", "zzz")}, 8169},
		{"no such job", "sp_start_job", []Arg{named("@job_name", "ghost")}, 14262},
		{"neither id nor name", "sp_update_job", []Arg{named("@enabled", int64(0))}, 14294},
		{"bad freq_type", "sp_add_schedule", []Arg{named("@schedule_name", "s"), named("@freq_type", int64(3))}, 14266},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := call(a, s, c.proc, c.args...)
			if engine.ErrorNumber(err) != c.want {
				t.Fatalf("got %v, want %d", err, c.want)
			}
		})
	}
}

// TestResolve: msdb procedures need msdb; system procedures resolve from
// any database; 2812 otherwise.
func TestResolve(t *testing.T) {
	procs := map[string]*Procedure{"sp_add_job": {Name: "sp_add_job", Database: "msdb"},
		"sp_add_log_shipping_alert_job": {Name: "sp_add_log_shipping_alert_job", Database: "master"}}
	cases := []struct {
		parts []string
		db    string
		ok    bool
	}{
		{[]string{"msdb", "dbo", "sp_add_job"}, "master", true},
		{[]string{"[msdb]", "[dbo]", "[SP_ADD_JOB]"}, "mgc", true},
		{[]string{"sp_add_job"}, "msdb", true},
		{[]string{"sp_add_job"}, "master", false},
		{[]string{"master", "dbo", "sp_add_job"}, "msdb", false},
		{[]string{"sp_add_log_shipping_alert_job"}, "mgc", true},
		{[]string{"master", "sys", "sp_add_log_shipping_alert_job"}, "msdb", true},
		{[]string{"master", "other", "sp_add_log_shipping_alert_job"}, "master", false},
		{[]string{"sp_nothing"}, "master", false},
	}
	for _, c := range cases {
		_, err := Resolve(procs, c.parts, c.db)
		if (err == nil) != c.ok || (err != nil && engine.ErrorNumber(err) != 2812) {
			t.Errorf("%v from %s: %v", c.parts, c.db, err)
		}
	}
}

// TestScheduleNext: daily schedules every n seconds, minutes and hours
// within the active window; weekly days; once. Source: dbo.sysschedules
// (freq_type, freq_subday_type 0x2 seconds, 0x4 minutes, 0x8 hours).
func TestScheduleNext(t *testing.T) {
	base := time.Date(2024, 5, 6, 10, 0, 0, 500, time.UTC) // a Monday
	cases := []struct {
		name string
		s    Schedule
		want time.Time
	}{
		{"every second", Schedule{FreqType: 4, FreqInterval: 1, SubdayType: 2, SubdayInterval: 1, EndTime: 235959},
			time.Date(2024, 5, 6, 10, 0, 1, 0, time.UTC)},
		{"every 15 minutes", Schedule{FreqType: 4, FreqInterval: 1, SubdayType: 4, SubdayInterval: 15, EndTime: 235900},
			time.Date(2024, 5, 6, 10, 15, 0, 0, time.UTC)},
		{"hourly from 10:30", Schedule{FreqType: 4, FreqInterval: 1, SubdayType: 8, SubdayInterval: 1, StartTime: 103000,
			EndTime: 235959}, time.Date(2024, 5, 6, 10, 30, 0, 0, time.UTC)},
		{"window ended", Schedule{FreqType: 4, FreqInterval: 1, SubdayType: 4, SubdayInterval: 1, EndTime: 90000},
			time.Date(2024, 5, 7, 0, 0, 0, 0, time.UTC)},
		{"weekly Wednesday", Schedule{FreqType: 8, FreqInterval: 8, RecurrenceFactor: 1, SubdayType: 1, StartTime: 60000,
			StartDate: 20240506}, time.Date(2024, 5, 8, 6, 0, 0, 0, time.UTC)},
		{"once", Schedule{FreqType: 1, StartDate: 20240506, StartTime: 120000}, time.Date(2024, 5, 6, 12, 0, 0, 0, time.UTC)},
	}
	for _, c := range cases {
		got, ok := c.s.Next(base)
		if !ok || !got.Equal(c.want) {
			t.Errorf("%s: %v %v, want %v", c.name, got, ok, c.want)
		}
	}
	if _, ok := (Schedule{FreqType: 64}).Next(base); ok {
		t.Error("an Agent-start schedule has no next time")
	}
}

// TestJobRunsOnScheduleOnceAtATime: the scheduler starts a due job,
// never twice concurrently (sp_start_job meanwhile is 22022), and writes
// the step and job outcome rows of sysjobhistory; sp_help_job shows it
// executing. Sources: sp_start_job, sp_help_job, dbo.sysjobhistory pages.
func TestJobRunsOnScheduleOnceAtATime(t *testing.T) {
	var runs atomic.Int32
	release := make(chan struct{})
	a, s := testAgent(t, nil, func(ctx context.Context, run *StepRun) StepResult {
		runs.Add(1)
		<-release
		return StepResult{Succeeded: true, Message: "ran"}
	})
	id := makeJob(t, a, s, "j1")
	a.Start()
	waitUntil(t, func() bool { return runs.Load() == 1 })
	if _, err := call(a, s, "sp_start_job", named("@job_name", "j1")); engine.ErrorNumber(err) != 22022 {
		t.Fatalf("sp_start_job on a running job: %v", err)
	}
	w := &rowsWriter{}
	p, _ := Resolve(Procedures(), []string{"msdb", "dbo", "sp_help_job"}, "master")
	if _, err := Exec(context.Background(), p, Env{Instance: a.Instance(), Session: s, Agent: a}, nil, w); err != nil {
		t.Fatal(err)
	}
	if len(w.rows) != 1 || w.rows[0][25] != int64(1) {
		t.Fatalf("sp_help_job current_execution_status: %v", w.rows)
	}
	time.Sleep(1500 * time.Millisecond)
	if runs.Load() != 1 {
		t.Fatalf("job started %d times while running", runs.Load())
	}
	close(release)
	if err := a.Wait(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	st := Store{Ctx: context.Background(), Session: s}
	waitUntil(t, func() bool { h, _ := st.Select("sysjobhistory", nil); return len(h) >= 2 })
	hist, _ := st.Select("sysjobhistory", nil)
	if hist[0].Int("step_id") != 1 || hist[1].Int("step_id") != 0 || hist[1].Int("run_status") != StatusSucceeded ||
		hist[1].Str("message") != "The job succeeded.  The Job was invoked by Schedule 1 (j1_sched).  The last step to run was step 1 (s1)." {
		t.Fatalf("history %v", hist)
	}
}

// TestStartJobAndDisable: sp_start_job runs a disabled job once (14243);
// sp_update_job @enabled = 0 stops the schedule.
func TestStartJobAndDisable(t *testing.T) {
	var runs atomic.Int32
	a, s := testAgent(t, nil, func(ctx context.Context, run *StepRun) StepResult {
		runs.Add(1)
		return StepResult{Succeeded: true}
	})
	id := makeJob(t, a, s, "j2")
	if _, err := call(a, s, "sp_update_job", named("@job_name", "j2"), named("@enabled", int64(0))); err != nil {
		t.Fatal(err)
	}
	a.Start()
	time.Sleep(1200 * time.Millisecond)
	if runs.Load() != 0 {
		t.Fatal("a disabled job ran on its schedule")
	}
	w := &rowsWriter{}
	p, _ := Resolve(Procedures(), []string{"msdb", "dbo", "sp_start_job"}, "master")
	if _, err := Exec(context.Background(), p, Env{Instance: a.Instance(), Session: s, Agent: a},
		[]Arg{named("@job_id", id)}, w); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, func() bool { return runs.Load() == 1 })
	if len(w.msgs) != 1 || w.msgs[0].Message != "Job 'j2' started successfully." {
		t.Fatalf("messages %v", w.msgs)
	}
}

// waitUntil polls cond for up to 3 s.
func waitUntil(t *testing.T, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(3 * time.Second); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("condition not reached in 3 s")
}

// rowsWriter records the last result set and the messages.
type rowsWriter struct {
	rows [][]any
	msgs []*sqltype.Error
}

func (w *rowsWriter) Columns([]sqltype.Column) error { w.rows = nil; return nil }
func (w *rowsWriter) Row(v []any) error              { w.rows = append(w.rows, v); return nil }
func (w *rowsWriter) Done(int64) error               { return nil }
func (w *rowsWriter) Info(m *sqltype.Error) error    { w.msgs = append(w.msgs, m); return nil }
