package logship

import (
	"strconv"
	"testing"
	"time"
)

// BenchmarkShippingDelay measures the log shipping delay, commit on the
// primary → row readable on the STANDBY secondary, with backup, copy and
// restore jobs every 1 s (target ≤ 2 intervals). Run with -benchtime=Nx;
// it reports the mean and the worst delay in intervals.
func BenchmarkShippingDelay(b *testing.B) {
	p, s, cfg := startShipping(b, "BP", "BS")
	var worst, total time.Duration
	b.ResetTimer()
	for i := range b.N {
		msg := "row" + strconv.Itoa(i)
		start := time.Now()
		p.insert(b, cfg.db, msg)
		if !waitFor(5*time.Second, func() bool { return s.has(cfg.db, msg) }) {
			b.Fatalf("row %d not shipped in 5 s", i)
		}
		d := time.Since(start)
		total += d
		worst = max(worst, d)
		time.Sleep(time.Duration(137*(i%7)) * time.Millisecond) // vary the commit's phase in the interval
	}
	b.ReportMetric(total.Seconds()/float64(b.N), "mean-intervals")
	b.ReportMetric(worst.Seconds(), "worst-intervals")
}
