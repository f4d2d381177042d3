package winrmfake

import (
	"crypto/tls"
	"encoding/pem"
	"net"

	"pcsh/modules/lab/tds"
)

// selfSigned makes a certificate for host (an IP address or a name) and
// returns it for the server and as PEM for the client, which trusts it
// as its own root.
func selfSigned(host string) (tls.Certificate, []byte, error) {
	var names []string
	ips := []net.IP{net.ParseIP(host)}
	if ips[0] == nil {
		names, ips = []string{host}, nil
	}
	cert, err := tds.SelfSignedCertificate(host, names, ips)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	return cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Certificate[0]}), nil
}
