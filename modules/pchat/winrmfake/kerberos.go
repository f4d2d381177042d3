package winrmfake

import (
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/jcmturner/gokrb5/v8/credentials"
	"github.com/jcmturner/gokrb5/v8/keytab"
	"github.com/jcmturner/gokrb5/v8/service"
	"github.com/jcmturner/gokrb5/v8/spnego"
)

// ctxCredentials is the context key under which gokrb5's SPNEGO service
// leaves the client's credentials after accepting its token.
const ctxCredentials = "github.com/jcmturner/gokrb5/v8/ctxCredentials"

// AcceptKerberos makes the service accept SPNEGO (Negotiate) tokens
// whose Kerberos service ticket the keytab's key decrypts, as WinRM
// does with its HTTP/host account.
func (s *Server) AcceptKerberos(kt *keytab.Keytab) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keytab = kt
}

// kerberosUser verifies a Negotiate header and returns the client's
// principal (user@REALM), or "" when there is none or it is refused.
func (s *Server) kerberosUser(r *http.Request) string {
	s.mu.Lock()
	kt := s.keytab
	s.mu.Unlock()
	enc, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Negotiate ")
	if kt == nil || !ok {
		return ""
	}
	b, err := base64.StdEncoding.DecodeString(enc)
	var tok spnego.SPNEGOToken
	if err != nil || tok.Unmarshal(b) != nil {
		return ""
	}
	accepted, ctx, _ := spnego.SPNEGOService(kt, service.DecodePAC(false)).AcceptSecContext(&tok)
	if !accepted {
		return ""
	}
	creds, ok := ctx.Value(ctxCredentials).(*credentials.Credentials)
	if !ok {
		return ""
	}
	return creds.UserName() + "@" + creds.Domain()
}
