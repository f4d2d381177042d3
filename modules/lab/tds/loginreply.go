package tds

import (
	"fmt"

	"pcsh/modules/lab/sqltype"
)

// Login reply constants.
const (
	progName          = "Microsoft SQL Server"
	defaultLanguage   = "us_english"
	defaultDatabase   = "master"
	defaultPacketSize = 4096
	infoDatabase      = 5701
	infoLanguage      = 5703
)

// acceptLogin negotiates the packet size and sends the login reply:
// database, collation, language, optional mirroring partner, LOGINACK,
// packet size and DONE.
func (c *conn) acceptLogin(info LoginInfo) error {
	asked := c.clientPacketSize()
	c.packetSize = min(asked, c.srv.maxPacketSize())
	c.database = c.loginDatabase()
	var e encoder
	writeEnvChange(&e, envDatabase, c.database, defaultDatabase)
	writeMessageToken(&e, tokenInfo, &sqltype.Error{Number: infoDatabase, State: 2,
		Message: fmt.Sprintf("Changed database context to '%s'.", c.database)}, c.srv.cfg.ServerName)
	writeEnvBytes(&e, envCollation, defaultCollation[:], nil)
	writeEnvChange(&e, envLanguage, defaultLanguage, "")
	writeMessageToken(&e, tokenInfo, &sqltype.Error{Number: infoLanguage, State: 1,
		Message: "Changed language setting to " + defaultLanguage + "."}, c.srv.cfg.ServerName)
	if p := c.partner(); p != "" {
		writeEnvChange(&e, envMirrorPartner, p, "")
	}
	writeLoginAck(&e, progName, c.srv.version())
	writePacketSize(&e, c.packetSize, asked)
	writeDone(&e, tokenDone, 0, 0, 0)
	return writeMessage(c.out, packetReply, e.b, asked)
}

// clientPacketSize is the size the client asked for in LOGIN7, within the
// limits TDS allows; 0 or absent means 4096.
func (c *conn) clientPacketSize() int {
	n := c.login.PacketSize
	if n == 0 {
		n = defaultPacketSize
	}
	return max(minPacketSize, min(n, maxPacketSize))
}

// loginDatabase is the database the session starts in.
func (c *conn) loginDatabase() string {
	if si, ok := c.sess.(SessionInfo); ok && si.Database() != "" {
		return si.Database()
	}
	if c.login.Database != "" {
		return c.login.Database
	}
	return defaultDatabase
}

func (c *conn) partner() string {
	if si, ok := c.sess.(SessionInfo); ok {
		return si.FailoverPartner()
	}
	return ""
}
