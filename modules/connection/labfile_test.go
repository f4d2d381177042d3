package connection

import (
	"strings"
	"testing"

	"pcsh/modules/connection/labpassword"
	"pcsh/runtime/cmdlet"
)

// labJSON claims a real host name (sql01.contoso.com) for a lab instance,
// the way a lab file planted in a working directory could.
const labJSON = `{"instances": [
 {"name": "dc1-sql1", "role": "primary", "host": "sql01.contoso.com", "address": "127.0.0.2", "port": 1433},
 {"name": "far-sql", "role": "backup", "host": "far.lab.local", "address": "10.0.0.5", "port": 1433}]}`

// TestLabFileOnlyWhenAsked: a .lab/lab.json in the working directory is
// not read; the same file named by PCSH_LAB_FILE is.
func TestLabFileOnlyWhenAsked(t *testing.T) {
	f := newFixture(t)
	f.fs.put(".lab/lab.json", labJSON, 0o644)
	tg, err := f.m.Resolve(f.ctx(nil), "sql01.contoso.com")
	if err != nil || tg.Lab || tg.Source != SourceAddress || tg.TrustServerCertificate || tg.dialHost() != "sql01.contoso.com" {
		t.Fatalf("without PCSH_LAB_FILE: %+v %v", tg, err)
	}
	f.env[LabFileEnv] = ".lab/lab.json"
	tg, err = f.m.Resolve(f.ctx(nil), "sql01.contoso.com")
	if err != nil || !tg.Lab || tg.Source != SourceLab || tg.dialHost() != "127.0.0.2" {
		t.Fatalf("with PCSH_LAB_FILE: %+v %v", tg, err)
	}
}

// TestLabFileExplicitOption: Manager.LabFile names a lab file without the
// environment.
func TestLabFileExplicitOption(t *testing.T) {
	f := newFixture(t)
	f.fs.put("/x/lab.json", labJSON, 0o644)
	f.m.LabFile = "/x/lab.json"
	if tg, err := f.m.Resolve(f.ctx(nil), "dc1-sql1"); err != nil || tg.Source != SourceLab {
		t.Fatalf("%+v %v", tg, err)
	}
}

// TestLabTargetMustBeLoopback: a lab instance at a routable address is
// refused with an error that says why.
func TestLabTargetMustBeLoopback(t *testing.T) {
	f := newFixture(t)
	f.env[LabFileEnv] = "/lab/lab.json"
	f.fs.put("/lab/lab.json", labJSON, 0o644)
	_, err := f.m.Resolve(f.ctx(nil), "far.lab.local")
	if err == nil || !strings.Contains(err.Error(), "maps far-sql to 10.0.0.5, which is not a loopback address") {
		t.Fatalf("err = %v", err)
	}
	for _, a := range []string{"127.0.0.1", "127.9.8.7", "::1", "[::1]", "localhost"} {
		if !isLoopback(a) {
			t.Errorf("%s is loopback", a)
		}
	}
	for _, a := range []string{"", "10.0.0.5", "sql01.contoso.com", "0.0.0.0", "::"} {
		if isLoopback(a) {
			t.Errorf("%q is not loopback", a)
		}
	}
}

// TestLabTargetGetsOnlyLabLogin: PCSH_SQL_* and the credential file never
// reach a lab instance; the lab's own sa password does.
func TestLabTargetGetsOnlyLabLogin(t *testing.T) {
	f := newFixture(t)
	f.env[LabFileEnv] = "/lab/lab.json"
	f.fs.put("/lab/lab.json", labJSON, 0o644)
	f.env[UserEnv], f.env[PasswordEnv] = "admin", "Real-Env-Pw-1"
	f.env[PasswordEnv+"_DC1_SQL1"] = "Real-Env-Pw-2"
	f.fs.put(credPath, `{"default": {"user": "d", "password": "Real-File-Pw-3"}, "instances": {"dc1-sql1": {"user": "i", "password": "Real-File-Pw-4"}}}`, 0o600)
	ctx := f.ctx(nil)
	tg, err := f.m.Resolve(ctx, "dc1-sql1")
	if err != nil {
		t.Fatal(err)
	}
	c, err := f.m.Credential(ctx, tg)
	if err != nil || c.User != "sa" || c.Password != labpassword.Default || c.Source != CredFromLab {
		t.Fatalf("default: %+v %v", c, err)
	}
	f.env[labpassword.Env] = "Lab-Pw-5"
	if c, _ = f.m.Credential(ctx, tg); c.Password != "Lab-Pw-5" {
		t.Fatalf("PCSH_LAB_PASSWORD: %+v", c)
	}
}

// TestLabResolutionIsVisible: the verbose stream and Get-PcSqlInstance
// say a name went through the lab; an address does not claim to.
func TestLabResolutionIsVisible(t *testing.T) {
	f := newFixture(t)
	f.env[LabFileEnv] = "/lab/lab.json"
	f.fs.put("/lab/lab.json", labJSON, 0o644)
	f.sess.Prefs.Verbose = true
	out := run(t, f, "Get-PcSqlInstance", named("SqlInstance", []any{"sql01.contoso.com", "sql02.contoso.com"}))
	if !strings.Contains(f.host.Text(), "verbose: Resolved sql01.contoso.com through the lab file /lab/lab.json to 127.0.0.2:1433: a lab instance") {
		t.Errorf("verbose:\n%s", f.host.Text())
	}
	if strings.Count(out, "Source=Lab\n") != 1 || !strings.Contains(out, "Source=Address\n") || !strings.Contains(out, "CredentialSource=lab\n") {
		t.Errorf("Get-PcSqlInstance:\n%s", out)
	}
}

// TestLabPartnerOfRealInstanceRefused: a real instance whose partner the
// lab file claims would send the real login to the lab.
func TestLabPartnerOfRealInstanceRefused(t *testing.T) {
	f := newFixture(t)
	f.env[LabFileEnv] = "/lab/lab.json"
	f.fs.put("/lab/lab.json", labJSON, 0o644)
	f.m.AddResolver(MapResolver{"pc-sql": {Host: "pc-sql.contoso.com", Partner: "sql01.contoso.com"}})
	_, err := f.m.Resolve(f.ctx(nil), "pc-sql")
	if rec := cmdlet.AsRecord(err); err == nil || rec.ErrorID != "SqlInstanceInvalid" || !strings.Contains(rec.Message, "does not mix lab and real logins") {
		t.Fatalf("err = %v", err)
	}
}

// TestLabNamedInstanceThroughBrowser: a lab instance with a named
// instance is resolved through its Browser on the lab address, not
// through the port lab.json records.
func TestLabNamedInstanceThroughBrowser(t *testing.T) {
	f := newFixture(t)
	f.fs.put("/x/lab.json", `{"instances": [{"name": "dc1-sql1", "role": "primary", "host": "dc1-sql1.lab.local",
	  "instance": "RTC", "address": "127.0.0.2", "port": 1433}]}`, 0o644)
	f.m.LabFile = "/x/lab.json"
	f.dialer.browse("127.0.0.2", map[string]int{"RTC": 50001})
	tg, err := f.m.Resolve(f.ctx(nil), "dc1-sql1")
	if err != nil || tg.Port != 50001 || tg.Server() != `dc1-sql1.lab.local\RTC` {
		t.Fatalf("%+v, %v", tg, err)
	}
}
