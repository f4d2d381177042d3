package exec

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// benchWindow is how long each side of BenchmarkInsertAcked1vs16 inserts.
const benchWindow = 2 * time.Second

// BenchmarkInsertAcked1vs16 measures acknowledged single-row autocommit
// inserts through go-mssqldb with one client and with 16 concurrent
// clients; group commit should make 16 clients at least 5× faster.
func BenchmarkInsertAcked1vs16(b *testing.B) {
	l := startLab(b)
	db := l.open(b, "master")
	db.SetMaxOpenConns(32)
	db.SetMaxIdleConns(32)
	mustExec(b, db, "CREATE DATABASE bench")
	mustExec(b, db, "CREATE TABLE bench.dbo.msg (id int IDENTITY(1,1) PRIMARY KEY, body nvarchar(100) NOT NULL)")
	var one, sixteen float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		one = insertRate(b, db, 1)
		sixteen = insertRate(b, db, 16)
	}
	b.ReportMetric(one, "inserts/s@1")
	b.ReportMetric(sixteen, "inserts/s@16")
	b.ReportMetric(sixteen/one, "ratio16/1")
}

// insertRate runs clients goroutines inserting for benchWindow and
// returns the acknowledged inserts per second.
func insertRate(b *testing.B, db *sql.DB, clients int) float64 {
	ctx, cancel := context.WithTimeout(context.Background(), benchWindow)
	defer cancel()
	var n atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := db.Conn(context.Background())
			if err != nil {
				b.Error(err)
				return
			}
			defer conn.Close()
			for ctx.Err() == nil {
				if _, err := conn.ExecContext(context.Background(), "INSERT INTO bench.dbo.msg (body) VALUES (@p1)", "hello"); err != nil {
					b.Error(err)
					return
				}
				n.Add(1)
			}
		}()
	}
	wg.Wait()
	return float64(n.Load()) / time.Since(start).Seconds()
}
