package lab

import (
	"crypto/x509"
	"encoding/pem"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pcsh/modules/lab/sqlserver"
)

// TestServeStrictWithExportedCertificate: without --tls-cert the lab
// generates a certificate, exports it to DATA/tls/lab-cert.pem and serves
// it; it covers the listen address and the instance's names, so
// go-mssqldb with encrypt=strict and certificate=that file validates the
// server by its address and by its name, and the same certificate is
// served after a restart.
func TestServeStrictWithExportedCertificate(t *testing.T) {
	const password = "Cli-Test-Pw-9"
	host, data := listenHost(), filepath.Join(t.TempDir(), "dc1-sql1")
	cmd, _, ready := startServe(t, password, "--name", "dc1-sql1", "--listen", host+":0", "--data", data)
	exported := sqlserver.CertificatePath(data)
	b, err := os.ReadFile(exported)
	if err != nil {
		t.Fatalf("no exported certificate: %v", err)
	}
	block, _ := pem.Decode(b)
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	if !ipIn(cert.IPAddresses, net.ParseIP(host)) || cert.VerifyHostname("dc1-sql1") != nil {
		t.Fatalf("SANs %v %v", cert.IPAddresses, cert.DNSNames)
	}
	if fi, err := os.Stat(filepath.Join(data, "tls", "lab-key.pem")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", fi, err)
	}
	u, err := url.Parse(ready[strings.Index(ready, "sqlserver://"):])
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword("sa", password)
	for name, hostInCert := range map[string]string{"by address": "", "by name": "dc1-sql1"} {
		if err := queryStrict(u, exported, hostInCert); err != nil {
			t.Errorf("encrypt=strict %s with the exported certificate: %v", name, err)
		}
	}
	if err := queryStrict(u, exported, "sql01.contoso.com"); err == nil {
		t.Error("encrypt=strict validated a name the certificate does not hold")
	}
	cmd.Process.Kill()
	cmd.Wait()
	_, _, ready = startServe(t, password, "--name", "dc1-sql1", "--listen", u.Host, "--data", data)
	if again, _ := os.ReadFile(exported); string(again) != string(b) {
		t.Error("the restart replaced a certificate that still covered the instance")
	}
	if err := queryStrict(u, exported, ""); err != nil {
		t.Errorf("encrypt=strict after a restart: %v", err)
	}
}

// queryStrict is queryTLS with encrypt=strict.
func queryStrict(u *url.URL, caFile, hostInCert string) error {
	return queryTLS(u, "strict", caFile, hostInCert)
}

// ipIn reports whether ips holds ip.
func ipIn(ips []net.IP, ip net.IP) bool {
	for _, x := range ips {
		if x.Equal(ip) {
			return true
		}
	}
	return false
}
