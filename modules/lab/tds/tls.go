package tds

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"time"
)

// alpnTDS8 is the ALPN protocol of TDS 8.0 (encrypt=strict).
const alpnTDS8 = "tds/8.0"

// selfSignedTLS returns a server configuration with a fresh in-memory ECDSA
// P-256 certificate for localhost, valid for one year.
func selfSignedTLS(name string) (*tls.Config, error) {
	cert, err := SelfSignedCertificate(name, []string{"localhost", name}, []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback})
	if err != nil {
		return nil, err
	}
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, nil
}

// SelfSignedCertificate returns a fresh self-signed ECDSA P-256 server
// certificate with common name name, valid for one year for the host
// names dnsNames and the addresses ips (its subject alternative names,
// which clients that validate the certificate match the server against).
func SelfSignedCertificate(name string, dnsNames []string, ips []net.IP) (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		return tls.Certificate{}, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: name},
		DNSNames:     dnsNames,
		IPAddresses:  ips,
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(365 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, nil
}

// serverTLS adapts cfg for TDS. Inside PRELOGIN packets (TDS 7.x) it caps
// the version at TLS 1.2, as SQL Server does: with TLS 1.3 the client's
// Finished is its last handshake write and clients such as FreeTDS never
// flush it into a packet. Session tickets are off because a ticket sent
// after the handshake would land in a message the client does not read.
// Strict mode (TDS 8.0) runs TLS 1.2 or 1.3 with ALPN tds/8.0.
func serverTLS(cfg *tls.Config, strict bool) *tls.Config {
	c := cfg.Clone()
	c.SessionTicketsDisabled = true
	if strict {
		c.NextProtos = append(c.NextProtos, alpnTDS8)
	} else {
		c.MaxVersion = tls.VersionTLS12
	}
	return c
}

// handshakeConn carries TLS handshake records inside PRELOGIN packets, as
// TDS 7.x requires, and becomes a plain pass-through once the handshake is
// over.
type handshakeConn struct {
	net.Conn
	wrapping bool
	pr       packetReader
	pending  []byte
}

func newHandshakeConn(c net.Conn) *handshakeConn {
	return &handshakeConn{Conn: c, wrapping: true, pr: packetReader{r: c}}
}

// Read returns handshake bytes from the payload of the next PRELOGIN
// packets, or raw bytes after the handshake.
func (h *handshakeConn) Read(b []byte) (int, error) {
	if !h.wrapping {
		return h.Conn.Read(b)
	}
	for len(h.pending) == 0 {
		_, _, p, err := h.pr.readPacket(nil)
		if err != nil {
			return 0, err
		}
		h.pending = p
	}
	n := copy(b, h.pending)
	h.pending = h.pending[n:]
	return n, nil
}

// Write sends one TLS flight as one PRELOGIN message (the client reads one
// message per flight), using the minimum packet size because the client's
// size is not known before LOGIN7.
func (h *handshakeConn) Write(b []byte) (int, error) {
	if !h.wrapping {
		return h.Conn.Write(b)
	}
	if err := writeMessage(h.Conn, packetPrelogin, b, minPacketSize); err != nil {
		return 0, err
	}
	return len(b), nil
}

// peekConn replays bytes already read from the connection.
type peekConn struct {
	net.Conn
	head []byte
}

func (p *peekConn) Read(b []byte) (int, error) {
	if len(p.head) > 0 {
		n := copy(b, p.head)
		p.head = p.head[n:]
		return n, nil
	}
	return p.Conn.Read(b)
}
