package connection

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"pcsh/modules/connection/labpassword"
	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/exec"
	"pcsh/modules/lab/tds"
	"pcsh/runtime/cmdlet"
)

// execFixture serves a real lab instance (engine and executor) at
// 127.0.0.2:1433 behind the fake dialer, named dc1-sql1 in a lab.json.
func execFixture(t *testing.T) *fixture {
	f := newFixture(t)
	inst, err := engine.Open(engine.Options{Name: "DC1-SQL1", Dir: t.TempDir(), Logins: map[string]string{"sa": labPW}})
	if err != nil {
		t.Fatal(err)
	}
	h := exec.New(inst, exec.Config{Password: labPW})
	srv := tds.NewServer(tds.Config{ServerName: inst.Name(), Version: h.TDSVersion()}, h)
	t.Cleanup(func() {
		srv.Close()
		inst.Close()
	})
	f.dialer.servers = map[string]*tds.Server{"127.0.0.2:1433": srv}
	f.env[LabFileEnv] = "/lab/lab.json"
	f.fs.put("/lab/lab.json", `{"instances": [{"name": "dc1-sql1", "role": "primary", "host": "dc1-sql1.lab.local", "address": "127.0.0.2", "port": 1433}]}`, 0o644)
	f.env[labpassword.Env] = labPW
	return f
}

func TestLabExecutorEndToEnd(t *testing.T) {
	f := execFixture(t)
	f.sess.Prefs.Verbose = true
	out := run(t, f, "Test-PcSqlConnection", named("SqlInstance", []any{"dc1-sql1.lab.local"}))
	for _, want := range []string{"ServerName=DC1-SQL1", "ConnectedTo=dc1-sql1.lab.local,1433", "CredentialSource=lab", "User=sa", "EncryptPolicy=true", "Edition=Enterprise Edition (64-bit)"} {
		if !strings.Contains(out, want) {
			t.Errorf("Test-PcSqlConnection: missing %s in\n%s", want, out)
		}
	}
	ctx := f.ctx(func(p *cmdlet.Prefs) { p.Verbose = true })
	c, err := Open(ctx, "dc1-sql1", Options{Database: "master"})
	if err != nil {
		t.Fatal(err)
	}
	name := "pc]chat"
	q, _ := QuoteName(name)
	if _, err := c.Exec(ctx, "CREATE DATABASE "+q+"; ALTER DATABASE "+q+" SET RECOVERY FULL"); err != nil {
		t.Fatal(err)
	}
	res, err := c.Query(ctx, "SELECT name, recovery_model_desc FROM sys.databases WHERE name = @name", sql.Named("name", name))
	if err != nil || len(res.First().Rows) != 1 || res.First().Rows[0][1] != "FULL" {
		t.Fatalf("sys.databases: %+v %v", res, err)
	}
	path := filepath.Join(t.TempDir(), "pchat.bak")
	if _, err := c.Exec(ctx, "BACKUP DATABASE "+q+" TO DISK = @path WITH INIT, STATS = 50", sql.Named("path", path),
		Activity("Backing up pc]chat")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(f.host.Text(), "progress: Backing up pc]chat: 100% complete") {
		t.Errorf("no progress from the executor:\n%s", f.host.Text())
	}
	_, err = c.Query(ctx, "SELECT * FROM dbo.no_such_table")
	if rec := cmdlet.AsRecord(err); rec.ErrorID != "SqlError208" || rec.Category != cmdlet.CategoryObjectNotFound {
		t.Errorf("missing table: %+v", rec)
	}
	bad, _ := Open(ctx, "dc1-sql1", Options{Credential: &Credential{User: "sa", Password: "wrong-pw-1"}})
	_, err = bad.Query(ctx, "SELECT 1")
	if rec := cmdlet.AsRecord(err); rec.ErrorID != "SqlError18456" || rec.Category != cmdlet.CategoryConnectionError {
		t.Errorf("wrong password: %+v", rec)
	}
}
