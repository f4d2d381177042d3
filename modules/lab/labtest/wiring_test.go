package labtest_test

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"pcsh/modules/lab"
	"pcsh/modules/lab/labtest"
	"pcsh/modules/lab/sqlserver"
)

// wiringProbe are batches whose answers depend on how an instance is
// wired: database mirroring (CREATE/ALTER ENDPOINT, sys.endpoints), the
// server principals (CREATE LOGIN, GRANT CONNECT ON ENDPOINT,
// sys.server_principals), SQL Server Agent with the log shipping
// procedures (sp_add_job) and the backup confinement (BACKUP to a
// directory neither --data nor --backup-dir: 3201 with OS error 5). $OUT
// is such a directory. Before one wiring served both, a labtest instance
// answered the first five with 40517 and backed up anywhere.
var wiringProbe = []string{
	"CREATE ENDPOINT Mirroring STATE = STARTED AS TCP (LISTENER_PORT = 0) FOR DATABASE_MIRRORING (ROLE = PARTNER)",
	"ALTER ENDPOINT Mirroring STATE = STOPPED",
	"SELECT name, state_desc, type_desc FROM sys.endpoints WHERE name = N'Mirroring'",
	"CREATE LOGIN monitor WITH PASSWORD = 'S3cret!pass', CHECK_POLICY = OFF",
	"GRANT CONNECT ON ENDPOINT::Mirroring TO monitor",
	"SELECT name, type_desc FROM sys.server_principals WHERE name = N'monitor'",
	"SELECT p.permission_name, p.state_desc FROM sys.server_permissions p JOIN sys.server_principals s ON p.grantee_principal_id = s.principal_id WHERE s.name = N'monitor' AND p.class_desc = 'ENDPOINT'",
	"DECLARE @id uniqueidentifier; EXEC msdb.dbo.sp_add_job @job_name = N'probe', @job_id = @id OUTPUT; SELECT name FROM msdb.dbo.sysjobs WHERE job_id = @id",
	"CREATE DATABASE probe",
	"BACKUP DATABASE probe TO DISK = N'$OUT/probe.bak'",
}

// TestStartRunsTheWiringOfLabServe: a labtest instance answers every
// wiringProbe batch as an instance of `pcsh lab serve` (lab.Serve) does,
// and the answers are those of an instance with mirroring, principals,
// the Agent and confined backups; like lab serve it exports its generated
// TLS certificate to its data directory.
func TestStartRunsTheWiringOfLabServe(t *testing.T) {
	out := t.TempDir()
	inst := labtest.Start(t, "DC1-SQL1")
	got := probe(t, inst.Open(t, "master"), out)
	want := probe(t, served(t, "DC1-SQL1"), out)
	for i := range wiringProbe {
		if got[i] != want[i] {
			t.Errorf("%s\nlabtest:   %s\nlab serve: %s", wiringProbe[i], got[i], want[i])
		}
	}
	for i, w := range []string{"ok", "ok", "row Mirroring|STOPPED|DATABASE_MIRRORING", "ok", "ok",
		"row monitor|SQL_LOGIN", "row CONNECT|GRANT", "row probe", "ok", "error 3201"} {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("%s: %s, want %s", wiringProbe[i], got[i], w)
		}
	}
	if !strings.Contains(got[len(got)-1], "5(Access is denied.)") {
		t.Errorf("BACKUP outside the backup directories: %s", got[len(got)-1])
	}
	if _, err := os.Stat(sqlserver.CertificatePath(inst.Dir)); err != nil {
		t.Errorf("no exported certificate: %v", err)
	}
}

// probe runs each wiringProbe batch on one connection and renders its
// answer: "ok", its rows, or its first error's number and message.
func probe(t *testing.T, db *sql.DB, out string) []string {
	t.Helper()
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	answers := make([]string, len(wiringProbe))
	for i, q := range wiringProbe {
		answers[i] = answer(conn, strings.ReplaceAll(q, "$OUT", out))
	}
	return answers
}

// answer renders one batch's outcome.
func answer(conn *sql.Conn, q string) string {
	rows, err := conn.QueryContext(context.Background(), q)
	if err != nil {
		return renderError(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return renderError(err)
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = v.String
		}
		fmt.Fprintf(&b, "row %s;", strings.Join(parts, "|"))
	}
	if err := rows.Err(); err != nil {
		return renderError(err)
	}
	if b.Len() == 0 {
		return "ok"
	}
	return b.String()
}

func renderError(err error) string {
	var e mssql.Error
	if errors.As(err, &e) {
		if len(e.All) > 0 {
			e = e.All[0]
		}
		return fmt.Sprintf("error %d: %s", e.Number, e.Message)
	}
	return "client error: " + err.Error()
}

// served starts name with lab.Serve, as `pcsh lab serve --name NAME
// --listen 127.0.0.1:0 --data DIR` does, and returns a pool on it.
func served(t *testing.T, name string) *sql.DB {
	t.Helper()
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	o := lab.ServeOptions{Name: name, Listen: "127.0.0.1:0", Data: filepath.Join(t.TempDir(), "data"), Out: pw,
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
		t.Fatalf("%s: no ready line (%q): %v", name, line, err)
	}
	host := strings.TrimSuffix(strings.TrimPrefix(strings.Fields(line[strings.Index(line, "sqlserver://"):])[0], "sqlserver://sa@"), "?database=master")
	db, err := sql.Open("sqlserver", "sqlserver://sa:"+labtest.Password+"@"+host+"?database=master&encrypt=disable")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
