package pchat

import (
	"strings"
	"testing"

	"github.com/jcmturner/gokrb5/v8/keytab"

	"pcsh/modules/lab/kdctest"
	"pcsh/modules/pchat/winrmfake"
)

const lyncAdminKrbPW = "Lync-Krb-Pw-1"

// kerberosWinRM starts a real MIT KDC (kdctest) with the user lyncadmin
// and the service HTTP/127.0.0.1, and the fake WinRM service accepting
// that service's tickets.
func kerberosWinRM(t *testing.T) (*kdctest.KDC, *winrmfake.Server, map[string]string) {
	t.Helper()
	kdc := kdctest.Start(t)
	kdc.AddUser(t, "lyncadmin", lyncAdminKrbPW)
	kt, err := keytab.Load(kdc.AddService(t, "HTTP/127.0.0.1"))
	if err != nil {
		t.Fatal(err)
	}
	s, env := newWinRM(t)
	s.AcceptKerberos(kt)
	env[EnvLyncShell], env["KRB5_CONFIG"] = s.URI("kerberos"), kdc.Config
	delete(env, EnvWinRMUser)
	delete(env, EnvWinRMPassword)
	return kdc, s, env
}

// checkKerberosOnly checks that every request carried a Negotiate token
// and that the service accepted them as lyncadmin@LAB.LOCAL.
func checkKerberosOnly(t *testing.T, s *winrmfake.Server) {
	t.Helper()
	seen := s.Seen()
	for _, a := range seen.Auth {
		if !strings.HasPrefix(a, "Negotiate ") {
			t.Fatalf("a request without a Kerberos token: %q", a)
		}
	}
	if len(seen.Users) != len(seen.Actions) || seen.Users[0] != "lyncadmin@"+kdctest.Realm {
		t.Fatalf("accepted as %q for %q", seen.Users, seen.Actions)
	}
}

func TestWinRMKerberosWithATicketFromARealKDC(t *testing.T) {
	kdc, s, env := kerberosWinRM(t)
	env["KRB5CCNAME"] = "FILE:" + kdc.Kinit(t, "lyncadmin", lyncAdminKrbPW, 0)
	r := invoke(t, env, "Get-CsPersistentChatState")
	if r.err != nil || len(r.out) != 1 || prop(t, r.out[0], "PoolState") != "Normal" {
		t.Fatal(r.err, r.out)
	}
	checkKerberosOnly(t, s)
	if scripts := sentScripts(t, s); len(scripts) != 1 || scripts[0] != scriptOf(readScript) {
		t.Fatalf("scripts %q", scripts)
	}
}

func TestWinRMKerberosWithThePassword(t *testing.T) {
	_, s, env := kerberosWinRM(t)
	env[EnvWinRMUser], env[EnvWinRMPassword] = "lyncadmin@"+kdctest.Realm, lyncAdminKrbPW
	if r := invoke(t, env, "Get-CsPersistentChatState"); r.err != nil || len(r.out) != 1 {
		t.Fatal(r.err, r.out)
	}
	checkKerberosOnly(t, s)
}

func TestWinRMKerberosUnknownSPNSendsNothing(t *testing.T) {
	kdc, s, env := kerberosWinRM(t)
	env["KRB5CCNAME"] = "FILE:" + kdc.Kinit(t, "lyncadmin", lyncAdminKrbPW, 0)
	env[EnvLyncShell] = s.URI("kerberos") + "&spn=HTTP/fe9.contoso.com"
	r := invoke(t, env, "Get-CsPersistentChatState")
	if errorID(r.err) != "WinRMKerberosFailed" || !strings.Contains(r.err.Error(), "no service ticket for HTTP/fe9.contoso.com") {
		t.Fatalf("got %v", r.err)
	}
	if actions := s.Seen().Actions; len(actions) != 0 {
		t.Fatalf("sent %q", actions)
	}
}
