package lab

import (
	"database/sql"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"
)

// TestCheckListen: only loopback addresses are served unless the opt-in
// is given and PCSH_LAB_PASSWORD is set; the refusal says why and names
// the opt-in flag.
func TestCheckListen(t *testing.T) {
	noPassword := func(string) string { return "" }
	withPassword := func(k string) string {
		if k == "PCSH_LAB_PASSWORD" {
			return "Not-The-Default-1"
		}
		return ""
	}
	for _, ok := range []string{"127.0.0.1:1433", "127.0.0.5:0", "[::1]:1433", "localhost:1433"} {
		if err := checkListen(ok, false, noPassword); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, addr := range []string{"0.0.0.0:1433", ":1433", "10.1.2.3:1433", "[::]:1433", "sql01.contoso.com:1433"} {
		err := checkListen(addr, false, withPassword)
		if err == nil || !strings.Contains(err.Error(), "is not a loopback address") || !strings.Contains(err.Error(), "--allow-non-loopback") {
			t.Errorf("%s without the opt-in: %v", addr, err)
		}
		err = checkListen(addr, true, noPassword)
		if err == nil || !strings.Contains(err.Error(), "PCSH_LAB_PASSWORD") {
			t.Errorf("%s with the opt-in but the default password: %v", addr, err)
		}
		if err := checkListen(addr, true, withPassword); err != nil {
			t.Errorf("%s with the opt-in and PCSH_LAB_PASSWORD: %v", addr, err)
		}
	}
}

// TestServeRefusesNonLoopbackListen: pcsh lab serve --listen 0.0.0.0:0
// exits with an error naming the opt-in, without listening.
func TestServeRefusesNonLoopbackListen(t *testing.T) {
	cmd := exec.Command(os.Args[0], "lab", "serve", "--name", "x", "--listen", "0.0.0.0:0", "--data", t.TempDir())
	cmd.Env = append(os.Environ(), childEnv+"=1", "PCSH_LAB_PASSWORD=Cli-Test-Pw-9")
	out, err := cmd.CombinedOutput()
	if err == nil || strings.Contains(string(out), "ready") {
		t.Fatalf("served on 0.0.0.0: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "0.0.0.0:0 is not a loopback address") || !strings.Contains(string(out), "--allow-non-loopback") {
		t.Fatalf("output %q", out)
	}
}

// TestServeConfinesBackupToBackupDirs: through go-mssqldb, pcsh lab serve
// backs up into its data directory and a --backup-dir, and refuses a
// directory outside them, a ".." that climbs out and a symbolic link that
// leads out with 3201 "… Operating system error 5(Access is denied.)."
func TestServeConfinesBackupToBackupDirs(t *testing.T) {
	const password = "Cli-Test-Pw-9"
	data, allowed, outside := t.TempDir(), t.TempDir(), t.TempDir()
	if err := os.Symlink(outside, filepath.Join(allowed, "out")); err != nil {
		t.Fatal(err)
	}
	_, _, ready := startServe(t, password, "--name", "dc1-sql1", "--listen", listenHost()+":0", "--data", data,
		"--backup-dir", allowed)
	db, err := sql.Open("sqlserver", serveDSN(t, ready, password))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE pc"); err != nil {
		t.Fatal(err)
	}
	for _, ok := range []string{filepath.Join(allowed, "pc.bak"), filepath.Join(data, "pc.bak")} {
		if _, err := db.Exec("BACKUP DATABASE pc TO DISK = @p1", ok); err != nil {
			t.Errorf("BACKUP TO DISK = %s: %v", ok, err)
		}
	}
	for _, bad := range []string{filepath.Join(outside, "pc.bak"), allowed + "/../" + filepath.Base(outside) + "/pc.bak",
		filepath.Join(allowed, "out", "pc.bak")} {
		_, err := db.Exec("BACKUP DATABASE pc TO DISK = @p1", bad)
		var e mssql.Error
		if !errors.As(err, &e) || len(e.All) != 2 || e.All[0].Number != 3201 ||
			e.All[0].Message != "Cannot open backup device '"+bad+"'. Operating system error 5(Access is denied.)." {
			t.Errorf("BACKUP TO DISK = %s: %v", bad, err)
		}
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Fatalf("files written outside the backup directories: %v", entries)
	}
	if _, err := db.Exec("RESTORE HEADERONLY FROM DISK = @p1", filepath.Join(allowed, "out", "pc.bak")); err == nil {
		t.Fatal("RESTORE read through a link out of the backup directory")
	}
}
