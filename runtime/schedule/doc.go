// Package schedule turns a pcsh command line into a scheduled job: a
// crontab line, a systemd .service and .timer, or a Task Scheduler task,
// each holding the full `pcsh schedule run NAME -- COMMAND…` line it runs;
// it installs and removes them through injected installer commands,
// records installed jobs in the state directory's schedules.json, and runs
// a job non-interactively under a lock, appending one JSON line per run to
// schedules/NAME.jsonl.
package schedule
