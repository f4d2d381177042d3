// Package kerberos lets a lab instance accept Windows integrated logins
// the way SQL Server does from a Kerberos client: the LOGIN7 SSPI token is
// a SPNEGO NegTokenInit carrying a Kerberos AP-REQ for the instance's
// service principal (MSSQLSvc/host:port); the lab decrypts the service
// ticket with its keytab, checks the ticket's times and the authenticator
// (gokrb5's service side), and maps the client principal alice@LAB.LOCAL
// to the Windows login LAB\alice. What it leaves out (AP-REP, PAC, channel
// binding, NTLM) is listed in modules/lab/DEVIATIONS.md.
package kerberos

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/jcmturner/gokrb5/v8/keytab"
	"github.com/jcmturner/gokrb5/v8/messages"
	"github.com/jcmturner/gokrb5/v8/service"
)

// MaxClockSkew is the clock difference the lab allows between client and
// server, the Kerberos default (MIT's clockskew, Windows' "Maximum
// tolerance for computer clock synchronization").
const MaxClockSkew = 5 * time.Minute

// Acceptor verifies Kerberos SSPI tokens with a service keytab.
type Acceptor struct {
	kt *keytab.Keytab
}

// Load reads a keytab file (MIT ktadd or ktpass output) holding the
// instance's service principal keys.
func Load(path string) (*Acceptor, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("kerberos: keytab: %w", err)
	}
	kt := new(keytab.Keytab)
	if err := kt.Unmarshal(b); err != nil {
		return nil, fmt.Errorf("kerberos: keytab %s: %w", path, err)
	}
	return New(kt), nil
}

// New returns an acceptor over a keytab.
func New(kt *keytab.Keytab) *Acceptor { return &Acceptor{kt: kt} }

// Principal is a verified client.
type Principal struct {
	Name    string    // alice
	Realm   string    // LAB.LOCAL
	Service string    // the service principal the ticket was for
	Expires time.Time // the ticket's end time
}

// Login is the Windows login SQL Server would see: the realm's first
// label as the NetBIOS domain, upper case, and the name: LAB\alice.
func (p Principal) Login() string {
	domain, _, _ := strings.Cut(p.Realm, ".")
	return strings.ToUpper(domain) + `\` + p.Name
}

// Accept decodes and verifies one SSPI token. A refused token is a
// *Refusal.
func (a *Acceptor) Accept(token []byte) (Principal, error) {
	if a == nil || a.kt == nil {
		return Principal{}, errNoKeytab
	}
	req, err := DecodeToken(token)
	if err != nil {
		return Principal{}, err
	}
	if err := a.hasKey(req.Ticket); err != nil {
		return Principal{}, err
	}
	ok, creds, err := service.VerifyAPREQ(req, service.NewSettings(a.kt, service.DecodePAC(false),
		service.MaxClockSkew(MaxClockSkew)))
	if err != nil {
		return Principal{}, verifyRefusal(err)
	}
	if !ok || creds == nil {
		return Principal{}, refuse(ReasonIntegrity, "the AP-REQ did not verify")
	}
	names := req.Authenticator.CName.NameString
	if len(names) != 1 || names[0] == "" || strings.ContainsAny(names[0], `\@`) {
		return Principal{}, refuse(ReasonPrincipal, fmt.Sprintf("%s has no Windows login form (one name component)",
			req.Authenticator.CName.PrincipalNameString()))
	}
	return Principal{Name: names[0], Realm: req.Authenticator.CRealm,
		Service: req.Ticket.SName.PrincipalNameString(), Expires: req.Ticket.DecryptedEncPart.EndTime}, nil
}

// hasKey refuses a ticket for a service principal the keytab does not
// hold, before decryption, so the reason names the principal.
func (a *Acceptor) hasKey(t messages.Ticket) error {
	if _, _, err := a.kt.GetEncryptionKey(t.SName, t.Realm, t.EncPart.KVNO, t.EncPart.EType); err != nil {
		return refuse(ReasonUnknownService, fmt.Sprintf("the ticket is for %s@%s (key version %d, etype %d), which the keytab does not hold",
			t.SName.PrincipalNameString(), t.Realm, t.EncPart.KVNO, t.EncPart.EType))
	}
	return nil
}

// AcceptSSPI verifies a LOGIN7 SSPI token for the TDS server
// (tds.SSPIAcceptor) and returns the Windows login.
func (a *Acceptor) AcceptSSPI(token []byte) (string, error) {
	p, err := a.Accept(token)
	if err != nil {
		return "", err
	}
	return p.Login(), nil
}
