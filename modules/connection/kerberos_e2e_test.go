package connection

import (
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/microsoft/go-mssqldb/integratedauth"
	"github.com/microsoft/go-mssqldb/msdsn"

	"pcsh/modules/lab/kdctest"
	"pcsh/modules/lab/kerberos"
	"pcsh/modules/lab/labtest"
	"pcsh/runtime/cmdlet"
)

// kerberosRealm is a real MIT KDC on loopback and a lab instance that
// accepts Kerberos logins with its service keytab, LAB\alice having a
// Windows login there and LAB\bob none.
type kerberosRealm struct {
	kdc  *kdctest.KDC
	f    *fixture
	inst *labtest.Instance
	port int
}

const (
	alicePW = "Alice-Krb-Pw-1"
	bobPW   = "Bob-Krb-Pw-2"
)

func startKerberosRealm(t *testing.T) *kerberosRealm {
	kdc := kdctest.Start(t)
	addr := kdctest.FreeAddr(t)
	_, p, _ := net.SplitHostPort(addr)
	r := &kerberosRealm{kdc: kdc}
	fmt.Sscan(p, &r.port)
	kdc.AddUser(t, "alice", alicePW)
	kdc.AddUser(t, "bob", bobPW)
	acc, err := kerberos.Load(kdc.AddService(t, r.spn()))
	if err != nil {
		t.Fatal(err)
	}
	kdc.AddService(t, "MSSQLSvc/127.0.0.8:1433") // known to the KDC, not in the lab's keytab
	r.inst = labtest.StartWith(t, "KRB-SQL1", labtest.Options{Addr: addr, SSPI: acc})
	labtest.MustExec(t, r.inst.Open(t, "master"), `CREATE LOGIN [LAB\alice] FROM WINDOWS`)
	r.f = newFixture(t)
	r.f.m.FS, r.f.m.Clock, r.f.m.Dialer = OSFS{}, RealClock{}, nil
	return r
}

// spn is the lab instance's service principal. Its host is an address:
// go-mssqldb canonicalizes the SPN's host with a CNAME lookup, which for
// a name from /etc/hosts (localhost) drops its last letter, and for any
// other name asks DNS; an address is left alone.
func (r *kerberosRealm) spn() string { return fmt.Sprintf("MSSQLSvc/127.0.0.1:%d", r.port) }

// conn is the connection string of the instance with a credential cache.
func (r *kerberosRealm) conn(cache string, extra string) string {
	return fmt.Sprintf("server=127.0.0.1;port=%d;authenticator=krb5;krb5-configfile=%s;krb5-credcachefile=%s;"+
		"krb5-dnslookupkdc=false;trustservercertificate=true%s", r.port, r.kdc.Config, cache, extra)
}

// login runs SELECT SUSER_SNAME() over pcsh's connection manager.
func (r *kerberosRealm) login(t *testing.T, conn string) (any, error) {
	ctx := r.f.ctx(nil)
	c, err := Open(ctx, conn, Options{Attempts: 1})
	if err != nil {
		return nil, err
	}
	res, err := c.Query(ctx, "SELECT SUSER_SNAME()")
	if err != nil {
		return nil, err
	}
	return res.Scalar(), nil
}

func TestKerberosAgainstMITKDCAndLab(t *testing.T) {
	r := startKerberosRealm(t)
	alice := r.kdc.Kinit(t, "alice", alicePW, 0)
	t.Run("login", func(t *testing.T) {
		who, err := r.login(t, r.conn(alice, ""))
		if err != nil || who != `LAB\alice` {
			t.Fatalf("SUSER_SNAME() = %v, %v", who, err)
		}
		v := r.f.m.describe(r.f.ctx(nil), mustResolve(t, r.f, r.conn(alice, "")))
		if v.Authentication != "Kerberos" || v.User != "alice@LAB.LOCAL" || v.ServerSpn != r.spn() ||
			v.CredentialSource != "kerberos credential cache "+alice {
			t.Fatalf("Get-PcSqlInstance view = %+v", v)
		}
	})
	cases := []struct {
		name, conn, id, text string
	}{
		{"no login", r.conn(r.kdc.Kinit(t, "bob", bobPW, 0), ""), "SqlError18456", `Login failed for user 'LAB\bob'.`},
		{"unknown SPN", r.conn(alice, ";serverspn=MSSQLSvc/127.0.0.9:1433"), "KerberosSpnUnknown",
			"The KDC does not know the service principal MSSQLSvc/127.0.0.9:1433"},
		{"SPN of another service", r.conn(alice, ";serverspn=MSSQLSvc/127.0.0.8:1433"), "SqlError18452",
			"Login failed. The login is from an untrusted domain and cannot be used with Integrated authentication."},
		{"no cache", r.conn(alice+".missing", ""), "KerberosCredentialCacheNotFound", "does not exist"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { wantRecord(t, r, c.conn, c.id, c.text) })
	}
	t.Run("expired", func(t *testing.T) {
		short := r.kdc.Kinit(t, "alice", alicePW, time.Second)
		time.Sleep(1100 * time.Millisecond) // the ticket's whole lifetime
		wantRecord(t, r, r.conn(short, ""), "KerberosTicketExpired", "expired at")
	})
	t.Run("garbage token", func(t *testing.T) {
		wantRecord(t, r, fmt.Sprintf("server=127.0.0.1;port=%d;authenticator=pcsh-garbage;user id=x;password=Unused-Pw-3;trustservercertificate=true", r.port),
			"SqlError18452", "untrusted domain")
		if who, err := r.login(t, r.conn(alice, "")); err != nil || who != `LAB\alice` {
			t.Fatalf("after a garbage token the lab answers %v, %v", who, err)
		}
	})
}

func mustResolve(t *testing.T, f *fixture, conn string) *Target {
	tg, err := f.m.Resolve(f.ctx(nil), conn)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// wantRecord logs in and expects the error record id with text.
func wantRecord(t *testing.T, r *kerberosRealm, conn, id, text string) {
	t.Helper()
	registerGarbage()
	_, err := r.login(t, conn)
	var rec *cmdlet.ErrorRecord
	if !errors.As(err, &rec) || rec.ErrorID != id || !strings.Contains(rec.Message, text) {
		t.Fatalf("err = %v (%+v), want %s with %q", err, rec, id, text)
	}
	if rec.Hint == "" {
		t.Errorf("%s has no hint", id)
	}
}

var garbageOnce sync.Once

// registerGarbage adds authenticator=pcsh-garbage, which sends an SSPI
// token that is no SPNEGO at all.
func registerGarbage() {
	garbageOnce.Do(func() {
		_ = integratedauth.SetIntegratedAuthenticationProvider("pcsh-garbage",
			integratedauth.ProviderFunc(func(msdsn.Config) (integratedauth.IntegratedAuthenticator, error) {
				return garbageAuth{}, nil
			}))
	})
}

type garbageAuth struct{}

func (garbageAuth) InitialBytes() ([]byte, error) {
	return []byte("\x60\x80garbage-not-spnego\x00\xff"), nil
}
func (garbageAuth) NextBytes([]byte) ([]byte, error) { return nil, nil }
func (garbageAuth) Free()                            {}
