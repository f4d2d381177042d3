package tds

import (
	"io"
	"net"
	"testing"
)

// BenchmarkSelectOneRoundTrip measures SELECT 1 through go-mssqldb on one
// pooled TCP connection.
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

// selectOneSizes are the request and reply sizes of SELECT 1 on the wire.
const (
	selectOneRequest = 8 + 22 + 16 // header, ALL_HEADERS, "select 1" in UCS-2
	selectOneReply   = 8 + 12 + 6 + 13
)

// BenchmarkPlainTCPRoundTrip sends requests and replies of the same sizes
// over plain loopback TCP: the floor for BenchmarkSelectOneRoundTrip.
func BenchmarkPlainTCPRoundTrip(b *testing.B) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	go echoServer(l)
	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	req, reply := make([]byte, selectOneRequest), make([]byte, selectOneReply)
	for b.Loop() {
		if _, err := c.Write(req); err != nil {
			b.Fatal(err)
		}
		if _, err := io.ReadFull(c, reply); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "roundtrips/s")
}

func echoServer(l net.Listener) {
	c, err := l.Accept()
	if err != nil {
		return
	}
	defer c.Close()
	req, reply := make([]byte, selectOneRequest), make([]byte, selectOneReply)
	for {
		if _, err := io.ReadFull(c, req); err != nil {
			return
		}
		if _, err := c.Write(reply); err != nil {
			return
		}
	}
}
