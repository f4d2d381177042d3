package exec

import (
	"context"
	"io"
	"net"
	"testing"
	"time"
)

// selectOneSizes are the request and reply sizes of SELECT 1 on the wire.
const (
	selectOneRequest = 8 + 22 + 16 // header, ALL_HEADERS, "select 1" in UCS-2
	selectOneReply   = 8 + 12 + 6 + 13
)

// BenchmarkSelectOneVsPlainTCP measures, in one run, SELECT 1 round trips
// through go-mssqldb against the lab (TDS, parser, executor) on one
// connection, and request/reply round trips of the same sizes over plain
// loopback TCP. Issue 3's targets: at least 10,000 SELECT 1 per second,
// and no more than 4 times the plain round trip.
func BenchmarkSelectOneVsPlainTCP(b *testing.B) {
	l := startLab(b)
	conn, err := l.open(b, "master").Conn(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	echo := startEcho(b)
	var lab, plain time.Duration
	for b.Loop() {
		lab += timedRounds(b, func() error {
			var n int
			return conn.QueryRowContext(context.Background(), "select 1").Scan(&n)
		})
		plain += timedRounds(b, echo.roundTrip)
	}
	rate := float64(b.N*benchRounds) / lab.Seconds()
	b.ReportMetric(rate, "select1/s")
	b.ReportMetric(float64(b.N*benchRounds)/plain.Seconds(), "tcp/s")
	b.ReportMetric(lab.Seconds()/plain.Seconds(), "lab/tcp")
	if rate < 10000 || lab > 4*plain {
		b.Errorf("target not met: ≥ 10,000 SELECT 1/s and ≤ 4× a plain round trip")
	}
}

// benchRounds is how many round trips each side of a comparison makes per
// benchmark iteration.
const benchRounds = 2000

// timedRounds runs f benchRounds times and returns how long it took.
func timedRounds(b *testing.B, f func() error) time.Duration {
	start := time.Now()
	for range benchRounds {
		if err := f(); err != nil {
			b.Fatal(err)
		}
	}
	return time.Since(start)
}

// echo is a loopback TCP server answering each SELECT 1-sized request
// with a SELECT 1-sized reply.
type echo struct {
	c          net.Conn
	req, reply []byte
}

// startEcho starts the server and connects to it.
func startEcho(b *testing.B) *echo {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ln.Close() })
	go serveEcho(ln)
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { c.Close() })
	return &echo{c: c, req: make([]byte, selectOneRequest), reply: make([]byte, selectOneReply)}
}

// roundTrip sends one request and reads its reply.
func (e *echo) roundTrip() error {
	if _, err := e.c.Write(e.req); err != nil {
		return err
	}
	_, err := io.ReadFull(e.c, e.reply)
	return err
}

// serveEcho answers the first connection of ln.
func serveEcho(ln net.Listener) {
	c, err := ln.Accept()
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
