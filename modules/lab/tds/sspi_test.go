package tds

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/microsoft/go-mssqldb/integratedauth"
	"github.com/microsoft/go-mssqldb/msdsn"
)

// cannedToken is what the test authenticator sends as its SSPI token,
// the size of a Kerberos token with a large PAC: LOGIN7 spans packets.
var cannedToken = bytes.Repeat([]byte{0x60, 0x82}, 10000)

// testAuth is a go-mssqldb integrated authenticator that sends
// cannedToken and records the server's reply.
type testAuth struct{ replies *[][]byte }

func (a testAuth) InitialBytes() ([]byte, error) { return cannedToken, nil }
func (a testAuth) NextBytes(b []byte) ([]byte, error) {
	*a.replies = append(*a.replies, b)
	return nil, nil
}
func (a testAuth) Free() {}

var (
	registerOnce sync.Once
	replies      [][]byte
)

// registerTestAuth makes authenticator=tdstest available to go-mssqldb.
func registerTestAuth(t *testing.T) {
	registerOnce.Do(func() {
		err := integratedauth.SetIntegratedAuthenticationProvider("tdstest",
			integratedauth.ProviderFunc(func(msdsn.Config) (integratedauth.IntegratedAuthenticator, error) {
				return testAuth{replies: &replies}, nil
			}))
		if err != nil {
			t.Fatal(err)
		}
	})
	replies = nil
}

// accepted is the token stubAcceptor accepts: cannedToken as it starts.
var accepted = bytes.Clone(cannedToken)

// stubAcceptor accepts that token as LAB\alice and refuses the rest.
type stubAcceptor struct{ got []byte }

func (s *stubAcceptor) AcceptSSPI(token []byte) (string, error) {
	s.got = token
	if !bytes.Equal(token, accepted) {
		return "", errors.New("not the canned token")
	}
	return `LAB\alice`, nil
}

// integratedDB opens a pool that logs in with the test authenticator.
func integratedDB(t *testing.T, cfg Config, logs *strings.Builder) *sql.DB {
	registerTestAuth(t)
	cfg.ServerName, cfg.Logf = "LAB01", func(f string, a ...any) { fmt.Fprintf(logs, f+"\n", a...) }
	_, port := startTCP(t, newFake(), cfg)
	db, err := sql.Open("sqlserver", fmt.Sprintf("server=127.0.0.1;port=%d;authenticator=tdstest;encrypt=disable", port))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestIntegratedLoginUsesTheAcceptorsLogin(t *testing.T) {
	acc := &stubAcceptor{}
	var logs strings.Builder
	db := integratedDB(t, Config{SSPI: acc}, &logs)
	var user string
	if err := db.QueryRow("SELECT SUSER_SNAME()").Scan(&user); err != nil {
		t.Fatal(err)
	}
	if user != `LAB\alice integrated` {
		t.Fatalf("the session's login = %q", user)
	}
	if !bytes.Equal(acc.got, cannedToken) {
		t.Fatalf("the acceptor got %d bytes, want the %d-byte token", len(acc.got), len(cannedToken))
	}
	if len(replies) != 0 {
		t.Fatalf("the client got SSPI replies %q", replies)
	}
}

func TestIntegratedLoginRefusedWith18452(t *testing.T) {
	for name, cfg := range map[string]Config{"no acceptor": {}, "refused": {SSPI: &stubAcceptor{}}} {
		t.Run(name, func(t *testing.T) {
			var logs strings.Builder
			db := integratedDB(t, cfg, &logs)
			cannedToken[0] ^= 0xFF // the stub refuses a different token
			defer func() { cannedToken[0] ^= 0xFF }()
			err := db.Ping()
			want := "Login failed. The login is from an untrusted domain and cannot be used with Integrated authentication."
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("err = %v", err)
			}
			if !strings.Contains(logs.String(), "integrated login refused") && !strings.Contains(logs.String(), "SSPI handshake failed: not the canned token") {
				t.Fatalf("server log = %q", logs.String())
			}
		})
	}
}

func TestLogin7SSPILongLength(t *testing.T) {
	p := make([]byte, login7HeaderSize+70000)
	p[l7SSPI], p[l7SSPI+2], p[l7SSPI+3] = login7HeaderSize, 0xFF, 0xFF
	p[l7SSPILong], p[l7SSPILong+1], p[l7SSPILong+2] = 0x70, 0x11, 0x01 // 70000
	p[login7HeaderSize] = 0x60
	l, err := decodeLogin7(p)
	if err != nil || !l.integrated || len(l.sspi) != 70000 || l.sspi[0] != 0x60 {
		t.Fatalf("login7 = %v, %d SSPI bytes, %v", l.integrated, len(l.sspi), err)
	}
	p[l7SSPILong+2] = 0x02 // 135536: beyond the payload
	if _, err := decodeLogin7(p); err == nil {
		t.Fatal("an SSPI length beyond the payload was accepted")
	}
}
