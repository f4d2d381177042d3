package lab

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestKillPrincipalDuringAcknowledgedInserts: three `pcsh lab serve`
// processes mirror mgc with a witness (SAFETY FULL, TIMEOUT 10). A client
// inserts through go-mssqldb; the principal's process is killed with
// SIGKILL in the middle of the stream. The mirror must become the
// principal within TIMEOUT plus a margin, and every insert the principal
// acknowledged must be there. Sources: ALTER DATABASE Database Mirroring
// ("When safety is set to FULL and a witness is set for the session, the
// session runs in high-safety mode with automatic failover"; TIMEOUT
// "by default, the time period is 10 seconds"); Database Mirroring
// Operating Modes (high-safety: a transaction is committed on the
// principal only after the mirror hardened its log).
func TestKillPrincipalDuringAcknowledgedInserts(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL")
	}
	if testing.Short() {
		t.Skip("starts three lab processes")
	}
	p, pcmd := serveProcess(t, "DC1-SQL1")
	m, _ := serveProcess(t, "DC1-SQL2")
	w, _ := serveProcess(t, "DC1-WITNESS")
	mirrorDatabase(t, p, m, w, "mgc")
	const timeout = 10 * time.Second // the session's TIMEOUT (the default)

	db := p.open(t, "mgc", nil)
	var (
		mu    sync.Mutex
		acked []string
		done  = make(chan struct{})
	)
	go func() {
		defer close(done)
		for i := 0; ; i++ {
			msg := fmt.Sprintf("w-%d", i)
			ctx, cancel := context.WithTimeout(context.Background(), 2*timeout)
			_, err := db.ExecContext(ctx, "INSERT INTO dbo.chat (msg) VALUES (@p1)", msg)
			cancel()
			if err != nil {
				return
			}
			mu.Lock()
			acked = append(acked, msg)
			mu.Unlock()
		}
	}()
	waitUntil(t, 30*time.Second, "200 acknowledged inserts", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(acked) >= 200
	})
	killed := time.Now()
	if err := pcmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = pcmd.Wait()
	waitUntil(t, timeout+5*time.Second, "DC1-SQL2 to become the principal", func() bool {
		role, _ := m.session("mgc")
		return role == "PRINCIPAL"
	})
	took := time.Since(killed)
	t.Logf("the mirror became the principal %v after SIGKILL", took.Round(time.Millisecond))
	if took > timeout+2*time.Second {
		t.Errorf("automatic failover took %v, want at most TIMEOUT (%v) + 2 s", took, timeout)
	}
	select {
	case <-done:
	case <-time.After(3 * timeout):
		t.Fatal("the writer did not stop after the principal was killed")
	}

	have := map[string]bool{}
	rows, err := m.open(t, "mgc", nil).Query("SELECT msg FROM dbo.chat")
	if err != nil {
		t.Fatalf("reading mgc on the new principal: %v", err)
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		have[s] = true
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var lost []string
	for _, msg := range acked {
		if !have[msg] {
			lost = append(lost, msg)
		}
	}
	t.Logf("%d inserts acknowledged before the kill, %d rows on the new principal", len(acked), len(have))
	if len(lost) > 0 {
		t.Fatalf("%d acknowledged inserts lost, first %s", len(lost), lost[0])
	}
}

// serveProcess starts `pcsh lab serve` (this test binary re-executed as
// pcsh) for an instance named name on 127.0.0.1 and returns it once it
// printed its ready line; the process is killed at test end.
func serveProcess(t *testing.T, name string) (*served, *exec.Cmd) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "lab", "serve", "--name", name, "--listen", "127.0.0.1:0",
		"--data", filepath.Join(t.TempDir(), name), "--backup-dir", backupRoot(t))
	cmd.Env = append(os.Environ(), childEnv+"=1", "PCSH_LAB_PASSWORD="+mirrorPassword)
	var stderr syncBuffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("%s stderr:\n%s", name, stderr.String())
		}
	})
	lines := bufio.NewScanner(out)
	ready := readyLine(t, lines)
	go func() {
		for lines.Scan() {
		}
	}()
	if !strings.Contains(ready, name) {
		t.Fatalf("ready line %q", ready)
	}
	return newServed(t, name, ready), cmd
}

// syncBuffer is a bytes.Buffer safe for the process's writes and the
// test's read.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
