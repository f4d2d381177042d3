// Package interop runs non-Go TDS clients (FreeTDS tsql, Node tedious)
// against a lab instance: the TDS server over the real executor and
// engine.
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

	"pcsh/modules/lab/labtest"
)

// serve starts a lab instance, the one `pcsh lab serve` runs (labtest),
// on 127.0.0.1:0 with the sa password labtest.Password, and returns its
// port.
func serve(t *testing.T) int {
	t.Helper()
	_, port, err := net.SplitHostPort(labtest.Start(t, "LAB01").Addr)
	if err != nil {
		t.Fatal(err)
	}
	n, err := strconv.Atoi(port)
	if err != nil {
		t.Fatal(err)
	}
	return n
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
	cmd := exec.Command(path, "-H", "127.0.0.1", "-p", strconv.Itoa(port), "-U", "sa", "-P", labtest.Password)
	cmd.Env = append(os.Environ(), "TDSVER=7.4")
	cmd.Stdin = strings.NewReader("create table t (id int primary key, name nvarchar(20))\ngo\n" +
		"insert into t values (1, N'lab')\ngo\nselect 1 as one, name from t\ngo\nexit\n")
	out := run(t, cmd)
	if !strings.Contains(out, "one") || !strings.Contains(out, "lab") || !strings.Contains(out, "(1 row affected)") {
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
		cmd := exec.Command(node, "tedious_select1.js", strconv.Itoa(port), encrypt)
		cmd.Env = append(os.Environ(), "PCSH_LAB_PASSWORD="+labtest.Password)
		out := run(t, cmd)
		if strings.TrimSpace(out) != `{"rows":[[1]]}` {
			t.Fatalf("tedious (encrypt=%s) printed:\n%s", encrypt, out)
		}
	}
}
