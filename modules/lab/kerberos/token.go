package kerberos

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/jcmturner/gokrb5/v8/gssapi"
	"github.com/jcmturner/gokrb5/v8/messages"
	"github.com/jcmturner/gokrb5/v8/spnego"
)

// ntlmSignature starts every NTLMSSP message (MS-NLMP 2.2).
var ntlmSignature = []byte("NTLMSSP\x00")

// maxToken bounds the SSPI token the lab decodes; a Kerberos AP-REQ
// without a PAC is well under 4 KiB, and LOGIN7 itself is capped at 32 KiB.
const maxToken = 32 << 10

// DecodeToken reads the SSPI token of a LOGIN7 request: a SPNEGO
// NegTokenInit (RFC 4178) whose mechanism is Kerberos (RFC 4121, or the
// Microsoft legacy OID) and whose mechToken is a KRB_AP_REQ, and returns
// that AP-REQ, not yet verified. Anything else fails with a *Refusal
// saying why: NTLM, an empty or oversized token, malformed DER, another
// mechanism, a NegTokenResp as the first token, a missing mechToken.
// It never panics on bad input (FuzzDecodeToken).
func DecodeToken(b []byte) (req *messages.APReq, err error) {
	defer func() {
		if r := recover(); r != nil { // the ASN.1 decoder is not our code: bad input must not crash the lab
			req, err = nil, refuse(ReasonMalformed, fmt.Sprintf("the token could not be decoded (%v)", r))
		}
	}()
	switch {
	case len(b) == 0:
		return nil, refuse(ReasonMalformed, "the LOGIN7 request asks for integrated security but carries no SSPI token")
	case len(b) > maxToken:
		return nil, refuse(ReasonMalformed, fmt.Sprintf("the SSPI token is %d bytes, more than %d", len(b), maxToken))
	case bytes.HasPrefix(b, ntlmSignature):
		return nil, refuse(ReasonNotKerberos, "the client offered NTLM; the lab accepts Kerberos only")
	}
	var tok spnego.SPNEGOToken
	if err := tok.Unmarshal(b); err != nil {
		return nil, refuse(ReasonMalformed, "the token is not SPNEGO: "+err.Error())
	}
	if !tok.Init {
		return nil, refuse(ReasonMalformed, "the first SPNEGO token is not a NegTokenInit")
	}
	return apReq(tok.NegTokenInit)
}

// apReq takes the Kerberos AP-REQ out of a NegTokenInit.
func apReq(init spnego.NegTokenInit) (*messages.APReq, error) {
	if !offersKerberos(init) {
		return nil, refuse(ReasonNotKerberos, "the client's SPNEGO offer names no Kerberos mechanism")
	}
	if len(init.MechTokenBytes) == 0 {
		return nil, refuse(ReasonMalformed, "the SPNEGO offer carries no Kerberos token")
	}
	var mt spnego.KRB5Token
	if err := mt.Unmarshal(init.MechTokenBytes); err != nil {
		return nil, refuse(ReasonMalformed, err.Error())
	}
	if !mt.IsAPReq() {
		return nil, refuse(ReasonMalformed, "the Kerberos token is not an AP-REQ")
	}
	if mt.APReq.Ticket.EncPart.Cipher == nil || mt.APReq.EncryptedAuthenticator.Cipher == nil {
		return nil, refuse(ReasonMalformed, "the AP-REQ has no ticket or authenticator")
	}
	return &mt.APReq, nil
}

// offersKerberos reports whether the client's first (preferred) mechanism
// is Kerberos: the mechToken is for that mechanism (RFC 4178 4.2.1).
func offersKerberos(init spnego.NegTokenInit) bool {
	if len(init.MechTypes) == 0 {
		return false
	}
	m := init.MechTypes[0]
	return m.Equal(gssapi.OIDKRB5.OID()) || m.Equal(gssapi.OIDMSLegacyKRB5.OID())
}

// errNoKeytab is returned by an Acceptor built without a keytab.
var errNoKeytab = errors.New("kerberos: no keytab")
