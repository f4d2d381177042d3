package exec

import (
	"strings"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
	"pcsh/modules/lab/tds"
)

// DefaultPassword is the sa password when PCSH_LAB_PASSWORD is unset. It
// is documented in modules/lab/README.md; the lab is for rehearsals on
// loopback addresses, never for production data.
const DefaultPassword = "Pcsh-Lab-2014!"

// PasswordEnv names the environment variable holding the sa password.
const PasswordEnv = "PCSH_LAB_PASSWORD"

// saLogin is the only login of the lab.
const saLogin = "sa"

// PasswordFrom returns the sa password from getenv, or DefaultPassword.
func PasswordFrom(getenv func(string) string) string {
	if getenv != nil {
		if p := getenv(PasswordEnv); p != "" {
			return p
		}
	}
	return DefaultPassword
}

// connect checks the SQL login (the name is case-insensitive, the
// password exact, as with SQL Server's default collation) and opens the
// engine session. Failures are SQL Server's 18456 (state 1, as clients
// see it) or, for a login database that cannot be opened, its 4060.
func (h *Handler) connect(info tds.LoginInfo) (*engine.Session, error) {
	if !strings.EqualFold(info.UserName, saLogin) || info.Password != h.cfg.Password {
		return nil, loginFailed(info.UserName)
	}
	es, err := h.inst.Connect(engine.LoginRequest{Login: saLogin, Password: info.Password,
		Database: info.Database, AppName: info.AppName, HostName: info.HostName, ClientPID: info.ClientPID})
	if err != nil {
		if chain := engine.SQLErrors(err); len(chain) > 0 {
			return nil, chain[0].SQLError()
		}
		return nil, loginFailed(info.UserName)
	}
	return es, nil
}

// loginFailed is error 18456 as a client sees it.
func loginFailed(user string) *sqltype.Error {
	return engine.RaiseState(18456, 1, user).SQLError()
}
