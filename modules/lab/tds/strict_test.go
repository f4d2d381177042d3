package tds

import (
	"database/sql"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestStrictEncryption connects with encrypt=strict (TDS 8.0: TLS first,
// ALPN tds/8.0, then PRELOGIN inside TLS), verifying the server's
// certificate from a file as strict mode requires.
func TestStrictEncryption(t *testing.T) {
	cfg, err := selfSignedTLS("localhost")
	if err != nil {
		t.Fatal(err)
	}
	pemFile := filepath.Join(t.TempDir(), "lab.pem")
	block := &pem.Block{Type: "CERTIFICATE", Bytes: cfg.Certificates[0].Certificate[0]}
	if err := os.WriteFile(pemFile, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	_, port := startTCP(t, newFake(), Config{TLS: cfg})
	dsn := fmt.Sprintf("server=127.0.0.1;port=%d;user id=sa;password=pw;encrypt=strict;certificate=%s;hostnameincertificate=localhost", port, pemFile)
	db, err := sql.Open("sqlserver", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("select 1").Scan(&n); err != nil || n != 1 {
		t.Fatalf("select 1 over strict TLS = %d, %v", n, err)
	}
}
