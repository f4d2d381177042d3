package connection

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"pcsh/runtime/cmdlet"
)

// kerberosFixture has a krb5.conf and, in /tmp/cc, a credential cache
// kinit wrote for alice@LAB.LOCAL (testdata/krb5cc_alice; its
// ticket-granting ticket ends 2026-12-08 04:47:16 UTC).
func kerberosFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	cc, err := os.ReadFile("testdata/krb5cc_alice")
	if err != nil {
		t.Fatal(err)
	}
	f.fs.WriteFile("/etc/krb5.conf", []byte("[libdefaults]\n\tdefault_realm = LAB.LOCAL\n"), 0o644)
	f.fs.WriteFile("/tmp/cc", cc, 0o600)
	f.env["KRB5CCNAME"] = "FILE:/tmp/cc"
	return f
}

// tgtEnd is when the fixture cache's ticket-granting ticket expires.
var tgtEnd = time.Date(2026, 12, 8, 4, 47, 16, 0, time.UTC)

func TestKerberosUsesTheCredentialCache(t *testing.T) {
	f := kerberosFixture(t)
	tg, _ := f.m.Resolve(context.Background(), "server=sql01.lab.local;authenticator=krb5;port=14330")
	c, err := f.m.Credential(f.ctx(nil), tg)
	if err != nil {
		t.Fatal(err)
	}
	if c.User != "alice@LAB.LOCAL" || c.Source != "kerberos credential cache /tmp/cc" {
		t.Fatalf("credential = %+v", c)
	}
	dsn := tg.dsn(c, "", false)
	for _, want := range []string{"authenticator=krb5", "krb5-credcachefile=/tmp/cc", "serverspn=MSSQLSvc/sql01.lab.local:14330"} {
		if !strings.Contains(dsn, want) {
			t.Errorf("dsn %q lacks %q", dsn, want)
		}
	}
	if strings.Contains(dsn, "user id") {
		t.Errorf("dsn %q names a user: go-mssqldb would look for a keytab", dsn)
	}
}

func TestKerberosRefusesBeforeConnecting(t *testing.T) {
	cases := []struct {
		name, conn string
		setup      func(f *fixture)
		id, text   string
	}{
		{"no cache", "server=sql01;authenticator=krb5", func(f *fixture) { f.env["KRB5CCNAME"] = "/tmp/none" },
			"KerberosCredentialCacheNotFound", "the credential cache /tmp/none does not exist"},
		{"MIT default", "server=sql01;authenticator=krb5", func(f *fixture) { delete(f.env, "KRB5CCNAME") },
			"KerberosCredentialCacheNotFound", "/tmp/krb5cc_"},
		{"expired", "server=sql01;authenticator=krb5", func(f *fixture) { f.clock.now = tgtEnd.Add(time.Second) },
			"KerberosTicketExpired", "The Kerberos ticket of alice@LAB.LOCAL in /tmp/cc expired at 2026-12-08 04:47:16Z."},
		{"keyring", "server=sql01;authenticator=krb5", func(f *fixture) { f.env["KRB5CCNAME"] = "KEYRING:persistent:0" },
			"KerberosCredentialCacheUnsupported", "KEYRING"},
		{"not a cache", "server=sql01;authenticator=krb5;krb5-credcachefile=/etc/krb5.conf", nil,
			"KerberosCredentialCacheInvalid", "is not a credential cache file"},
		{"no config", "server=sql01;authenticator=krb5;krb5-configfile=/nowhere/krb5.conf", nil,
			"KerberosConfigNotFound", "/nowhere/krb5.conf cannot be read"},
		{"keytab without user", "server=sql01;authenticator=krb5;krb5-keytabfile=/tmp/cc", nil,
			"KerberosUserMissing", "needs the principal"},
		{"keytab missing", "server=sql01;authenticator=krb5;user id=svc;krb5-keytabfile=/tmp/none.keytab", nil,
			"KerberosKeytabNotFound", "/tmp/none.keytab"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := kerberosFixture(t)
			if c.setup != nil {
				c.setup(f)
			}
			tg, err := f.m.Resolve(context.Background(), c.conn)
			if err != nil {
				t.Fatal(err)
			}
			_, err = f.m.Credential(f.ctx(nil), tg)
			rec := cmdlet.AsRecord(err)
			if rec == nil || rec.ErrorID != c.id || !strings.Contains(rec.Message, c.text) || rec.Hint == "" {
				t.Fatalf("err = %+v, want %s with %q", rec, c.id, c.text)
			}
		})
	}
}

func TestKerberosKeytabAndPassword(t *testing.T) {
	f := kerberosFixture(t)
	f.fs.WriteFile("/etc/svc.keytab", []byte{5, 2}, 0o600)
	tg, _ := f.m.Resolve(context.Background(), `server=sql01;authenticator=krb5;user id=svc;krb5-realm=LAB.LOCAL;krb5-keytabfile=/etc/svc.keytab`)
	c, err := f.m.Credential(f.ctx(nil), tg)
	if err != nil || c.User != "svc" || c.Source != "kerberos keytab /etc/svc.keytab" {
		t.Fatalf("keytab: %+v %v", c, err)
	}
	if dsn := tg.dsn(c, "", false); !strings.Contains(dsn, "user id=svc") || !strings.Contains(dsn, "krb5-keytabfile=/etc/svc.keytab") {
		t.Fatalf("dsn = %q", dsn)
	}
	tg, _ = f.m.Resolve(context.Background(), `server=sql01;authenticator=krb5;user id=alice@LAB.LOCAL;password=Krb-Pw-77`)
	if c, err := f.m.Credential(f.ctx(nil), tg); err != nil || c.Password != "Krb-Pw-77" || c.Source != CredFromConnectionString {
		t.Fatalf("password: %+v %v", c, err)
	}
	if got := f.m.Secrets.Redact("Krb-Pw-77"); got == "Krb-Pw-77" {
		t.Fatal("the Kerberos password is not registered as a secret")
	}
}

func TestServerSPN(t *testing.T) {
	for in, want := range map[string]string{
		"server=sql01.contoso.com;authenticator=krb5":                   "MSSQLSvc/sql01.contoso.com:1433",
		"server=sql01.contoso.com;port=5000;authenticator=krb5":         "MSSQLSvc/sql01.contoso.com:5000",
		`server=sql01.contoso.com\RTC;authenticator=krb5`:               "MSSQLSvc/sql01.contoso.com:RTC",
		"server=sql01;authenticator=krb5;serverspn=MSSQLSvc/alias:1433": "MSSQLSvc/alias:1433",
	} {
		tg, err := ParseConnectionString(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := tg.ServerSPN(); got != want {
			t.Errorf("%s: SPN %q, want %q", in, got, want)
		}
	}
}
