package sqlserver

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"pcsh/modules/lab/tds"
	"pcsh/runtime/atomicfile"
)

// Where the lab keeps the certificate it generates when --tls-cert is not
// given, under the data directory. The certificate file is the exported
// public certificate a client trusts (go-mssqldb certificate=FILE).
const (
	certDir  = "tls"
	certFile = "lab-cert.pem"
	keyFile  = "lab-key.pem"
)

// CertificatePath is the exported certificate of the instance whose data
// directory is data, when the lab generated it.
func CertificatePath(data string) string { return filepath.Join(data, certDir, certFile) }

// labCertificate returns the instance's generated certificate: the one in
// the data directory while it covers every name and address given and is
// valid for another day, else a new one, written there (the key 0600).
func labCertificate(data, name string, hosts []string, ips []net.IP) (*tls.Config, error) {
	dir := filepath.Join(data, certDir)
	if pair, err := tls.LoadX509KeyPair(filepath.Join(dir, certFile), filepath.Join(dir, keyFile)); err == nil && covers(pair, hosts, ips) {
		return &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12}, nil
	}
	pair, err := tds.SelfSignedCertificate(name, hosts, ips)
	if err != nil {
		return nil, fmt.Errorf("lab: generate TLS certificate: %w", err)
	}
	key, err := x509.MarshalPKCS8PrivateKey(pair.PrivateKey)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("lab: TLS certificate: %w", err)
	}
	if err := atomicfile.WriteFileAtomic(filepath.Join(dir, keyFile), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: key}), 0o600); err != nil {
		return nil, fmt.Errorf("lab: TLS certificate: %w", err)
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: pair.Certificate[0]})
	if err := atomicfile.WriteFileAtomic(filepath.Join(dir, certFile), certPEM, 0o644); err != nil {
		return nil, fmt.Errorf("lab: TLS certificate: %w", err)
	}
	return &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12}, nil
}

// covers reports whether pair's certificate names every host and address
// and stays valid for at least another day.
func covers(pair tls.Certificate, hosts []string, ips []net.IP) bool {
	leaf, err := x509.ParseCertificate(pair.Certificate[0])
	if err != nil || time.Until(leaf.NotAfter) < 24*time.Hour {
		return false
	}
	for _, h := range hosts {
		if leaf.VerifyHostname(h) != nil {
			return false
		}
	}
	for _, ip := range ips {
		if leaf.VerifyHostname(ip.String()) != nil {
			return false
		}
	}
	return true
}

// serverTLS is the TLS configuration of the TDS server: c.CertFile and
// c.KeyFile when given, else the lab's generated certificate.
func serverTLS(c Config) (*tls.Config, error) {
	cfg, err := loadTLS(c.CertFile, c.KeyFile)
	if err != nil || cfg != nil {
		return cfg, err
	}
	hosts, ips := certificateNames(c)
	return labCertificate(c.Data, c.Name, hosts, ips)
}

// loadTLS loads the given certificate and key; nil when neither is given
// (the lab then uses its generated certificate, labCertificate).
func loadTLS(cert, key string) (*tls.Config, error) {
	if cert == "" && key == "" {
		return nil, nil
	}
	pair, err := tls.LoadX509KeyPair(cert, key)
	if err != nil {
		return nil, fmt.Errorf("lab: load TLS certificate: %w", err)
	}
	return &tls.Config{Certificates: []tls.Certificate{pair}}, nil
}

// certificateNames are the names and addresses the generated certificate
// covers: localhost, the machine part of the instance name (HOST of
// HOST\INSTANCE) and its lab host name, the listen address and the
// loopback addresses.
func certificateNames(c Config) ([]string, []net.IP) {
	machine, _, _ := strings.Cut(c.Name, `\`)
	hosts := []string{"localhost", machine}
	if c.HostName != "" {
		hosts = append(hosts, c.HostName)
	}
	ips := []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback}
	if ip := net.ParseIP(c.endpointHost()); ip != nil && !ip.IsUnspecified() && !ip.Equal(ips[0]) && !ip.Equal(ips[1]) {
		ips = append(ips, ip)
	}
	return hosts, ips
}
