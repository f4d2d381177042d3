package tds

import (
	"testing"
)

// BenchmarkSelectOneRoundTrip measures SELECT 1 through go-mssqldb on one
// pooled TCP connection against the fake handler: the codec and
// connection cost alone. exec's BenchmarkSelectOneVsPlainTCP measures the
// lab's executor against a plain TCP round trip.
func BenchmarkSelectOneRoundTrip(b *testing.B) {
	db := openDB(b, newFake(), "encrypt=disable")
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(b.Context())
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	var n int
	b.ReportAllocs()
	for b.Loop() {
		if err := conn.QueryRowContext(b.Context(), "select 1").Scan(&n); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "roundtrips/s")
}
