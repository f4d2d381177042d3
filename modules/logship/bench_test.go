package logship

import (
	"fmt"
	"testing"
	"time"
)

// benchLatency is the fake round trip of every batch: a LAN SQL Server
// answering a small query.
const benchLatency = 2 * time.Millisecond

// benchFake is 50 healthy instances answering every check and status read
// after benchLatency.
func benchFake() (*fakeSQL, []any) {
	now := time.Now()
	f := newFake().on("*", serverQuery, rows([]any{"X", "11.0.5058.0", "Enterprise Edition (64-bit)"})).
		on("*", dbStateQuery, rows([]any{"FULL", "ONLINE", false})).
		on("*", endpointQuery, rows([]any{"Mirroring", "STARTED", int64(5022)})).
		on("*", reachQuery, sqlErr(3201, "Cannot open backup device 'x'. Operating system error 2(The system cannot find the file specified.).")).
		on("*", agentQuery, rows([]any{"Running"})).
		on("*", "log_shipping_monitor_primary", rows([]any{"X", "mgc", int64(60), true, "a.trn", now, int64(3)}))
	f.latency = benchLatency
	inst := make([]any, 50)
	for i := range inst {
		inst[i] = fmt.Sprintf("sql%02d", i)
	}
	return f, inst
}

// benchBoth times one cmdlet call across 50 instances with -ThrottleLimit
// 1 (one after another) and the default 32, in the same run, and reports
// both and their ratio.
func benchBoth(b *testing.B, name string, extra ...any) {
	f, inst := benchFake()
	s, h := f.session()
	run := func(limit int) time.Duration {
		start := time.Now()
		args := append([]any{"SqlInstance", inst, "ThrottleLimit", int64(limit)}, extra...)
		if r := invoke(b, s, h, name, nil, args...); r.err != nil || len(r.objs) < 50 {
			b.Fatalf("%s: %v, %d objects", name, r.err, len(r.objs))
		}
		return time.Since(start)
	}
	var seq, par time.Duration
	for b.Loop() {
		seq += run(1)
		par += run(DefaultThrottleLimit)
	}
	n := float64(b.N)
	b.ReportMetric(float64(seq.Milliseconds())/n, "sequential-ms/op")
	b.ReportMetric(float64(par.Milliseconds())/n, "parallel-ms/op")
	b.ReportMetric(float64(seq)/float64(par), "speedup")
	if par/time.Duration(b.N) > time.Second || seq < 10*par {
		b.Errorf("50 instances: parallel %v, sequential %v: want ≤ 1 s and ≥ 10×", par/time.Duration(b.N), seq/time.Duration(b.N))
	}
}

// BenchmarkTestPcResource50 measures Test-PcResource across 50 instances.
func BenchmarkTestPcResource50(b *testing.B) {
	benchBoth(b, "Test-PcResource", "BackupShare", `\\fs1\logs`)
}

// BenchmarkGetPcLogShippingStatus50 measures Get-PcLogShippingStatus
// across 50 instances.
func BenchmarkGetPcLogShippingStatus50(b *testing.B) { benchBoth(b, "Get-PcLogShippingStatus") }
