package connection

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pcsh/runtime/cmdlet"
)

const credPath = "/home/admin/.pcsh/sql-credentials.json"

func TestCredentialFileRefusedWhenOthersCanRead(t *testing.T) {
	for _, mode := range []os.FileMode{0o640, 0o604, 0o644, 0o660} {
		f := newFixture(t)
		f.fs.put(credPath, `{"default": {"user": "u", "password": "pw-file-1"}}`, mode)
		_, err := ReadCredentialFile(f.fs, credPath, true)
		var rec *cmdlet.ErrorRecord
		if !errors.As(err, &rec) || rec.ErrorID != "CredentialFileInsecure" || rec.Category != cmdlet.CategoryPermissionDenied {
			t.Fatalf("mode %o: %v", mode, err)
		}
		if !strings.Contains(rec.Message, fmt.Sprintf("has mode %04o", mode)) ||
			!strings.Contains(rec.Hint, "chmod 600 "+credPath) {
			t.Fatalf("mode %o: %s / %s", mode, rec.Message, rec.Hint)
		}
	}
}

// TestCredentialOrder checks the documented order of the sources.
func TestCredentialOrder(t *testing.T) {
	f := newFixture(t)
	f.m.AddResolver(MapResolver{"dc1-sql1": {Host: "dc1-sql1.contoso.com"}})
	ctx := f.ctx(nil)
	tg, _ := f.m.Resolve(ctx, "dc1-sql1")
	step := func(want string) {
		t.Helper()
		c, err := f.m.Credential(ctx, tg)
		if err != nil || c.User+"/"+c.Password+"/"+c.Source != want {
			t.Fatalf("got %s/%s/%s, %v; want %s", c.User, c.Password, c.Source, err, want)
		}
	}
	f.fs.put(credPath, `{"default": {"user": "dflt", "password": "pw-file-d"}}`, 0o600)
	step("dflt/pw-file-d/credential file")
	f.env[UserEnv], f.env[PasswordEnv] = "envuser", "pw-env-g"
	step("envuser/pw-env-g/PCSH_SQL_PASSWORD")
	f.fs.put(credPath, `{"default": {"user": "dflt", "password": "pw-file-d"}, "instances": {"DC1-SQL1": {"user": "inst", "password": "pw-file-i"}}}`, 0o600)
	step("inst/pw-file-i/credential file")
	f.env[PasswordEnv+"_DC1_SQL1"] = "pw-env-i"
	step("envuser/pw-env-i/PCSH_SQL_PASSWORD_DC1_SQL1")
	for _, pw := range []string{"pw-file-d", "pw-env-g", "pw-file-i", "pw-env-i"} {
		if got := f.sess.Secrets.Redact("x " + pw); got != "x "+cmdlet.Mask {
			t.Errorf("%s not registered: %s", pw, got)
		}
	}
}

func TestCredentialPromptOncePerInstance(t *testing.T) {
	f := newFixture(t)
	f.host.IsInteractive = true
	f.host.Answers = []string{"admin", "pw-typed-1"}
	ctx := f.ctx(nil)
	tg, _ := f.m.Resolve(ctx, "sql01")
	for range 2 {
		c, err := f.m.Credential(ctx, tg)
		if err != nil || c.User != "admin" || c.Password != "pw-typed-1" || c.Source != CredFromPrompt {
			t.Fatalf("prompt: %+v %v", c, err)
		}
	}
	if len(f.host.Prompts) != 2 || !strings.Contains(f.host.Text(), "cannot hide what you type") {
		t.Fatalf("prompts %q, host %q", f.host.Prompts, f.host.Text())
	}
}

func TestSetCredentialWritesOwnerOnlyFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "creds.json")
	cf := &CredentialFile{}
	cf.set("dc1-sql1", &FileLogin{User: "sa", Password: "pw-real-file"})
	if err := WriteCredentialFile(OSFS{}, path, cf); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, %v", fi.Mode(), err)
	}
	back, err := ReadCredentialFile(OSFS{}, path, true)
	if l, ok := back.Lookup("DC1-SQL1"); err != nil || !ok || l.Password != "pw-real-file" {
		t.Fatalf("read back: %+v %v", back, err)
	}
}

func TestIntegratedNeedsNoPassword(t *testing.T) {
	f := newFixture(t)
	ctx := f.ctx(nil)
	tg, _ := f.m.Resolve(context.Background(), "server=sql01;authenticator=winsspi")
	if c, err := f.m.Credential(ctx, tg); err != nil || c.Source != CredIntegrated {
		t.Fatalf("winsspi: %+v %v", c, err)
	}
	tg, _ = f.m.Resolve(context.Background(), "server=sql01;authenticator=ntlm")
	f.env[UserEnv], f.env[PasswordEnv] = "plainuser", "pw-ntlm-1"
	if _, err := f.m.Credential(ctx, tg); cmdlet.AsRecord(err).ErrorID != "NtlmUserInvalid" {
		t.Fatalf("ntlm without domain: %v", err)
	}
}
