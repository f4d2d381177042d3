// Package interop runs non-Go TDS clients (FreeTDS tsql, Node tedious)
// against the lab's TDS server.
package interop

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"pcsh/modules/lab/tds"
)

// canned answers "select 1" with one int and accepts everything else (the
// SET statements clients send after login) with a bare DONE.
type canned struct{}

func (canned) Login(ctx context.Context, info tds.LoginInfo) (tds.Session, error) {
	if info.UserName != "sa" || info.Password != "pw" {
		return nil, &tds.SQLError{Number: 18456, Class: 14, State: 1,
			Message: "Login failed for user '" + info.UserName + "'."}
	}
	return session{}, nil
}

type session struct{}

func (session) Reset() {}
func (session) Close() {}

func (session) Batch(ctx context.Context, sql string, w tds.ResultWriter) error {
	if !strings.Contains(strings.ToLower(sql), "select 1") {
		return w.Done(-1)
	}
	if err := w.Columns([]tds.Column{{Name: "one", Type: tds.TypeInt}}); err != nil {
		return err
	}
	if err := w.Row([]any{int64(1)}); err != nil {
		return err
	}
	return w.Done(1)
}

// RPC runs sp_executesql's statement (tedious's execSql) as a batch.
func (s session) RPC(ctx context.Context, proc string, params []tds.Param, w tds.ResultWriter) error {
	if len(params) > 0 && strings.EqualFold(proc, "sp_executesql") {
		stmt, _ := params[0].Value.(string)
		return s.Batch(ctx, stmt, w)
	}
	return s.Batch(ctx, proc, w)
}

// serve starts the lab server on 127.0.0.1:0 and returns its port.
func serve(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := tds.NewServer(tds.Config{ServerName: "LAB01", LoginTimeout: 5 * time.Second, Logf: t.Logf}, canned{})
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return l.Addr().(*net.TCPAddr).Port
}

// need skips when a client is missing, unless CI is set: then it fails.
func need(t *testing.T, ok bool, what string) {
	t.Helper()
	if ok {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is missing (see the install commands in README.md)", what)
	}
	t.Skipf("%s is missing", what)
}

// run executes a client and returns its standard output. The time limit
// only turns a hang into a failure.
func run(t *testing.T, cmd *exec.Cmd) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	c := exec.CommandContext(ctx, cmd.Path, cmd.Args[1:]...)
	var stderr strings.Builder
	c.Dir, c.Env, c.Stdin, c.Stderr = cmd.Dir, cmd.Env, cmd.Stdin, &stderr
	out, err := c.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s%s", strings.Join(cmd.Args, " "), err, out, stderr.String())
	}
	return string(out)
}

func TestFreeTDSTsql(t *testing.T) {
	path, err := exec.LookPath("tsql")
	need(t, err == nil, "FreeTDS tsql (Debian package freetds-bin)")
	port := serve(t)
	cmd := exec.Command(path, "-H", "127.0.0.1", "-p", strconv.Itoa(port), "-U", "sa", "-P", "pw")
	cmd.Env = append(os.Environ(), "TDSVER=7.4")
	cmd.Stdin = strings.NewReader("select 1\ngo\nexit\n")
	out := run(t, cmd)
	if !strings.Contains(out, "one") || !strings.Contains(out, "(1 row affected)") {
		t.Fatalf("tsql output lacks the result:\n%s", out)
	}
}

func TestNodeTedious(t *testing.T) {
	node, err := exec.LookPath("node")
	need(t, err == nil, "node")
	_, err = os.Stat(filepath.Join("node_modules", "tedious"))
	need(t, err == nil, "tedious (run npm ci in modules/lab/interop)")
	port := serve(t)
	for _, encrypt := range []string{"true", "false"} {
		out := run(t, exec.Command(node, "tedious_select1.js", strconv.Itoa(port), encrypt))
		if strings.TrimSpace(out) != `{"rows":[[1]]}` {
			t.Fatalf("tedious (encrypt=%s) printed:\n%s", encrypt, out)
		}
	}
}
