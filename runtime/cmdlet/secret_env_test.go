package cmdlet

import (
	"slices"
	"testing"
)

// TestSecretEnvRedacted: the value of a registered secret variable is
// masked; registering twice lists it once.
func TestSecretEnvRedacted(t *testing.T) {
	RegisterSecretEnv("PCSH_TEST_SECRET_ENV")
	RegisterSecretEnv("PCSH_TEST_SECRET_ENV")
	if n := len(slices.DeleteFunc(SecretEnvs(), func(s string) bool { return s != "PCSH_TEST_SECRET_ENV" })); n != 1 {
		t.Fatalf("registered %d times", n)
	}
	s := &Secrets{}
	s.AddEnv(func(k string) string {
		if k == "PCSH_TEST_SECRET_ENV" {
			return "Env-Secret-42"
		}
		return ""
	})
	if got := s.Redact("pw Env-Secret-42"); got != "pw "+Mask {
		t.Fatalf("Redact = %q", got)
	}
}
