package tds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// logLines collects a server's Logf lines.
type logLines struct {
	mu    sync.Mutex
	lines []string
}

func (l *logLines) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

// has reports whether a logged line contains s.
func (l *logLines) has(s string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, line := range l.lines {
		if strings.Contains(line, s) {
			return true
		}
	}
	return false
}

// waitLogged waits up to 5 s for a logged line containing s.
func (l *logLines) waitLogged(t *testing.T, s string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !l.has(s); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no log line containing %q in %q", s, l.lines)
		}
	}
}

// streamWithoutEOM writes packets of typ, none with EOM, until the
// server stops reading or limit bytes were written, and returns how many
// bytes the server took. net.Pipe writes return only once read.
func streamWithoutEOM(client net.Conn, typ byte, limit int) int {
	packet := appendPackets(nil, typ, make([]byte, 4096-headerSize), 4096, false)
	n := 0
	for n < limit {
		if _, err := client.Write(packet); err != nil {
			break
		}
		n += len(packet)
	}
	return n
}

// TestLoginMessagesAreBounded: a PRELOGIN or LOGIN7 that never ends is
// cut off after maxLoginMessageSize bytes, not read until the 64 MiB a
// logged-in request may take, and the server logs why it closed.
func TestLoginMessagesAreBounded(t *testing.T) {
	prelogin := appendPackets(nil, packetPrelogin, encodePrelogin(0, encryptNotSup, 0), minPacketSize, true)
	for name, tc := range map[string]struct {
		before []byte
		typ    byte
	}{
		"prelogin": {nil, packetPrelogin},
		"login7":   {prelogin, packetLogin7},
	} {
		t.Run(name, func(t *testing.T) {
			var log logLines
			srv := NewServer(Config{Logf: log.logf}, newFake())
			defer srv.Close()
			client, server := net.Pipe()
			defer client.Close()
			go srv.ServeConn(context.Background(), server)
			client.SetDeadline(time.Now().Add(10 * time.Second))
			if tc.before != nil {
				go io.Copy(io.Discard, client)
				if _, err := client.Write(tc.before); err != nil {
					t.Fatal(err)
				}
			}
			const offered = 4 << 20
			if took := streamWithoutEOM(client, tc.typ, offered); took > maxLoginMessageSize+4096 {
				t.Fatalf("the server read %d bytes of an unfinished %s message (limit %d)", took, name, maxLoginMessageSize)
			}
			log.waitLogged(t, "larger than the server accepts")
		})
	}
}

// TestUnauthenticatedConnectionsAreCapped: with MaxUnauthenticated
// connections waiting before login, one more is closed at once and
// logged; once one of them leaves, a new connection is served again.
func TestUnauthenticatedConnectionsAreCapped(t *testing.T) {
	var log logLines
	srv := NewServer(Config{MaxUnauthenticated: 2, Logf: log.logf}, newFake())
	defer srv.Close()
	serve := func() (net.Conn, chan error) {
		client, server := net.Pipe()
		done := make(chan error, 1)
		go func() { done <- srv.ServeConn(context.Background(), server) }()
		return client, done
	}
	first, firstDone := serve()
	second, _ := serve()
	defer second.Close()
	// Let both be counted before the third arrives.
	waitCount(t, srv, 2)
	third, thirdDone := serve()
	defer third.Close()
	select {
	case err := <-thirdDone:
		if !errors.Is(err, errTooManyUnauthenticated) {
			t.Fatalf("third connection: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a third unauthenticated connection was served past the cap of 2")
	}
	log.waitLogged(t, "2 connections have not logged in yet")
	first.Close()
	<-firstDone
	fourth, fourthDone := serve()
	defer fourth.Close()
	select {
	case err := <-fourthDone:
		t.Fatalf("a connection after one left was refused: %v", err)
	case <-time.After(200 * time.Millisecond):
	}
}

// waitCount waits until n connections are counted as not logged in.
func waitCount(t *testing.T, srv *Server, n int32) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); srv.unauthenticated.Load() != n; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d connections counted, want %d", srv.unauthenticated.Load(), n)
		}
	}
}

// TestLoginTimeoutClosesAndLogs: a connection that sends a PRELOGIN and
// then nothing is closed after the login timeout, and the log says so.
func TestLoginTimeoutClosesAndLogs(t *testing.T) {
	var log logLines
	srv := NewServer(Config{LoginTimeout: 200 * time.Millisecond, Logf: log.logf}, newFake())
	defer srv.Close()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := c.Write(appendPackets(nil, packetPrelogin, encodePrelogin(0, encryptNotSup, 0), minPacketSize, true)); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := io.Copy(io.Discard, c); err != nil {
		t.Fatalf("the connection was not closed: %v", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Fatalf("closed after %v", took)
	}
	log.waitLogged(t, "no login within 200ms")
	if n := srv.unauthenticated.Load(); n != 0 {
		t.Fatalf("%d connections still counted as not logged in", n)
	}
}
