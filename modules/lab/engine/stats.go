package engine

import (
	"time"

	"pcsh/modules/lab/backupmedia"
	"pcsh/modules/lab/sqldb"
)

// progress emits "N percent processed." (3211) each time the work done
// crosses a multiple of step percent, as WITH STATS = step does.
type progress struct {
	step, next int
	total      int
	emit       func(*Error)
}

// newProgress returns a progress reporter; step 0 reports nothing.
func newProgress(step, total int, emit func(*Error)) *progress {
	return &progress{step: step, next: step, total: total, emit: emit}
}

// update reports the percentages reached at done.
func (p *progress) update(done int) {
	if p.step <= 0 || p.emit == nil {
		return
	}
	pct := 100
	if p.total > 0 {
		pct = done * 100 / p.total
	}
	for p.next <= 100 && pct >= p.next {
		p.emit(Raise(3211, p.next))
		p.next += p.step
	}
}

// pages converts bytes to 8 KiB pages, at least 1.
func pages(n int64) int64 { return max(1, (n+backupmedia.PageSize-1)/backupmedia.PageSize) }

// finishMessages emits the closing messages of a backup or restore:
// 4035 for each file, then 3014 with the elapsed time and rate.
func finishMessages(emit func(*Error), stmt, db string, files []fileWork, elapsed time.Duration) {
	if emit == nil {
		return
	}
	var total int64
	for _, f := range files {
		emit(Raise(4035, f.pages, db, f.name, 1))
		total += f.pages
	}
	ms := elapsed.Milliseconds()
	var rate int64 // thousandths of MB/s
	if ms > 0 {
		rate = total * backupmedia.PageSize * 1000 * 1000 / (1 << 20) / ms
	}
	emit(Raise(3014, stmt, total, ms/1000, ms%1000, rate/1000, rate%1000))
}

// fileWork is the pages processed for one database file.
type fileWork struct {
	name  string
	pages int64
}

// dataAndLog returns the file work of a database backup or restore: the
// data pages and the two log pages SQL Server reports.
func dataAndLog(files []sqldb.File, dataBytes int64) []fileWork {
	var out []fileWork
	for _, f := range files {
		if f.Type == 'L' {
			out = append(out, fileWork{f.LogicalName, 2})
		} else {
			out = append(out, fileWork{f.LogicalName, pages(dataBytes)})
		}
	}
	return out
}

// logOnly returns the file work of a log backup or restore.
func logOnly(files []sqldb.File, logBytes int64) []fileWork {
	for _, f := range files {
		if f.Type == 'L' {
			return []fileWork{{f.LogicalName, pages(logBytes)}}
		}
	}
	return nil
}
