package connection

import (
	"context"
	"strings"
	"testing"
)

// TestDSNForEveryInputForm resolves each way of naming an instance and
// checks the connection string pcsh would use.
func TestDSNForEveryInputForm(t *testing.T) {
	f := newFixture(t)
	f.m.AddResolver(MapResolver{"dc1-sql1": {Host: "dc1-sql1.contoso.com", Port: 1433, Partner: "dc1-sql2"},
		"dc1-sql2": {Host: "dc1-sql2.contoso.com", Instance: "lync"}})
	f.dialer.browse("sql01", map[string]int{"LYNC": 14331})
	f.env[LabFileEnv] = "/lab/lab.json"
	f.fs.put("/lab/lab.json", `{"instances": [{"name": "lab-sql1", "role": "primary", "host": "lab-sql1.lab.local", "address": "127.0.0.2", "port": 1433}]}`, 0o644)
	cases := []struct{ in, want string }{
		{"sql01", "app name=pcsh;encrypt=true;server=sql01;trustservercertificate=false"},
		{`sql01\lync`, `app name=pcsh;encrypt=true;port=14331;server=sql01\lync;trustservercertificate=false`},
		{`tcp:sql01,14330`, "app name=pcsh;encrypt=true;port=14330;server=sql01;trustservercertificate=false"},
		{"[::1],1433", "app name=pcsh;encrypt=true;port=1433;server=::1;trustservercertificate=false"},
		{"dc1-sql1", `app name=pcsh;encrypt=true;failoverpartner=dc1-sql2.contoso.com\lync;port=1433;server=dc1-sql1.contoso.com;trustservercertificate=false`},
		{"lab-sql1.lab.local", "app name=pcsh;encrypt=true;hostnameincertificate=lab-sql1.lab.local;port=1433;server=127.0.0.2;trustservercertificate=true"},
		{"server=tcp:sql02,1500;database=mgc;TrustServerCertificate=true;Encrypt=strict",
			"app name=pcsh;database=mgc;encrypt=strict;port=1500;protocol=tcp;server=sql02;trustservercertificate=true"},
		{"Data Source=sql03;Initial Catalog=mgc;Failover Partner=sql04;Application Name=dba",
			"app name=dba;database=mgc;encrypt=true;failoverpartner=sql04;server=sql03;trustservercertificate=false"},
		{"sqlserver://sql05:1444/inst?database=mgc&encrypt=disable",
			`app name=pcsh;database=mgc;encrypt=disable;port=1444;server=sql05\inst;trustservercertificate=false`},
		{"server=sql06;integrated security=SSPI", "app name=pcsh;authenticator=" + DefaultAuthenticator() + ";encrypt=true;server=sql06;trustservercertificate=false"},
	}
	for _, c := range cases {
		tg, err := f.m.Resolve(context.Background(), c.in)
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if got := tg.DSN("", "", ""); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func TestDSNQuotesPasswords(t *testing.T) {
	tg, _ := ParseAddress("sql01")
	pw := `a;b"c `
	dsn := tg.DSN("sa", pw, "mgc")
	if !strings.Contains(dsn, `password="a;b""c "`) {
		t.Fatalf("dsn = %s", dsn)
	}
	back, err := ParseConnectionString(dsn)
	if err != nil || back.password != pw || back.Database != "mgc" {
		t.Fatalf("round trip: %+v %v", back, err)
	}
}

func TestBadAddresses(t *testing.T) {
	f := newFixture(t)
	for _, in := range []string{"", "a b", `sql01\`, "sql01,0", "sql01,65536", "server=x;port=abc", "sqlserver://x?encrypt=maybe",
		"http://sql01"} {
		if _, err := f.m.Resolve(context.Background(), in); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}
