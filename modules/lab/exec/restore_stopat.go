package exec

import (
	"time"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/tsql"
)

// stopOption maps the point-in-time WITH options of RESTORE: STOPAT =
// 'datetime' | @var, STOPATMARK / STOPBEFOREMARK = 'mark_name' |
// 'lsn:n' [AFTER 'datetime'] (RESTORE Arguments, point_in_time_WITH_options).
func (r *run) stopOption(o *engine.RestoreOptions, opt tsql.BackupOption) error {
	if opt.Name == "STOPAT" {
		t, err := r.optionTime(opt.Value)
		o.StopAt = t
		return err
	}
	name, err := r.optionText(opt.Value)
	if err != nil {
		return err
	}
	if opt.Name == "STOPATMARK" {
		o.StopAtMark = name
	} else {
		o.StopBeforeMark = name
	}
	if opt.To != nil {
		o.MarkAfter, err = r.optionTime(opt.To)
	}
	return err
}

// optionTime evaluates a datetime option value (a string or a datetime
// variable).
func (r *run) optionTime(e tsql.Expr) (time.Time, error) {
	if e == nil {
		return time.Time{}, nil
	}
	v, err := r.eval(e, nil)
	if err != nil {
		return time.Time{}, err
	}
	c, err := convert(v, dateTimeT(), 0)
	if err != nil {
		return time.Time{}, err
	}
	t, _ := c.v.(time.Time)
	return t, nil
}
