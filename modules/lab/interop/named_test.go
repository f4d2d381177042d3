package interop

import (
	"bufio"
	"context"
	"database/sql"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/microsoft/go-mssqldb"

	"pcsh/modules/lab"
	"pcsh/modules/lab/labtest"
)

// namedAddr is the loopback address of the named instance: its SQL
// Server Browser takes the fixed UDP port 1434 there.
const namedAddr = "127.0.0.84"

// serveNamed runs `pcsh lab serve --name LAB01 --instance RTC` in this
// process on namedAddr (a dynamic TCP port, announced by the Browser)
// with the sa password labtest.Password, until the test ends.
func serveNamed(t *testing.T) {
	t.Helper()
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	o := lab.ServeOptions{Name: "LAB01", Instance: "RTC", Listen: namedAddr + ":0", Data: filepath.Join(t.TempDir(), "d"), Out: pw,
		Getenv: func(k string) string {
			if k == "PCSH_LAB_PASSWORD" {
				return labtest.Password
			}
			return ""
		}}
	go func() { done <- lab.Serve(ctx, o, make(chan os.Signal)); pw.Close() }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	line, err := bufio.NewReader(pr).ReadString('\n')
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	if err != nil || !strings.Contains(line, "ready") {
		t.Fatalf("no ready line (%q): %v", line, err)
	}
}

// namedQuery is what each client runs on the named instance.
const namedQuery = "select @@servername as s, @@servicename as n"

func TestNamedInstanceGoMssqldb(t *testing.T) {
	serveNamed(t)
	db, err := sql.Open("sqlserver", "sqlserver://sa:"+labtest.Password+"@"+namedAddr+"/rtc?encrypt=disable&dial+timeout=5")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var s, n string
	if err := db.QueryRow(namedQuery).Scan(&s, &n); err != nil || s != `LAB01\RTC` || n != "RTC" {
		t.Fatalf("got %q %q, %v", s, n, err)
	}
}

// TestNamedInstanceFreeTDS connects with tsql -S HOST\INSTANCE (FreeTDS
// asks the Browser with CLNT_UCAST_INST) and with a freetds.conf entry
// naming the instance.
func TestNamedInstanceFreeTDS(t *testing.T) {
	path, err := exec.LookPath("tsql")
	need(t, err == nil, "FreeTDS tsql (Debian package freetds-bin)")
	serveNamed(t)
	conf := filepath.Join(t.TempDir(), "freetds.conf")
	err = os.WriteFile(conf, []byte("[labrtc]\n\thost = "+namedAddr+"\n\tinstance = RTC\n\ttds version = 7.4\n"), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	for _, server := range []string{namedAddr + `\RTC`, "labrtc"} {
		cmd := exec.Command(path, "-S", server, "-U", "sa", "-P", labtest.Password)
		cmd.Env = append(os.Environ(), "TDSVER=7.4", "FREETDSCONF="+conf)
		cmd.Stdin = strings.NewReader(namedQuery + "\ngo\nexit\n")
		if out := run(t, cmd); !strings.Contains(out, "LAB01\\RTC\tRTC") {
			t.Fatalf("tsql -S %s printed:\n%s", server, out)
		}
	}
}

// TestNamedInstanceTedious connects with tedious's options.instanceName
// (tedious asks the Browser with CLNT_BCAST_EX).
func TestNamedInstanceTedious(t *testing.T) {
	node, err := exec.LookPath("node")
	need(t, err == nil, "node")
	_, err = os.Stat(filepath.Join("node_modules", "tedious"))
	need(t, err == nil, "tedious (run npm ci in modules/lab/interop)")
	serveNamed(t)
	cmd := exec.Command(node, "tedious_select1.js", namedAddr+`\RTC`, "true", namedQuery)
	cmd.Env = append(os.Environ(), "PCSH_LAB_PASSWORD="+labtest.Password)
	out := run(t, cmd)
	if strings.TrimSpace(out) != `{"rows":[["LAB01\\RTC","RTC"]]}` {
		t.Fatalf("tedious printed:\n%s", out)
	}
}
