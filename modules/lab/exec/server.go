package exec

import (
	"strings"
	"time"

	"pcsh/modules/lab/tsql"
)

// kill runs KILL spid (6101, 6104, 6106, 6107 from the engine).
func (r *run) kill(st *tsql.KillStmt) error {
	if st.StatusOnly {
		return unsupported("KILL WITH STATUSONLY")
	}
	v, err := r.eval(st.Target, nil)
	if err != nil {
		return err
	}
	if isString(v.t) {
		return unsupported("KILL 'unit of work'")
	}
	spid, err := argInt(v)
	if err != nil {
		return err
	}
	return r.s.h.inst.Kill(r.s.eng, int32(max(min(spid, 1<<31-1), -1<<31)))
}

// waitfor runs WAITFOR DELAY 'hh:mm:ss[.mmm]' or WAITFOR TIME 'hh:mm';
// an attention ends the wait.
func (r *run) waitfor(st *tsql.WaitforStmt) error {
	v, err := r.eval(st.Value, nil)
	if err != nil {
		return err
	}
	tm, ok := parseClock(toText(v, -1))
	if !ok {
		return unsupported("WAITFOR " + toText(v, -1))
	}
	d := tm
	if st.Time {
		now := r.s.h.cfg.Now()
		midnight := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
		d = midnight.Add(tm).Sub(now)
		if d < 0 {
			d += 24 * time.Hour
		}
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-r.ctx.Done():
		return r.ctx.Err()
	}
}

// parseClock reads hh:mm[:ss[.fff]] as a duration below 24 hours.
func parseClock(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"15:04:05.999", "15:04:05", "15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute +
				time.Duration(t.Second())*time.Second + time.Duration(t.Nanosecond()), true
		}
	}
	return 0, false
}
