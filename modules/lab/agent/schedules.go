package agent

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"

	"pcsh/modules/lab/engine"
)

// scheduleParams are the frequency parameters of sp_add_schedule,
// sp_update_schedule and sp_add_jobschedule with sp_add_schedule's
// defaults.
func scheduleParams() []Param {
	return []Param{
		{Name: "@enabled", Type: TypeTinyInt, Default: int64(1)},
		{Name: "@freq_type", Type: TypeInt, Default: int64(0)},
		{Name: "@freq_interval", Type: TypeInt, Default: int64(1)},
		{Name: "@freq_subday_type", Type: TypeInt, Default: int64(0)},
		{Name: "@freq_subday_interval", Type: TypeInt, Default: int64(0)},
		{Name: "@freq_relative_interval", Type: TypeInt, Default: int64(0)},
		{Name: "@freq_recurrence_factor", Type: TypeInt, Default: int64(0)},
		{Name: "@active_start_date", Type: TypeInt},
		{Name: "@active_end_date", Type: TypeInt, Default: int64(99991231)},
		{Name: "@active_start_time", Type: TypeInt, Default: int64(0)},
		{Name: "@active_end_time", Type: TypeInt, Default: int64(235959)},
	}
}

// scheduleProcedures returns sp_add_schedule, sp_attach_schedule,
// sp_detach_schedule, sp_update_schedule and sp_add_jobschedule
// (MicrosoftDocs/sql-docs system-stored-procedures/sp-add-schedule …).
func scheduleProcedures() []*Procedure {
	return []*Procedure{
		{Name: "sp_add_schedule", Database: "msdb", Run: addSchedule, Params: append(append([]Param{
			{Name: "@schedule_name", Type: TypeSysname, Required: true}}, scheduleParams()...),
			Param{Name: "@owner_login_name", Type: TypeSysname},
			Param{Name: "@schedule_uid", Type: TypeUniqueIdentifier, Output: true},
			Param{Name: "@schedule_id", Type: TypeInt, Output: true},
			Param{Name: "@originating_server", Type: TypeSysname})},
		{Name: "sp_attach_schedule", Database: "msdb", Run: attachSchedule, Params: attachParams()},
		{Name: "sp_detach_schedule", Database: "msdb", Run: detachSchedule, Params: append(attachParams(),
			Param{Name: "@delete_unused_schedule", Type: TypeBit, Default: false})},
		{Name: "sp_update_schedule", Database: "msdb", Run: updateSchedule, Params: append(append([]Param{
			{Name: "@schedule_id", Type: TypeInt}, {Name: "@name", Type: TypeSysname},
			{Name: "@new_name", Type: TypeSysname}}, scheduleParams()...),
			Param{Name: "@owner_login_name", Type: TypeSysname},
			Param{Name: "@automatic_post", Type: TypeBit, Default: true})},
		{Name: "sp_add_jobschedule", Database: "msdb", Run: addJobSchedule, Params: append(append([]Param{
			{Name: "@job_id", Type: TypeUniqueIdentifier}, {Name: "@job_name", Type: TypeSysname},
			{Name: "@name", Type: TypeSysname, Required: true}}, scheduleParams()...),
			Param{Name: "@schedule_id", Type: TypeInt, Output: true},
			Param{Name: "@automatic_post", Type: TypeBit, Default: true},
			Param{Name: "@schedule_uid", Type: TypeUniqueIdentifier, Output: true})},
	}
}

// attachParams identify a job and a schedule.
func attachParams() []Param {
	return []Param{{Name: "@job_id", Type: TypeUniqueIdentifier}, {Name: "@job_name", Type: TypeSysname},
		{Name: "@schedule_id", Type: TypeInt}, {Name: "@schedule_name", Type: TypeSysname},
		{Name: "@automatic_post", Type: TypeBit, Default: true}}
}

// scheduleFromCall reads the frequency parameters of a call.
func scheduleFromCall(c *Call, name string, now time.Time) Schedule {
	start := c.Int("@active_start_date")
	if c.IsNull("@active_start_date") || start == 0 {
		start = dateInt(now)
	}
	return Schedule{Name: name, Enabled: c.Int("@enabled") != 0, FreqType: c.Int("@freq_type"),
		FreqInterval: c.Int("@freq_interval"), SubdayType: c.Int("@freq_subday_type"),
		SubdayInterval: c.Int("@freq_subday_interval"), RecurrenceFactor: c.Int("@freq_recurrence_factor"),
		StartDate: start, EndDate: c.Int("@active_end_date"), StartTime: c.Int("@active_start_time"),
		EndTime: c.Int("@active_end_time")}
}

// Validate applies sp_verify_schedule's checks (14266, 14278, 14288).
// The lab accepts seconds (freq_subday_type 2) from 1 second; SQL Server
// requires at least 10.
func (s Schedule) Validate() error {
	switch s.FreqType {
	case 1, 4, 8, 16, 32, 64, 128:
	default:
		return engine.Raise(14266, "@freq_type", "1, 4, 8, 16, 32, 64, 128")
	}
	if s.FreqType == 4 || s.FreqType == 8 || s.FreqType == 16 || s.FreqType == 32 {
		switch s.SubdayType {
		case 1, 2, 4, 8:
		default:
			return engine.Raise(14266, "@freq_subday_type", "0x1, 0x2, 0x4, 0x8")
		}
		if s.SubdayType != 1 && s.SubdayInterval < 1 {
			return engine.Raise(14278, "The specified @freq_subday_interval is invalid.")
		}
	}
	if s.EndDate < s.StartDate {
		return engine.Raise(14288, "@active_end_date", "@active_start_date")
	}
	return nil
}

// AddSchedule inserts a schedule and returns its id and uid.
func AddSchedule(st Store, s Schedule, now time.Time) (int64, [16]byte, error) {
	if err := s.Validate(); err != nil {
		return 0, [16]byte{}, err
	}
	uid := [16]byte(uuid.New())
	enabled := int64(0)
	if s.Enabled {
		enabled = 1
	}
	err := st.Insert("sysschedules", Rec{"schedule_uid": uid, "originating_server_id": int64(0), "name": s.Name,
		"owner_sid": []byte{1}, "enabled": enabled, "freq_type": s.FreqType, "freq_interval": s.FreqInterval,
		"freq_subday_type": s.SubdayType, "freq_subday_interval": s.SubdayInterval,
		"freq_relative_interval": int64(0), "freq_recurrence_factor": s.RecurrenceFactor,
		"active_start_date": s.StartDate, "active_end_date": s.EndDate, "active_start_time": s.StartTime,
		"active_end_time": s.EndTime, "date_created": now, "date_modified": now, "version_number": int64(1)})
	if err != nil {
		return 0, uid, err
	}
	id, _ := st.Session.Identity().(int64)
	return id, uid, nil
}

// addSchedule is sp_add_schedule, with @schedule_id and @schedule_uid
// OUTPUT.
func addSchedule(ctx context.Context, c *Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	now := c.nowOr()
	id, uid, err := AddSchedule(st, scheduleFromCall(c, c.String("@schedule_name"), now), now)
	if err != nil {
		return 1, err
	}
	c.SetOutput("@schedule_id", id)
	c.SetOutput("@schedule_uid", uid)
	return 0, nil
}

// findSchedule resolves @schedule_id or @schedule_name (or @name).
func findSchedule(st Store, c *Call, nameParam string) (Rec, error) {
	id, name := c.Value("@schedule_id"), c.String(nameParam)
	if (id == nil) == (name == "") {
		return nil, engine.Raise(14373, "@schedule_id", nameParam)
	}
	r, err := st.First("sysschedules", func(r Rec) bool {
		if id != nil {
			return r.Int("schedule_id") == id.(int64)
		}
		return strings.EqualFold(r.Str("name"), name)
	})
	if err == nil && r == nil {
		if id != nil {
			return nil, engine.Raise(14262, "@schedule_id", itoa(id.(int64)))
		}
		return nil, engine.Raise(14262, nameParam, name)
	}
	return r, err
}

// attachSchedule is sp_attach_schedule.
func attachSchedule(ctx context.Context, c *Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	j, s, err := jobAndSchedule(st, c)
	if err != nil {
		return 1, err
	}
	err = AttachSchedule(st, j.GUID("job_id"), s.Int("schedule_id"))
	c.wake()
	return boolStatus(err)
}

// AttachSchedule links a schedule to a job (once).
func AttachSchedule(st Store, job [16]byte, schedule int64) error {
	r, err := st.First("sysjobschedules", func(r Rec) bool {
		return r.GUID("job_id") == job && r.Int("schedule_id") == schedule
	})
	if err != nil || r != nil {
		return err
	}
	return st.Insert("sysjobschedules", Rec{"schedule_id": schedule, "job_id": job, "next_run_date": int64(0),
		"next_run_time": int64(0)})
}

// detachSchedule is sp_detach_schedule (14374 when not attached).
func detachSchedule(ctx context.Context, c *Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	j, s, err := jobAndSchedule(st, c)
	if err != nil {
		return 1, err
	}
	job, id := j.GUID("job_id"), s.Int("schedule_id")
	n, err := st.Delete("sysjobschedules", func(r Rec) bool { return r.GUID("job_id") == job && r.Int("schedule_id") == id })
	if err == nil && n == 0 {
		err = engine.Raise(14374, s.Str("name"), j.Str("name"))
	}
	if err == nil && c.Bool("@delete_unused_schedule") {
		err = deleteUnused(st, []Rec{s})
	}
	c.wake()
	return boolStatus(err)
}

// updateSchedule is sp_update_schedule: changes only what is supplied.
func updateSchedule(ctx context.Context, c *Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	s, err := findSchedule(st, c, "@name")
	if err != nil {
		return 1, err
	}
	id := s.Int("schedule_id")
	next := Rec{}
	for k, v := range s {
		next[k] = v
	}
	for _, p := range scheduleParams() {
		if c.Given(p.Name) {
			next[strings.TrimPrefix(p.Name, "@")] = c.Value(p.Name)
		}
	}
	if c.Given("@new_name") {
		next["name"] = c.String("@new_name")
	}
	if err := scheduleFrom(next).Validate(); err != nil {
		return 1, err
	}
	_, err = st.Update("sysschedules", func(r Rec) bool { return r.Int("schedule_id") == id }, func(r Rec) {
		for k, v := range next {
			r[k] = v
		}
		r["date_modified"], r["version_number"] = c.nowOr(), s.Int("version_number")+1
	})
	c.wake()
	return boolStatus(err)
}

// addJobSchedule is sp_add_jobschedule: a new schedule attached to the
// job, with @schedule_id OUTPUT.
func addJobSchedule(ctx context.Context, c *Call) (int, error) {
	st, done := c.Store(ctx)
	defer done()
	j, err := FindJob(st, c)
	if err != nil {
		return 1, err
	}
	now := c.nowOr()
	id, uid, err := AddSchedule(st, scheduleFromCall(c, c.String("@name"), now), now)
	if err == nil {
		err = AttachSchedule(st, j.GUID("job_id"), id)
	}
	if err != nil {
		return 1, err
	}
	c.SetOutput("@schedule_id", id)
	c.SetOutput("@schedule_uid", uid)
	c.wake()
	return 0, nil
}

// jobAndSchedule resolves the job and the schedule a call names.
func jobAndSchedule(st Store, c *Call) (Rec, Rec, error) {
	j, err := FindJob(st, c)
	if err != nil {
		return nil, nil, err
	}
	s, err := findSchedule(st, c, "@schedule_name")
	return j, s, err
}
