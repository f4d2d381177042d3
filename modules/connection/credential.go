package connection

import (
	"strings"
	"unicode"

	"pcsh/modules/connection/labpassword"
	"pcsh/runtime/cmdlet"
)

// The environment variables holding SQL logins. A per-instance variable
// appends the instance key in upper case with every other character
// turned into '_': PCSH_SQL_USER_DC1_SQL1 for dc1-sql1, or
// PCSH_SQL_PASSWORD_SQL01_LYNC for sql01\lync.
const (
	UserEnv     = "PCSH_SQL_USER"
	PasswordEnv = "PCSH_SQL_PASSWORD"
)

// The passwords the environment holds are secrets the host redacts from
// everything it prints.
func init() {
	cmdlet.RegisterSecretEnv(PasswordEnv)
	cmdlet.RegisterSecretEnv(labpassword.Env)
}

// Credential is a login for one instance. Its password is registered with
// the session's secrets as soon as it is read.
type Credential struct {
	User     string
	Password string
	Source   string            // where it came from: an env var name, "credential file", "prompt", …
	options  map[string]string // connection-string keys the login adds (the Kerberos cache or keytab)
}

// The credential sources reported in Credential.Source.
const (
	CredFromConnectionString = "connection string"
	CredFromFile             = "credential file"
	CredFromPrompt           = "prompt"
	CredFromLab              = "lab"
	CredIntegrated           = "integrated"
)

// CredentialKey names the instance in per-instance variables and in the
// credential file: the topology name when it came from a resolver,
// host[\instance] otherwise.
func (t *Target) CredentialKey() string {
	if t.Source == SourceResolver || t.Source == SourceLab {
		return t.Name
	}
	return t.Server()
}

// EnvSuffix turns an instance key into the suffix of its per-instance
// variables: DC1_SQL1 for dc1-sql1.
func EnvSuffix(key string) string {
	return strings.Map(func(r rune) rune {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return unicode.ToUpper(r)
		}
		return '_'
	}, key)
}

// fromEnv returns the login in user/password variables, if both are set
// (or the password alone, for an NTLM or lab login whose user is known).
func fromEnv(getenv func(string) string, suffix string) (Credential, bool) {
	user, pass := getenv(UserEnv+suffix), getenv(PasswordEnv+suffix)
	if pass == "" {
		return Credential{}, false
	}
	name := PasswordEnv + suffix
	return Credential{User: user, Password: pass, Source: name}, true
}
