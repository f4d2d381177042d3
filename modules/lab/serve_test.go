package lab

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"database/sql"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/microsoft/go-mssqldb"

	"pcsh/runtime/cli"
)

// childEnv makes the test binary act as pcsh (the re-exec pattern).
const childEnv = "PCSH_LAB_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		os.Exit(cli.Main(context.Background(), os.Args[1:], cli.OSStdio()))
	}
	os.Exit(m.Run())
}

// listenHost is 127.0.0.2 where the loopback range is usable, else
// 127.0.0.1.
func listenHost() string {
	l, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		return "127.0.0.1"
	}
	l.Close()
	return "127.0.0.2"
}

func TestServeReadyQueryAndSIGTERM(t *testing.T) {
	const password = "Cli-Test-Pw-9"
	cmd, lines, ready := startServe(t, password, "--name", "dc1-sql1", "--listen", listenHost()+":0", "--data", t.TempDir())
	if strings.Contains(ready, password) || !strings.Contains(ready, "lab instance dc1-sql1 ready: sqlserver://sa@") {
		t.Fatalf("ready line %q", ready)
	}
	db, err := sql.Open("sqlserver", serveDSN(t, ready, password))
	if err != nil {
		t.Fatal(err)
	}
	var name string
	if err := db.QueryRow("SELECT @@SERVERNAME").Scan(&name); err != nil || name != "dc1-sql1" {
		t.Fatalf("query: %v %q", err, name)
	}
	db.Close()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	waitExit(t, cmd, lines)
}

// startServe runs pcsh lab serve with args and the sa password password,
// and returns the process, its output after the ready line, and the ready
// line; the process is killed when the test ends.
func startServe(t testing.TB, password string, args ...string) (*exec.Cmd, *bufio.Scanner, string) {
	t.Helper()
	return startServeTo(t, os.Stderr, password, args...)
}

// startServeTo is startServe with the process's stderr going to stderr.
func startServeTo(t testing.TB, stderr io.Writer, password string, args ...string) (*exec.Cmd, *bufio.Scanner, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"lab", "serve"}, args...)...)
	cmd.Env = append(os.Environ(), childEnv+"=1", "PCSH_LAB_PASSWORD="+password)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	lines := bufio.NewScanner(out)
	return cmd, lines, readyLine(t, lines)
}

// serveDSN turns the ready line of pcsh lab serve into a go-mssqldb URL.
func serveDSN(t testing.TB, ready, password string) string {
	t.Helper()
	u, err := url.Parse(ready[strings.Index(ready, "sqlserver://"):])
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword("sa", password)
	q := u.Query()
	q.Set("encrypt", "disable")
	u.RawQuery = q.Encode()
	return u.String()
}

// readyLine reads output lines until the ready line.
func readyLine(t testing.TB, lines *bufio.Scanner) string {
	t.Helper()
	found := make(chan string, 1)
	go func() {
		for lines.Scan() {
			if l := lines.Text(); strings.Contains(l, "ready") {
				found <- l
				return
			}
		}
		close(found)
	}()
	select {
	case l, ok := <-found:
		if !ok {
			t.Fatal("pcsh lab serve ended without a ready line")
		}
		return l
	case <-time.After(20 * time.Second):
		t.Fatal("no ready line after 20 s")
	}
	return ""
}

// waitExit waits for a clean exit after SIGTERM with the stopped line.
func waitExit(t *testing.T, cmd *exec.Cmd, lines *bufio.Scanner) {
	t.Helper()
	rest := make(chan string, 1)
	go func() {
		var b strings.Builder
		for lines.Scan() {
			b.WriteString(lines.Text() + "\n")
		}
		rest <- b.String()
	}()
	// Read the output to EOF before Wait, which closes the pipe.
	var r string
	select {
	case r = <-rest:
	case <-time.After(20 * time.Second):
		t.Fatal("pcsh lab serve did not exit within 20 s of SIGTERM")
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit after SIGTERM: %v", err)
	}
	if !strings.Contains(r, "stopped") {
		t.Fatalf("no stopped line: %q", r)
	}
}

func TestServeRefusesABusyAddress(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	err = Serve(context.Background(), ServeOptions{Name: "x", Listen: l.Addr().String(), Data: t.TempDir()}, nil)
	if err == nil || !strings.Contains(err.Error(), "address already in use") {
		t.Fatalf("got %v", err)
	}
}

// labCertName is the DNS name in the test certificates.
const labCertName = "dc1-sql1.lab.test"

// writeCert generates a self-signed server certificate for labCertName
// and host, writes it and its key as PEM files in dir, and returns the
// file paths and the certificate's DER bytes.
func writeCert(t *testing.T, dir, host string) (certFile, keyFile string, der []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	tmpl := &x509.Certificate{SerialNumber: serial, Subject: pkix.Name{CommonName: labCertName},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, BasicConstraintsValid: true, IsCA: true,
		DNSNames: []string{labCertName}, IPAddresses: []net.IP{net.ParseIP(host)}}
	der, err = x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "lab.pem"), filepath.Join(dir, "lab-key.pem")
	writePEM(t, certFile, "CERTIFICATE", der)
	writePEM(t, keyFile, "EC PRIVATE KEY", keyDER)
	return certFile, keyFile, der
}

// writePEM writes one PEM block to path.
func writePEM(t *testing.T, path, typ string, der []byte) {
	t.Helper()
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestServeWithTLSCertificate(t *testing.T) {
	const password = "Cli-Test-Pw-9"
	host := listenHost()
	certFile, keyFile, der := writeCert(t, t.TempDir(), host)
	otherCert, _, _ := writeCert(t, t.TempDir(), host)
	cmd, lines, ready := startServe(t, password, "--name", "dc1-sql1", "--listen", host+":0",
		"--data", t.TempDir(), "--tls-cert", certFile, "--tls-key", keyFile)
	u, err := url.Parse(ready[strings.Index(ready, "sqlserver://"):])
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword("sa", password)
	if err := queryValidated(u, certFile); err != nil {
		t.Fatalf("encrypt=true validating the given certificate: %v", err)
	}
	if err := queryValidated(u, otherCert); err == nil {
		t.Fatal("the connection validated against another certificate")
	}
	if served := servedCertificate(t, u.Host, certFile); !bytes.Equal(served, der) {
		t.Fatal("the served certificate is not the one given with --tls-cert")
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	waitExit(t, cmd, lines)
}

// queryValidated connects to u with encrypt=true, trusting only the CA
// certificate in caFile for the name labCertName, and runs a query.
func queryValidated(u *url.URL, caFile string) error {
	return queryTLS(u, "true", caFile, labCertName)
}

// queryTLS connects to u with encrypt set to encrypt, trusting only the
// certificate in caFile (validating hostInCert when set, else the
// address), and checks @@SERVERNAME.
func queryTLS(u *url.URL, encrypt, caFile, hostInCert string) error {
	v := *u
	q := v.Query()
	q.Set("encrypt", encrypt)
	q.Set("certificate", caFile)
	if hostInCert != "" {
		q.Set("hostNameInCertificate", hostInCert)
	}
	q.Set("dial timeout", "5")
	v.RawQuery = q.Encode()
	db, err := sql.Open("sqlserver", v.String())
	if err != nil {
		return err
	}
	defer db.Close()
	var name string
	if err := db.QueryRow("SELECT @@SERVERNAME").Scan(&name); err != nil {
		return err
	}
	if name != "dc1-sql1" {
		return fmt.Errorf("@@SERVERNAME %q", name)
	}
	return nil
}

// servedCertificate opens a TDS 8.0 (strict) TLS session to addr, which
// must verify against caFile, and returns the server's certificate.
func servedCertificate(t *testing.T, addr, caFile string) []byte {
	t.Helper()
	pemBytes, err := os.ReadFile(caFile)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(pemBytes)
	d := &net.Dialer{Timeout: 5 * time.Second}
	conn, err := tls.DialWithDialer(d, "tcp", addr, &tls.Config{RootCAs: roots, ServerName: labCertName,
		NextProtos: []string{"tds/8.0"}})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	return conn.ConnectionState().PeerCertificates[0].Raw
}
