package kerberos

import (
	"errors"
	"fmt"

	"github.com/jcmturner/gokrb5/v8/iana/errorcode"
	"github.com/jcmturner/gokrb5/v8/messages"
)

// Reason classifies why a Kerberos login was refused. SQL Server tells
// the client none of this (it sends 18452); the lab logs it, as SQL
// Server writes "SSPI handshake failed" to its error log.
type Reason int

// The reasons a token is refused.
const (
	ReasonMalformed      Reason = iota + 1 // not a SPNEGO/Kerberos AP-REQ
	ReasonNotKerberos                      // NTLM or another mechanism
	ReasonUnknownService                   // a ticket for a service principal the keytab does not hold
	ReasonExpired                          // the service ticket has expired
	ReasonNotYetValid                      // the ticket's start time is in the future
	ReasonClockSkew                        // the authenticator's time is too far from the lab's
	ReasonReplay                           // the authenticator was seen before
	ReasonIntegrity                        // the ticket or authenticator does not decrypt
	ReasonPrincipal                        // a client principal with no Windows login form
)

var reasonNames = map[Reason]string{ReasonMalformed: "malformed token", ReasonNotKerberos: "not Kerberos",
	ReasonUnknownService: "unknown service principal", ReasonExpired: "ticket expired",
	ReasonNotYetValid: "ticket not yet valid", ReasonClockSkew: "clock skew", ReasonReplay: "replay",
	ReasonIntegrity: "integrity", ReasonPrincipal: "client principal"}

// String names the reason.
func (r Reason) String() string { return reasonNames[r] }

// Refusal is a token the lab does not accept, with the reason.
type Refusal struct {
	Reason Reason
	Detail string
}

// Error returns the reason and its detail.
func (r *Refusal) Error() string { return fmt.Sprintf("kerberos: %s: %s", r.Reason, r.Detail) }

func refuse(r Reason, detail string) *Refusal { return &Refusal{Reason: r, Detail: detail} }

// apErrors maps the KRB_ERROR codes gokrb5's AP-REQ check returns.
var apErrors = map[int32]Reason{
	errorcode.KRB_AP_ERR_TKT_EXPIRED: ReasonExpired, errorcode.KRB_AP_ERR_TKT_NYV: ReasonNotYetValid,
	errorcode.KRB_AP_ERR_SKEW: ReasonClockSkew, errorcode.KRB_AP_ERR_REPEAT: ReasonReplay,
	errorcode.KRB_AP_ERR_BAD_INTEGRITY: ReasonIntegrity, errorcode.KRB_AP_ERR_BADMATCH: ReasonIntegrity,
	errorcode.KRB_AP_ERR_BADADDR: ReasonIntegrity,
}

// verifyRefusal turns an AP-REQ verification failure into a Refusal.
func verifyRefusal(err error) *Refusal {
	var ke messages.KRBError
	if errors.As(err, &ke) {
		if r, ok := apErrors[ke.ErrorCode]; ok {
			return refuse(r, ke.EText)
		}
	}
	return refuse(ReasonIntegrity, err.Error())
}
