package pchat

import (
	"fmt"
	"net/http"
	"os"
	"strings"

	krbclient "github.com/jcmturner/gokrb5/v8/client"
	"github.com/jcmturner/gokrb5/v8/config"
	"github.com/jcmturner/gokrb5/v8/credentials"
	"github.com/jcmturner/gokrb5/v8/spnego"
)

// KerberosFiles are the files MIT Kerberos tools use: krb5.conf
// (KRB5_CONFIG, default /etc/krb5.conf) and the credential cache kinit
// fills (KRB5CCNAME, default /tmp/krb5cc_UID).
type KerberosFiles struct {
	Config string
	CCache string
}

// kerberosFiles reads the two locations from the environment.
func kerberosFiles(getenv func(string) string) KerberosFiles {
	k := KerberosFiles{Config: getenv("KRB5_CONFIG"), CCache: strings.TrimPrefix(getenv("KRB5CCNAME"), "FILE:")}
	if k.Config == "" {
		k.Config = "/etc/krb5.conf"
	}
	if k.CCache == "" {
		k.CCache = fmt.Sprintf("/tmp/krb5cc_%d", os.Getuid())
	}
	return k
}

// kerberosError is a Kerberos failure before or while a request is
// authorized: no configuration, no ticket, an unknown SPN.
type kerberosError struct{ err error }

func (e *kerberosError) Error() string { return "Kerberos: " + e.err.Error() }
func (e *kerberosError) Unwrap() error { return e.err }

// client logs in with the password when there is one, else uses the
// ticket in the credential cache.
func (k KerberosFiles) client(c WinRMCredential) (*krbclient.Client, error) {
	cfg, err := config.Load(k.Config)
	if err != nil {
		return nil, &kerberosError{fmt.Errorf("cannot read %s: %w", k.Config, err)}
	}
	if c.Password != "" {
		user, realm := splitPrincipal(c.User, cfg.LibDefaults.DefaultRealm)
		return krbclient.NewWithPassword(user, realm, c.Password, cfg, krbclient.DisablePAFXFAST(true)), nil
	}
	cc, err := credentials.LoadCCache(k.CCache)
	if err != nil {
		return nil, &kerberosError{fmt.Errorf("no ticket in the credential cache %s (run kinit): %w", k.CCache, err)}
	}
	cl, err := krbclient.NewFromCCache(cc, cfg, krbclient.DisablePAFXFAST(true))
	if err != nil {
		return nil, &kerberosError{fmt.Errorf("cannot use the credential cache %s: %w", k.CCache, err)}
	}
	return cl, nil
}

// splitPrincipal splits user@REALM; a bare or DOMAIN\user name takes the
// configuration's default realm.
func splitPrincipal(name, defaultRealm string) (string, string) {
	if user, realm, ok := strings.Cut(name, "@"); ok {
		return user, strings.ToUpper(realm)
	}
	if _, user, ok := strings.Cut(name, `\`); ok {
		return user, defaultRealm
	}
	return name, defaultRealm
}

// spnegoAuthorizer sets each request's Negotiate header from a service
// ticket for spn.
func spnegoAuthorizer(cl *krbclient.Client, spn string) func(*http.Request) error {
	return func(req *http.Request) error {
		if err := spnego.SetSPNEGOHeader(cl, req, spn); err != nil {
			return &kerberosError{fmt.Errorf("no service ticket for %s: %w", spn, err)}
		}
		return nil
	}
}
