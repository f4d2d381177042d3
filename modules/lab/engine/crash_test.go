package engine

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The crash tests re-execute the test binary as a child that writes to an
// instance and reports what was acknowledged on stdout; the parent kills
// it with SIGKILL and checks the data directory after reopening.

const crashEnv = "PCSH_ENGINE_CRASH_CHILD"

// TestCrashChild is the child's entry point; it does nothing unless the
// parent set crashEnv to "<mode>:<dir>".
func TestCrashChild(t *testing.T) {
	spec := os.Getenv(crashEnv)
	if spec == "" {
		t.Skip("crash child only")
	}
	mode, dir, _ := strings.Cut(spec, ":")
	i, err := Open(Options{Name: "CRASH", Dir: dir})
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(2)
	}
	s, _ := i.Connect(LoginRequest{Login: "sa"})
	_ = i.CreateDatabase("mgc")
	_ = s.CreateTable(context.Background(), "mgc", chatDef())
	fmt.Println("READY")
	if mode == "insert" {
		childInserts(i)
	}
	childBackups(i, s, dir)
}

// childInserts runs four writers forever, printing "ACK <msg>" after each
// acknowledged commit.
func childInserts(i *Instance) {
	out := bufio.NewWriter(os.Stdout)
	var mu sync.Mutex
	for w := range 4 {
		go func() {
			s, _ := i.Connect(LoginRequest{Login: "sa"})
			for n := 0; ; n++ {
				msg := fmt.Sprintf("w%d-%d", w, n)
				if _, err := s.Insert(context.Background(), "mgc", "chat", []string{"msg"}, []Row{{msg}}); err != nil {
					continue
				}
				mu.Lock()
				fmt.Fprintln(out, "ACK", msg)
				out.Flush()
				mu.Unlock()
			}
		}()
	}
	select {}
}

// childBackups backs up the database to the same file forever.
func childBackups(i *Instance, s *Session, dir string) {
	ctx := context.Background()
	for n := 0; ; n++ {
		insertRaw(s, strconv.Itoa(n))
		if err := i.BackupDatabase(ctx, s, "mgc", dir+"/../crash.bak", BackupOptions{Init: n%2 == 0}); err == nil {
			fmt.Println("ACK backup", n)
		}
	}
}

func insertRaw(s *Session, msg string) {
	_, _ = s.Insert(context.Background(), "mgc", "chat", []string{"msg"}, []Row{{msg}})
}

// runCrashChild starts the child, waits for want acknowledgements and
// kills it; it returns the acknowledged lines.
func runCrashChild(t *testing.T, mode, dir string, want int) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+mode+":"+dir)
	stdout, err := cmd.StdoutPipe()
	must(t, err)
	must(t, cmd.Start())
	var acks []string
	sc := bufio.NewScanner(stdout)
	deadline := time.Now().Add(20 * time.Second)
	for len(acks) < want && time.Now().Before(deadline) && sc.Scan() {
		if line, ok := strings.CutPrefix(sc.Text(), "ACK "); ok {
			acks = append(acks, line)
		}
	}
	must(t, cmd.Process.Signal(syscall.SIGKILL))
	for sc.Scan() { // acknowledgements printed before the kill landed
		if line, ok := strings.CutPrefix(sc.Text(), "ACK "); ok {
			acks = append(acks, line)
		}
	}
	_ = cmd.Wait()
	if len(acks) == 0 {
		t.Fatal("child acknowledged nothing")
	}
	return acks
}

func TestCrashKillDuringInserts(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a child process")
	}
	dir := t.TempDir()
	acks := runCrashChild(t, "insert", dir, 300)
	t.Logf("%d commits acknowledged before SIGKILL", len(acks))
	i := openTest(t, dir)
	defer i.Close()
	have := map[string]bool{}
	for _, r := range rows(t, connect(t, i, "master"), "mgc", "chat") {
		have[r[1].(string)] = true
	}
	for _, a := range acks {
		if !have[a] {
			t.Fatalf("acknowledged row %q lost after SIGKILL (%d acked, %d present)", a, len(acks), len(have))
		}
	}
}

func TestCrashKillDuringBackup(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a child process")
	}
	root := t.TempDir()
	dir := root + "/data"
	runCrashChild(t, "backup", dir, 5)
	i := openTest(t, dir)
	defer i.Close()
	path := root + "/crash.bak"
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("backup file missing after acknowledged backups: %v", err)
	}
	if _, err := i.RestoreVerifyOnly(path, RestoreOptions{}); err != nil {
		t.Fatalf("backup file not valid after SIGKILL: %v", err)
	}
	rel, err := i.RestoreHeaderOnly(path)
	must(t, err)
	for n := 1; n <= Len(rel); n++ {
		if _, err := i.RestoreVerifyOnly(path, RestoreOptions{File: n}); err != nil {
			t.Fatalf("set %d invalid: %v", n, err)
		}
	}
}
