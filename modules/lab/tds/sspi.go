package tds

import "pcsh/modules/lab/sqltype"

// SSPIAcceptor verifies the SSPI token of an integrated-security LOGIN7
// in one leg (Kerberos): it returns the Windows login the token proves
// (DOMAIN\user), or an error saying why it refused, which the server
// logs and answers with 18452. The login reply carries no SSPI token:
// go-mssqldb reads an SSPI token as the end of a reply message, so one
// in front of LOGINACK would leave the client waiting.
type SSPIAcceptor interface {
	AcceptSSPI(token []byte) (login string, err error)
}

// untrustedDomain is SQL Server's answer to a Windows login it cannot
// verify (MSSQLSERVER_18452).
func untrustedDomain() *sqltype.Error {
	return &sqltype.Error{Number: errIntegratedLogin, Class: 14, State: 1,
		Message: "Login failed. The login is from an untrusted domain and cannot be used with Integrated authentication."}
}

// acceptSSPI verifies an integrated login: the token's Windows login
// replaces the LOGIN7 user name, and the reply token goes out with the
// login reply. A refusal is logged with its reason and sent as 18452.
func (c *conn) acceptSSPI(l *login7) error {
	a := c.srv.cfg.SSPI
	if a == nil {
		c.srv.logf("tds: connection %d from %s: integrated login refused: the instance has no keytab", c.spid, l.info.RemoteAddr)
		return c.refuse(untrustedDomain())
	}
	login, err := a.AcceptSSPI(l.sspi)
	if err != nil {
		c.srv.logf("tds: connection %d from %s: SSPI handshake failed: %v", c.spid, l.info.RemoteAddr, err)
		return c.refuse(untrustedDomain())
	}
	l.info.UserName, l.info.Password, l.info.Integrated = login, "", true
	return nil
}
