package mirror

import (
	"context"
	"testing"
	"time"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqldb"
)

// BenchmarkSafetyFullCommit measures a SAFETY FULL commit (the mirror
// hardens the log before COMMIT returns) against an unmirrored commit on
// the same instance in the same run; the target is ≤ 3×
// (x-unmirrored).
func BenchmarkSafetyFullCommit(b *testing.B) {
	p, m := newNode(b, "P", nil), newNode(b, "M", nil)
	prepare(b, p, m, "mgc", 1)
	pair(b, p, m, "mgc")
	must(b, p.inst.CreateDatabase("plain"))
	must(b, p.inst.SetRecoveryModel("plain", sqldb.RecoveryFull))
	must(b, p.s.CreateTable(context.Background(), "plain", chatTable()))
	start := time.Now()
	for range b.N {
		must(b, p.insert("plain", "x"))
	}
	plain := time.Since(start)
	b.ResetTimer()
	for range b.N {
		must(b, p.insert("mgc", "x"))
	}
	b.StopTimer()
	b.ReportMetric(float64(plain.Nanoseconds())/float64(b.N), "unmirrored-ns/op")
	b.ReportMetric(float64(b.Elapsed())/float64(plain), "x-unmirrored")
}

// BenchmarkAutomaticFailover measures the time from killing the principal
// (its instance and connections gone) to the mirror serving as principal,
// with a witness and TIMEOUT 5; the target is ≤ TIMEOUT + 1 s.
func BenchmarkAutomaticFailover(b *testing.B) {
	var total time.Duration
	for range b.N {
		b.StopTimer()
		p, m, w := newNode(b, "P", nil), newNode(b, "M", nil), newNode(b, "W", nil)
		prepareWitness(b, p, m, w, "mgc")
		b.StartTimer()
		start := time.Now()
		p.kill()
		waitRole(b, m, "mgc", engine.MirrorRolePrincipal, 6*time.Second)
		total += time.Since(start)
		b.StopTimer()
		m.kill()
		w.kill()
	}
	b.ReportMetric(total.Seconds()/float64(b.N), "s/failover")
	b.ReportMetric(5, "timeout-s")
}
