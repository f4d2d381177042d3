package exec

import (
	"strings"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
	"pcsh/modules/lab/tds"
)

// saLogin is the only login of the lab.
const saLogin = "sa"

// connect checks the SQL login (the name is case-insensitive, the
// password exact, as with SQL Server's default collation) and opens the
// engine session. Failures are SQL Server's 18456 (state 1, as clients
// see it) or, for a login database that cannot be opened, its 4060.
func (h *Handler) connect(info tds.LoginInfo) (*engine.Session, error) {
	login, ok := h.login(info)
	if !ok {
		return nil, loginFailed(info.UserName)
	}
	es, err := h.inst.Connect(engine.LoginRequest{Login: login, Password: info.Password, Windows: info.Integrated,
		Database: info.Database, AppName: info.AppName, HostName: info.HostName, ClientPID: info.ClientPID})
	if err != nil {
		if chain := engine.SQLErrors(err); len(chain) > 0 {
			return nil, chain[0].SQLError()
		}
		return nil, loginFailed(info.UserName)
	}
	return es, nil
}

// login names the session's login: sa with its password, or a Windows
// login the TDS server verified (Kerberos) that CREATE LOGIN … FROM
// WINDOWS added. A verified Windows principal without a login fails with
// 18456, as on SQL Server (the lab knows no groups, so no group login
// admits it).
func (h *Handler) login(info tds.LoginInfo) (string, bool) {
	if info.Integrated {
		if h.cfg.Principals == nil {
			return "", false
		}
		return h.cfg.Principals.WindowsLogin(info.UserName)
	}
	return saLogin, strings.EqualFold(info.UserName, saLogin) && info.Password == h.cfg.Password
}

// loginFailed is error 18456 as a client sees it.
func loginFailed(user string) *sqltype.Error {
	return engine.RaiseState(18456, 1, user).SQLError()
}
