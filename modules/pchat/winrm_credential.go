package pchat

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"pcsh/runtime/cmdlet"
)

// The environment variables of the WinRM form.
const (
	EnvWinRMUser     = "PCSH_WINRM_USER"     // DOMAIN\user, user@REALM, or a local account
	EnvWinRMPassword = "PCSH_WINRM_PASSWORD" // its password (not for Kerberos with a ticket)
	EnvWinRMCAFile   = "PCSH_WINRM_CA_FILE"  // PEM CA certificates the server's certificate must chain to
)

// The WinRM password is a secret the host redacts from everything it
// prints, logs or records.
func init() { cmdlet.RegisterSecretEnv(EnvWinRMPassword) }

// WinRMCredential is the account the WinRM service authenticates. Its
// password is registered with the session's secrets as soon as it is
// read, so no output, log or transcript shows it.
type WinRMCredential struct {
	User     string
	Password string
	Source   string // where it came from: -Credential, an environment variable, the prompt, the Kerberos cache
}

// winrmCredential finds the account for t: user (from -Credential) or
// PCSH_WINRM_USER, with PCSH_WINRM_PASSWORD (unless PCSH_WINRM_USER
// names another account) or a prompt for the password. Kerberos needs no
// password when a ticket cache is there.
func winrmCredential(ctx *cmdlet.Context, t WinRMTarget, user string) (WinRMCredential, error) {
	getenv := ctx.Session.Getenv
	c := WinRMCredential{User: user, Source: "-Credential"}
	if c.User == "" {
		c.User, c.Source = getenv(EnvWinRMUser), EnvWinRMUser
	}
	if p := getenv(EnvWinRMPassword); p != "" && (getenv(EnvWinRMUser) == "" || c.User == getenv(EnvWinRMUser)) {
		c.Password = p
		ctx.Session.Secrets.Add(p)
		return c, c.needsUser(t)
	}
	if t.Auth == AuthKerberos && user == "" {
		return WinRMCredential{User: c.User, Source: "Kerberos credential cache"}, nil
	}
	return promptWinRM(ctx, t, c)
}

// promptWinRM asks for the user (unless known) and the password.
func promptWinRM(ctx *cmdlet.Context, t WinRMTarget, c WinRMCredential) (WinRMCredential, error) {
	h := ctx.Session.Host
	if !h.Interactive() {
		return c, noWinRMCredential(t)
	}
	if c.User == "" {
		u, err := h.ReadLine(ctx, fmt.Sprintf("User name for %s: ", t.Host))
		if err != nil {
			return c, noWinRMCredential(t)
		}
		c.User = strings.TrimSpace(u)
	}
	p, err := readPassword(ctx, fmt.Sprintf("Password for %s on %s: ", c.User, t.Host))
	if err != nil {
		return c, noWinRMCredential(t)
	}
	ctx.Session.Secrets.Add(p)
	c.Password, c.Source = p, "prompt"
	return c, c.needsUser(t)
}

func (c WinRMCredential) needsUser(t WinRMTarget) error {
	if c.User == "" {
		return noWinRMCredential(t)
	}
	return nil
}

// readPassword reads without echo where the host can, else warns and
// reads a visible line.
func readPassword(ctx *cmdlet.Context, prompt string) (string, error) {
	if sr, ok := ctx.Session.Host.(interface {
		ReadSecret(ctx context.Context, prompt string) (string, error)
	}); ok {
		if s, err := sr.ReadSecret(ctx, prompt); !errors.Is(err, cmdlet.ErrSecretEchoes) {
			return s, err
		}
	}
	ctx.WriteWarning("This host cannot hide what you type: the password will be visible on the screen "+
		"(it is still masked in output and transcripts). Use %s or Kerberos to avoid typing it.", EnvWinRMPassword)
	return ctx.Session.Host.ReadLine(ctx, prompt)
}

func noWinRMCredential(t WinRMTarget) *cmdlet.ErrorRecord {
	return cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "WinRMCredentialMissing", t.Host,
		"No account is known for the WinRM service on %s and this run cannot prompt for one.", t.Host).
		WithHint("set %s and %s, use ?auth=kerberos with a ticket (kinit), or run interactively", EnvWinRMUser, EnvWinRMPassword)
}
