package lab

import (
	"bufio"
	"context"
	"database/sql"
	"net"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/microsoft/go-mssqldb"

	"pcsh/modules/connection"
	labexec "pcsh/modules/lab/exec"
	"pcsh/runtime/cli"
)

// childEnv makes the test binary act as pcsh (the re-exec pattern).
const childEnv = "PCSH_LAB_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		os.Exit(cli.Main(context.Background(), os.Args[1:], cli.OSStdio()))
	}
	os.Exit(m.Run())
}

// listenHost is 127.0.0.2 where the loopback range is usable, else
// 127.0.0.1.
func listenHost() string {
	l, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		return "127.0.0.1"
	}
	l.Close()
	return "127.0.0.2"
}

func TestServeReadyQueryAndSIGTERM(t *testing.T) {
	const password = "Cli-Test-Pw-9"
	cmd := exec.Command(os.Args[0], "lab", "serve", "--name", "dc1-sql1", "--listen", listenHost()+":0", "--data", t.TempDir())
	cmd.Env = append(os.Environ(), childEnv+"=1", "PCSH_LAB_PASSWORD="+password)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := bufio.NewScanner(out)
	ready := readyLine(t, lines)
	if strings.Contains(ready, password) || !strings.Contains(ready, "lab instance dc1-sql1 ready: sqlserver://sa@") {
		t.Fatalf("ready line %q", ready)
	}
	u, err := url.Parse(ready[strings.Index(ready, "sqlserver://"):])
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword("sa", password)
	q := u.Query()
	q.Set("encrypt", "disable")
	u.RawQuery = q.Encode()
	db, err := sql.Open("sqlserver", u.String())
	if err != nil {
		t.Fatal(err)
	}
	var name string
	if err := db.QueryRow("SELECT @@SERVERNAME").Scan(&name); err != nil || name != "dc1-sql1" {
		t.Fatalf("query: %v %q", err, name)
	}
	db.Close()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	waitExit(t, cmd, lines)
}

// readyLine reads output lines until the ready line.
func readyLine(t *testing.T, lines *bufio.Scanner) string {
	t.Helper()
	found := make(chan string, 1)
	go func() {
		for lines.Scan() {
			if l := lines.Text(); strings.Contains(l, "ready") {
				found <- l
				return
			}
		}
		close(found)
	}()
	select {
	case l, ok := <-found:
		if !ok {
			t.Fatal("pcsh lab serve ended without a ready line")
		}
		return l
	case <-time.After(20 * time.Second):
		t.Fatal("no ready line after 20 s")
	}
	return ""
}

// waitExit waits for a clean exit after SIGTERM with the stopped line.
func waitExit(t *testing.T, cmd *exec.Cmd, lines *bufio.Scanner) {
	t.Helper()
	rest := make(chan string, 1)
	go func() {
		var b strings.Builder
		for lines.Scan() {
			b.WriteString(lines.Text() + "\n")
		}
		rest <- b.String()
	}()
	// Read the output to EOF before Wait, which closes the pipe.
	var r string
	select {
	case r = <-rest:
	case <-time.After(20 * time.Second):
		t.Fatal("pcsh lab serve did not exit within 20 s of SIGTERM")
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit after SIGTERM: %v", err)
	}
	if !strings.Contains(r, "stopped") {
		t.Fatalf("no stopped line: %q", r)
	}
}

func TestServeRefusesABusyAddress(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	err = Serve(context.Background(), ServeOptions{Name: "x", Listen: l.Addr().String(), Data: t.TempDir()}, nil)
	if err == nil || !strings.Contains(err.Error(), "address already in use") {
		t.Fatalf("got %v", err)
	}
}

// TestDefaultPasswordsAgree keeps the connection module's idea of the lab's
// default sa password equal to the lab's own.
func TestDefaultPasswordsAgree(t *testing.T) {
	if connection.LabDefaultPassword != labexec.DefaultPassword {
		t.Fatalf("connection.LabDefaultPassword %q != exec.DefaultPassword %q", connection.LabDefaultPassword, labexec.DefaultPassword)
	}
}
