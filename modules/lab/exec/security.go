package exec

import (
	"errors"
	"strings"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/principals"
	"pcsh/modules/lab/tsql"
)

// createLogin runs CREATE LOGIN name FROM WINDOWS and CREATE LOGIN name
// WITH PASSWORD = '…' (CHECK_POLICY and CHECK_EXPIRATION are accepted; the
// password is evaluated, then dropped: the lab keeps and logs none). 15025
// when the principal exists; 15401 for a Windows name without a domain.
func (r *run) createLogin(st *tsql.CreateLoginStmt) error {
	p, err := r.securityStore("CREATE LOGIN")
	if err != nil {
		return err
	}
	if st.FromWindows {
		if len(st.Options) > 0 {
			return unsupported("CREATE LOGIN FROM WINDOWS WITH " + st.Options[0].Name)
		}
		if !strings.Contains(st.Name, `\`) {
			return engine.Raise(15401, st.Name)
		}
	} else if err := r.checkLoginOptions(st.Options); err != nil {
		return err
	}
	if err := p.CreateLogin(st.Name, st.FromWindows, r.s.h.cfg.Now()); errors.Is(err, principals.ErrExists) {
		return engine.Raise(15025, st.Name)
	} else if err != nil {
		return err
	}
	return nil
}

// checkLoginOptions accepts PASSWORD (required, a string) and the
// CHECK_POLICY and CHECK_EXPIRATION flags of CREATE LOGIN … WITH.
func (r *run) checkLoginOptions(opts []tsql.Option) error {
	password := false
	for _, o := range opts {
		switch o.Name {
		case "PASSWORD":
			if o.Value == nil {
				return unsupported("CREATE LOGIN WITH PASSWORD without a value")
			}
			if _, err := r.evalText(o.Value); err != nil {
				return err
			}
			password = true
		case "CHECK_POLICY", "CHECK_EXPIRATION":
		default:
			return unsupported("CREATE LOGIN WITH " + o.Name)
		}
	}
	if !password {
		return unsupported("CREATE LOGIN WITH without PASSWORD")
	}
	return nil
}

// dropLogin runs DROP LOGIN; 15151 when there is no such login. The
// built-in sa cannot be dropped in the lab.
func (r *run) dropLogin(st *tsql.DropLoginStmt) error {
	p, err := r.securityStore("DROP LOGIN")
	if err != nil {
		return err
	}
	if strings.EqualFold(st.Name, saLogin) {
		return unsupported("DROP LOGIN sa")
	}
	if err := p.DropLogin(st.Name); errors.Is(err, principals.ErrNotFound) {
		return engine.Raise(15151, "drop", "login", st.Name)
	} else if err != nil {
		return err
	}
	return nil
}

// permission runs GRANT CONNECT ON ENDPOINT::name TO login, … and REVOKE
// CONNECT ON ENDPOINT::name FROM login, …, the only permissions the lab
// keeps; 15151 for an endpoint or login that does not exist.
func (r *run) permission(st *tsql.PermissionStmt) error {
	p, err := r.securityStore(st.Action)
	if err != nil {
		return err
	}
	if st.Action == "DENY" || st.GrantOption || st.Class != "ENDPOINT" || len(st.Permissions) != 1 ||
		st.Permissions[0] != "CONNECT" {
		return unsupported(strings.Join(strings.Fields(st.String()), " "))
	}
	name := st.On.Object()
	epID := 0
	if m := r.s.h.cfg.Mirror; m != nil {
		if e, ok := m.Endpoint(); ok && strings.EqualFold(e.Name, name) {
			epID = int(e.ID)
		}
	}
	if epID == 0 {
		return engine.Raise(15151, "find", "endpoint", name)
	}
	grants := make([]principals.Permission, 0, len(st.Principals))
	for _, who := range st.Principals {
		id, ok := p.PrincipalID(who)
		if !ok || strings.EqualFold(who, "PUBLIC") {
			return engine.Raise(15151, "find", "login", who)
		}
		grants = append(grants, principals.Permission{Class: principals.ClassEndpoint, MajorID: epID, Grantee: id,
			Grantor: 1, Name: "CONNECT"})
	}
	for _, g := range grants {
		if st.Action == "GRANT" {
			err = p.Grant(g)
		} else {
			err = p.Revoke(g)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// securityStore returns the instance's principals, refusing the statement
// without one or inside a user transaction (the lab's server catalog does
// not roll back).
func (r *run) securityStore(what string) (*principals.Store, error) {
	p := r.s.h.cfg.Principals
	if p == nil {
		return nil, unsupported(what)
	}
	if r.s.eng.TranCount() > 0 {
		return nil, unsupported(what + " inside a user transaction")
	}
	return p, nil
}
