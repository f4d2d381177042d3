package connection

import (
	"strings"

	"pcsh/modules/connection/labpassword"
	"pcsh/runtime/cmdlet"
)

// Credential finds the login for a target, most specific source first:
//
//  1. the connection string's user id and password;
//  2. PCSH_SQL_USER_<KEY> / PCSH_SQL_PASSWORD_<KEY> for this instance;
//  3. the instance's entry in the credential file;
//  4. PCSH_SQL_USER / PCSH_SQL_PASSWORD;
//  5. the credential file's default entry;
//  6. a prompt, when the host is interactive (once per session and instance).
//
// A lab instance (one resolved through the lab file) gets none of these:
// only sa with PCSH_LAB_PASSWORD or the lab's documented default, so a
// real login never travels to an address a lab file named.
//
// Integrated authentication with SSPI needs none of these; Kerberos
// (authenticator=krb5) finds its ticket, keytab or password as
// Manager.kerberos says.
// Every password found is registered with the session's secrets.
func (m *Manager) Credential(ctx *cmdlet.Context, t *Target) (Credential, error) {
	switch t.Authenticator {
	case "winsspi":
		return Credential{User: t.User, Source: CredIntegrated}, nil
	case "krb5":
		c, err := m.kerberos(t)
		m.Secrets.Add(c.Password)
		return c, err
	}
	c, ok, err := m.findCredential(t)
	if err == nil && !ok {
		c, err = m.prompt(ctx, t)
	}
	if err != nil {
		return Credential{}, err
	}
	m.Secrets.Add(c.Password)
	if c.User == "" {
		return Credential{}, noUser(t, c)
	}
	if t.Authenticator == "ntlm" && !strings.Contains(c.User, `\`) {
		return Credential{}, cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "NtlmUserInvalid", t.Display(),
			"NTLM authentication needs a DOMAIN\\user login, not %q.", c.User)
	}
	return c, nil
}

// findCredential walks sources 1 to 5, or gives a lab instance the lab's
// login.
func (m *Manager) findCredential(t *Target) (Credential, bool, error) {
	if t.Lab {
		return m.labCredential(), true, nil
	}
	if t.password != "" {
		return Credential{User: t.User, Password: t.password, Source: CredFromConnectionString}, true, nil
	}
	key := t.CredentialKey()
	if c, ok := fromEnv(m.Getenv, "_"+EnvSuffix(key)); ok {
		return m.withUser(c, t), true, nil
	}
	cf, err := ReadCredentialFile(m.FS, CredentialFilePath(m.Getenv), m.CheckFileMode)
	if err != nil {
		return Credential{}, false, err
	}
	if l, ok := cf.lookup(key); ok {
		return m.withUser(Credential{User: l.User, Password: l.Password, Source: CredFromFile}, t), true, nil
	}
	if c, ok := fromEnv(m.Getenv, ""); ok {
		return m.withUser(c, t), true, nil
	}
	if cf != nil && cf.Default != nil {
		return m.withUser(Credential{User: cf.Default.User, Password: cf.Default.Password, Source: CredFromFile}, t), true, nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.prompted[key]
	return c, ok, nil
}

// labCredential is sa with PCSH_LAB_PASSWORD, or the lab's documented
// default password.
func (m *Manager) labCredential() Credential {
	return Credential{User: "sa", Password: labpassword.From(m.Getenv), Source: CredFromLab}
}

// withUser fills a missing user name from the connection string, then
// PCSH_SQL_USER.
func (m *Manager) withUser(c Credential, t *Target) Credential {
	if c.User == "" {
		c.User = t.User
	}
	if c.User == "" {
		c.User = m.Getenv(UserEnv)
	}
	return c
}

// lookup is Lookup on a possibly missing file.
func (f *CredentialFile) lookup(key string) (*FileLogin, bool) {
	if f == nil {
		return nil, false
	}
	return f.Lookup(key)
}

func noUser(t *Target, c Credential) *cmdlet.ErrorRecord {
	return cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "SqlUserMissing", t.Display(),
		"A password for %s was found (%s) but no user name.", t.Display(), c.Source).
		WithHint("set %s or %s_%s, or add \"user\" to the credential file entry", UserEnv, UserEnv, EnvSuffix(t.CredentialKey()))
}
