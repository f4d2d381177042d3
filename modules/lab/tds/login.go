package tds

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"

	"pcsh/modules/lab/sqltype"
)

// Login error numbers.
const (
	errLoginFailed     = 18456
	errIntegratedLogin = 18452
)

// errLoginRejected ends a connection whose login the handler refused.
var errLoginRejected = errors.New("tds: login rejected")

// handshake runs PRELOGIN, the optional TLS handshake and LOGIN7.
func (c *conn) handshake(ctx context.Context) error {
	strict, err := c.detectStrict()
	if err != nil {
		return err
	}
	m, err := c.pr.readMessage()
	if err != nil {
		return err
	}
	if m.typ != packetPrelogin {
		return fmt.Errorf("tds: expected PRELOGIN, got packet type %#x", m.typ)
	}
	pl, err := decodePrelogin(m.payload)
	if err != nil {
		return err
	}
	enc := negotiateEncryption(pl.encryption)
	if strict {
		enc = encryptNotSup
	}
	reply := encodePrelogin(c.srv.version(), enc, uint32(c.spid))
	if err := writeMessage(c.out, packetReply, reply, minPacketSize); err != nil {
		return err
	}
	tlsConn, err := c.startTLS(enc)
	if err != nil {
		return err
	}
	return c.readLogin(ctx, tlsConn)
}

// detectStrict recognises TDS 8.0 (encrypt=strict): the client opens with
// a TLS ClientHello instead of PRELOGIN, and the whole session runs in TLS.
func (c *conn) detectStrict() (bool, error) {
	var b [1]byte
	if _, err := io.ReadFull(c.raw, b[:]); err != nil {
		return false, err
	}
	pc := &peekConn{Conn: c.raw, head: b[:]}
	if b[0] != 0x16 {
		c.raw = pc
		c.pr.r, c.out = pc, pc
		return false, nil
	}
	cfg, err := c.srv.tlsConfig(true)
	if err != nil {
		return false, err
	}
	t := tls.Server(pc, cfg)
	if err := t.Handshake(); err != nil {
		return false, fmt.Errorf("tds: strict TLS handshake: %w", err)
	}
	c.pr.r, c.out = t, t
	return true, nil
}

// startTLS runs the TLS handshake inside PRELOGIN packets when encryption
// was negotiated. With ENCRYPT_ON the session switches to TLS; with
// ENCRYPT_OFF only the first LOGIN7 packet is encrypted, so the TLS
// connection is returned for readLogin.
func (c *conn) startTLS(enc byte) (*tls.Conn, error) {
	if enc == encryptNotSup {
		return nil, nil
	}
	cfg, err := c.srv.tlsConfig(false)
	if err != nil {
		return nil, err
	}
	hc := newHandshakeConn(c.raw)
	t := tls.Server(hc, cfg)
	if err := t.Handshake(); err != nil {
		return nil, fmt.Errorf("tds: tls handshake: %w", err)
	}
	hc.wrapping = false
	if enc == encryptOn {
		c.pr.r, c.out = t, t
	}
	return t, nil
}

// readLogin reads LOGIN7 (its first packet through TLS for login-only
// encryption), asks the handler and sends the login reply.
func (c *conn) readLogin(ctx context.Context, loginTLS *tls.Conn) error {
	m, err := c.readLoginMessage(loginTLS)
	if err != nil {
		return err
	}
	if m.typ != packetLogin7 {
		return fmt.Errorf("tds: expected LOGIN7, got packet type %#x", m.typ)
	}
	l, err := decodeLogin7(m.payload)
	if err != nil {
		return err
	}
	l.info.RemoteAddr = c.raw.RemoteAddr().String()
	c.login = l.info
	if l.integrated {
		if err := c.acceptSSPI(&l); err != nil {
			return err
		}
		c.login = l.info
	}
	sess, err := c.srv.h.Login(ctx, l.info)
	if err != nil {
		return c.refuse(loginError(err, l.info.UserName))
	}
	c.sess = sess
	return c.acceptLogin(l.info)
}

// readLoginMessage reads LOGIN7; with login-only encryption the first
// packet comes through TLS and the rest in plaintext.
func (c *conn) readLoginMessage(loginTLS *tls.Conn) (message, error) {
	if loginTLS == nil || c.pr.r == io.Reader(loginTLS) {
		return c.pr.readMessage()
	}
	first := packetReader{r: loginTLS, limit: c.pr.limit}
	typ, status, payload, err := first.readPacket(nil)
	m := message{typ: typ, status: status, payload: payload}
	for err == nil && status&statusEOM == 0 {
		_, status, m.payload, err = c.pr.readPacket(m.payload)
	}
	return m, err
}

// loginError turns a handler's refusal into the ERROR token to send.
func loginError(err error, user string) *sqltype.Error {
	var e *sqltype.Error
	if errors.As(err, &e) {
		return e
	}
	return &sqltype.Error{Number: errLoginFailed, Class: 14, State: 1,
		Message: fmt.Sprintf("Login failed for user '%s'.", user)}
}

// refuse sends ERROR + DONE(error) and ends the connection.
func (c *conn) refuse(e *sqltype.Error) error {
	var b encoder
	writeMessageToken(&b, tokenError, e, c.srv.cfg.ServerName)
	writeDone(&b, tokenDone, doneError, 0, 0)
	if err := writeMessage(c.out, packetReply, b.b, c.clientPacketSize()); err != nil {
		return err
	}
	return fmt.Errorf("%w: %s", errLoginRejected, e.Message)
}
