package kerberos

import (
	"testing"
	"time"

	"github.com/jcmturner/gokrb5/v8/client"
	"github.com/jcmturner/gokrb5/v8/config"
	"github.com/jcmturner/gokrb5/v8/iana/etypeID"
	"github.com/jcmturner/gokrb5/v8/iana/nametype"
	"github.com/jcmturner/gokrb5/v8/keytab"
	"github.com/jcmturner/gokrb5/v8/messages"
	"github.com/jcmturner/gokrb5/v8/spnego"
	"github.com/jcmturner/gokrb5/v8/types"
)

// The test realm and the instance's service principal.
const (
	realm = "LAB.LOCAL"
	spn   = "MSSQLSvc/sql1.lab.local:1433"
)

// serviceKeytab holds the key of name, derived from password, as a
// KDC's ktadd would write it.
func serviceKeytab(t testing.TB, name, password string) *keytab.Keytab {
	t.Helper()
	kt := keytab.New()
	if err := kt.AddEntry(name, realm, password, time.Now(), 2, etypeID.AES256_CTS_HMAC_SHA1_96); err != nil {
		t.Fatal(err)
	}
	return kt
}

// ticketSpec is the service ticket a forged token carries.
type ticketSpec struct {
	client     string // the client principal, "alice"
	service    string // the ticket's service principal
	start, end time.Time
	key        *keytab.Keytab // the key the KDC encrypted the ticket with
}

// forge builds the SPNEGO token go-mssqldb's krb5 authenticator sends,
// as a KDC would have issued its ticket: NegTokenInit, Kerberos
// mechanism, AP-REQ with a fresh authenticator.
func forge(t testing.TB, s ticketSpec) []byte {
	t.Helper()
	sname := types.NewPrincipalName(nametype.KRB_NT_SRV_INST, s.service)
	cname := types.NewPrincipalName(nametype.KRB_NT_PRINCIPAL, s.client)
	tkt, sessionKey, err := messages.NewTicket(cname, realm, sname, realm, types.NewKrbFlags(), s.key,
		etypeID.AES256_CTS_HMAC_SHA1_96, 2, s.start, s.start, s.end, s.end)
	if err != nil {
		t.Fatal(err)
	}
	cl := client.NewWithPassword(s.client, realm, "unused", config.New())
	init, err := spnego.NewNegTokenInitKRB5(cl, tkt, sessionKey)
	if err != nil {
		t.Fatal(err)
	}
	b, err := (&spnego.SPNEGOToken{Init: true, NegTokenInit: init}).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// valid is a ticket for alice to the service, valid for an hour.
func valid(kt *keytab.Keytab) ticketSpec {
	now := time.Now().UTC()
	return ticketSpec{client: "alice", service: spn, start: now.Add(-time.Minute), end: now.Add(time.Hour), key: kt}
}
