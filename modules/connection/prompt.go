package connection

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"pcsh/runtime/cmdlet"
)

// SecretReader is implemented by hosts that can read a line without
// echoing it (the terminal host, with liner's password mode). A host that
// cannot, or whose ReadSecret answers cmdlet.ErrSecretEchoes, gets a
// warning before the password prompt that the input will be visible.
type SecretReader interface {
	ReadSecret(ctx context.Context, prompt string) (string, error)
}

// prompt asks the person at the console for a login, once per session and
// instance; without one it fails with the list of sources to set.
func (m *Manager) prompt(ctx *cmdlet.Context, t *Target) (Credential, error) {
	h := ctx.Session.Host
	key := t.CredentialKey()
	if !h.Interactive() {
		return Credential{}, noCredential(t)
	}
	user, err := h.ReadLine(ctx, fmt.Sprintf("User name for %s: ", key))
	if err != nil {
		return Credential{}, noCredential(t)
	}
	pass, err := readSecret(ctx, fmt.Sprintf("Password for %s on %s: ", strings.TrimSpace(user), key))
	if err != nil {
		return Credential{}, noCredential(t)
	}
	m.Secrets.Add(pass)
	c := Credential{User: strings.TrimSpace(user), Password: pass, Source: CredFromPrompt}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.prompted == nil {
		m.prompted = map[string]Credential{}
	}
	m.prompted[key] = c
	return c, nil
}

func readSecret(ctx *cmdlet.Context, prompt string) (string, error) {
	if sr, ok := ctx.Session.Host.(SecretReader); ok {
		s, err := sr.ReadSecret(ctx, prompt)
		if !errors.Is(err, cmdlet.ErrSecretEchoes) {
			return s, err
		}
	}
	ctx.WriteWarning("This host cannot hide what you type: the password will be visible on the screen "+
		"(it is still masked in output and transcripts). Use %s or a credential file to avoid typing it.", PasswordEnv)
	return ctx.Session.Host.ReadLine(ctx, prompt)
}

func noCredential(t *Target) *cmdlet.ErrorRecord {
	k := EnvSuffix(t.CredentialKey())
	return cmdlet.Errorf(cmdlet.CategoryConnectionError, "SqlCredentialMissing", t.Display(),
		"No SQL login is known for %s and this run cannot prompt for one.", t.Display()).
		WithHint("set %s_%s and %s_%s (or %s and %s), write one with Set-PcSqlCredential, or run interactively",
			UserEnv, k, PasswordEnv, k, UserEnv, PasswordEnv)
}
