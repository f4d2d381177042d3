package lab

import (
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestServeMemoryBoundedBeforeLogin: twelve connections to one `pcsh lab
// serve` process, each streaming 24 MiB of PRELOGIN packets that never
// carry the end-of-message flag, do not grow the server past 120 MB
// resident (it used to keep every byte: 19 MB to 1.6 GB); each is closed
// by the server, which logs why. Loopback only, bounded in connections
// and in time.
func TestServeMemoryBoundedBeforeLogin(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("needs /proc/PID/status")
	}
	const (
		conns    = 12
		perConn  = 24 << 20
		maxBytes = 120 << 20
	)
	cmd, stderr, addr := startServeStderr(t, "--name", "mem", "--listen", "127.0.0.1:0", "--data", filepath.Join(t.TempDir(), "mem"))
	deadline := time.Now().Add(60 * time.Second)
	var wg sync.WaitGroup
	closed := make([]bool, conns)
	for i := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			closed[i] = streamPrelogin(addr, perConn, deadline)
		}()
	}
	wg.Wait()
	rss, hwm := residentBytes(t, cmd.Process.Pid)
	t.Logf("server resident %d MB, peak %d MB after %d connections of %d MiB of PRELOGIN", rss>>20, hwm>>20, conns, perConn>>20)
	if hwm > maxBytes || rss > maxBytes {
		t.Fatalf("server resident memory %d MB (peak %d MB), want under %d MB", rss>>20, hwm>>20, maxBytes>>20)
	}
	for i, ok := range closed {
		if !ok {
			t.Fatalf("connection %d was not closed by the server", i)
		}
	}
	for end := time.Now().Add(5 * time.Second); !strings.Contains(stderr.String(), "larger than the server accepts"); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("the server logged no closed connection:\n%s", stderr.String())
		}
	}
}

// startServeStderr runs pcsh lab serve with args, capturing its stderr,
// and returns the process, the stderr buffer and the TDS address of the
// ready line.
func startServeStderr(t *testing.T, args ...string) (*exec.Cmd, *syncBuffer, string) {
	t.Helper()
	stderr := &syncBuffer{}
	cmd, lines, ready := startServeTo(t, stderr, "Memory-Test-Pw-1", args...)
	go func() {
		for lines.Scan() {
		}
	}()
	rest := ready[strings.Index(ready, "sqlserver://sa@")+len("sqlserver://sa@"):]
	return cmd, stderr, rest[:strings.IndexByte(rest, '?')]
}

// streamPrelogin writes up to total bytes of 32 KB PRELOGIN packets
// without the end-of-message flag to addr, and reports whether the server
// closed the connection (a write failed, or a read ends) before deadline.
func streamPrelogin(addr string, total int, deadline time.Time) bool {
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return false
	}
	defer c.Close()
	_ = c.SetDeadline(deadline)
	packet := make([]byte, 32<<10)
	packet[0], packet[1] = 0x12, 0x00 // PRELOGIN, no EOM
	binary.BigEndian.PutUint16(packet[2:4], uint16(len(packet)-1))
	packet = packet[:len(packet)-1]
	for sent := 0; sent < total; sent += len(packet) {
		if _, err := c.Write(packet); err != nil {
			return true
		}
	}
	_, err = io.Copy(io.Discard, c)
	return err == nil || !isTimeout(err)
}

// isTimeout reports a deadline error.
func isTimeout(err error) bool {
	ne, ok := err.(net.Error)
	return ok && ne.Timeout()
}

// residentBytes reads VmRSS and VmHWM (the peak) of process pid.
func residentBytes(t *testing.T, pid int) (rss, hwm int64) {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) != 3 || f[2] != "kB" {
			continue
		}
		n, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			rss = n << 10
		case "VmHWM:":
			hwm = n << 10
		}
	}
	if rss == 0 {
		t.Fatalf("no VmRSS in /proc/%d/status", pid)
	}
	return rss, hwm
}
