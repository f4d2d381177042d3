package logship

import (
	"database/sql"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"pcsh/modules/connection"
	"pcsh/modules/lab/labtest"
	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
)

// benchLabInstances is how many real lab instances the fan-out
// benchmarks start (issue 5: 50).
const benchLabInstances = 50

// benchLab is benchLabInstances in-process lab instances with a running
// SQL Server Agent and a log shipping primary database mgc each, and a
// session that resolves them by name through the connection module.
type benchLab struct {
	sess  *cmdlet.Session
	host  *cmdlettest.Host
	names []any
	share string
}

// newBenchLab starts the instances, each exchange delayed by latency (0:
// loopback), and configures them.
func newBenchLab(b *testing.B, latency time.Duration) *benchLab {
	b.Helper()
	dir := b.TempDir()
	l := &benchLab{host: &cmdlettest.Host{}, share: filepath.Join(dir, "share"), names: make([]any, benchLabInstances)}
	if err := os.MkdirAll(l.share, 0o755); err != nil {
		b.Fatal(err)
	}
	insts := make([]*labtest.Instance, benchLabInstances)
	var wg sync.WaitGroup
	for i := range insts {
		l.names[i] = fmt.Sprintf("bench-sql%02d", i+1)
		insts[i] = labtest.StartWith(b, fmt.Sprintf("BENCH-SQL%02d", i+1), labtest.Options{Agent: true, Latency: latency})
		wg.Add(1)
		go func() {
			defer wg.Done()
			configurePrimary(b, insts[i], l.share)
		}()
	}
	wg.Wait()
	l.session(b, dir, insts)
	return l
}

// configurePrimary creates mgc in FULL recovery and makes it a log
// shipping primary backing up to share.
func configurePrimary(b *testing.B, inst *labtest.Instance, share string) {
	db := inst.Open(b, "master")
	for _, q := range []string{"CREATE DATABASE [mgc]", "ALTER DATABASE [mgc] SET RECOVERY FULL"} {
		if _, err := db.Exec(q); err != nil {
			b.Error(q, err)
			return
		}
	}
	st := addPrimaryDatabase(Primary{Database: "mgc", BackupShare: share, BackupInterval: 15 * time.Minute,
		BackupThreshold: time.Hour, Retention: 72 * time.Hour, HistoryRetention: 96 * time.Hour, AlertEnabled: true})
	if _, err := db.Exec(st.SQL, sqlNamed(st.Args)...); err != nil {
		b.Error(st.SQL, err)
	}
}

// sqlNamed binds values to @p1….
func sqlNamed(v []any) []any {
	out := make([]any, len(v))
	for i, x := range v {
		out[i] = sql.Named("p"+strconv.Itoa(i+1), x)
	}
	return out
}

// session builds the session: the instances resolve by name through a
// connection.MapResolver to their loopback addresses, with the lab
// password; no credential file is read.
func (l *benchLab) session(b *testing.B, home string, insts []*labtest.Instance) {
	env := map[string]string{connection.LabPasswordEnv: labtest.Password, "HOME": home,
		connection.LabFileEnv: filepath.Join(home, "no-lab.json")}
	l.sess = cmdlettest.NewSession(l.host)
	l.sess.Now = time.Now
	l.sess.Getenv = func(k string) string { return env[k] }
	m := connection.For(l.sess)
	endpoints := connection.MapResolver{}
	for i, inst := range insts {
		host, port, _ := net.SplitHostPort(inst.Addr)
		p, _ := strconv.Atoi(port)
		endpoints[l.names[i].(string)] = connection.Endpoint{Host: host, Port: p, TrustServerCertificate: true, Lab: true}
	}
	m.AddResolver(endpoints)
	b.Cleanup(func() { m.Close() })
}

// timing is the wall-clock and process CPU time (user and system, the
// lab servers' included: they run in this process) of some runs.
type timing struct{ wall, cpu time.Duration }

// add sums two timings.
func (t timing) add(u timing) timing { return timing{t.wall + u.wall, t.cpu + u.cpu} }

// cpuTime is the process's CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// run calls name across every instance with -ThrottleLimit limit on
// fresh connections (the pools are cleared first, as a new pcsh process
// starts without any) and returns how long it took.
func (l *benchLab) run(b *testing.B, name string, limit int, extra ...any) timing {
	b.Helper()
	if err := connection.For(l.sess).Close(); err != nil {
		b.Fatal(err)
	}
	args := append([]any{"SqlInstance", l.names, "ThrottleLimit", int64(limit)}, extra...)
	start, cpu := time.Now(), cpuTime()
	r := invoke(b, l.sess, l.host, name, nil, args...)
	took := timing{time.Since(start), cpuTime() - cpu}
	if r.err != nil || len(r.errs) > 0 || len(r.objs) < benchLabInstances {
		b.Fatalf("%s -ThrottleLimit %d: %v, errors %v, %d objects", name, limit, r.err, r.errs, len(r.objs))
	}
	return took
}

// benchLabBoth times name across the lab instances one after another
// (-ThrottleLimit 1) and with the default throttle in the same run, on
// loopback and with a 1 ms round trip per exchange, and reports the
// times, their ratio and the cores' use (process CPU time over wall
// time: 2 is both cores busy). The issue 5 target is ≤ 1 s parallel and
// ≥ 10× the sequential time.
func benchLabBoth(b *testing.B, name string, extra func(*benchLab) []any) {
	for _, c := range []struct {
		name    string
		latency time.Duration
	}{{"loopback", 0}, {"rtt=1ms", time.Millisecond}} {
		b.Run(c.name, func(b *testing.B) {
			l := newBenchLab(b, c.latency)
			args := extra(l)
			var seq, par timing
			for b.Loop() {
				seq = seq.add(l.run(b, name, 1, args...))
				par = par.add(l.run(b, name, DefaultThrottleLimit, args...))
			}
			report(b, seq, par)
		})
	}
}

// report writes the per-op figures and logs a missed target.
func report(b *testing.B, seq, par timing) {
	n := time.Duration(b.N)
	b.ReportMetric(float64((seq.wall/n).Microseconds())/1000, "sequential-ms/op")
	b.ReportMetric(float64((par.wall/n).Microseconds())/1000, "parallel-ms/op")
	b.ReportMetric(float64(seq.wall)/float64(par.wall), "speedup")
	b.ReportMetric(float64(seq.cpu)/float64(seq.wall), "sequential-cores")
	b.ReportMetric(float64(par.cpu)/float64(par.wall), "parallel-cores")
	if par.wall/n > time.Second || seq.wall < 10*par.wall {
		b.Logf("%d lab instances: parallel %v, sequential %v: target ≤ 1 s and ≥ 10× not met", benchLabInstances, par.wall/n, seq.wall/n)
	}
}

// BenchmarkLabTestPcResource50 runs Test-PcResource, share probe
// included, across 50 real lab instances.
func BenchmarkLabTestPcResource50(b *testing.B) {
	benchLabBoth(b, "Test-PcResource", func(l *benchLab) []any { return []any{"BackupShare", l.share} })
}

// BenchmarkLabGetPcLogShippingStatus50 runs Get-PcLogShippingStatus
// across 50 real lab instances.
func BenchmarkLabGetPcLogShippingStatus50(b *testing.B) {
	benchLabBoth(b, "Get-PcLogShippingStatus", func(*benchLab) []any { return nil })
}
