package mirror

import (
	"database/sql"
	"fmt"
	"strings"

	"pcsh/runtime/cmdlet"
)

// The reads that say whether an instance has a login and whether that
// login holds CONNECT on the instance's mirroring endpoint.
const (
	qLogin        = "SELECT principal_id FROM sys.server_principals WHERE name = @name"
	qConnectGrant = "SELECT p.grantee_principal_id FROM sys.server_permissions AS p " +
		"JOIN sys.database_mirroring_endpoints AS e ON e.endpoint_id = p.major_id " +
		"WHERE p.class_desc = N'ENDPOINT' AND p.permission_name = N'CONNECT' AND p.state_desc = N'GRANT' " +
		"AND p.grantee_principal_id = @id"
)

// createWindowsLogin is CREATE LOGIN [DOMAIN\account] FROM WINDOWS.
func createWindowsLogin(login string) string { return "CREATE LOGIN " + login + " FROM WINDOWS" }

// grantConnect is GRANT CONNECT ON ENDPOINT::[endpoint] TO [login].
func grantConnect(endpoint, login string) string {
	return "GRANT CONNECT ON ENDPOINT::" + endpoint + " TO " + login
}

// serviceAccount returns the -ServiceAccount entry of an instance: its
// own key (case-insensitive), else "*".
func serviceAccount(h *cmdlet.Hashtable, instance string) string {
	for _, key := range []string{instance, "*"} {
		if v, ok := h.Get(key); ok {
			return strings.TrimSpace(fmt.Sprint(v))
		}
	}
	return ""
}

// accessNode is one instance of a pair as the grants see it.
type accessNode struct {
	on      SQL
	name    string
	ep      endpointState
	account string
}

// accessSteps lets each instance of the pair accept the others'
// mirroring connections: on every instance, for the service account of
// every other instance (unless it is the instance's own account, whose
// login SQL Server already has), CREATE LOGIN … FROM WINDOWS when the
// login is missing and GRANT CONNECT ON ENDPOINT when it is not granted.
// Under -WhatIf an unreachable instance is assumed to have neither.
func (c *installMirror) accessSteps(ctx *cmdlet.Context, n installNodes, st installState) ([]step, error) {
	if c.ServiceAccount == nil {
		return nil, nil
	}
	nodes := []accessNode{{n.principal, n.pName, st.pEP, ""}, {n.mirror, n.mName, st.mEP, ""}}
	if n.wName != "" {
		nodes = append(nodes, accessNode{n.witness, n.wName, st.wEP, ""})
	}
	for i := range nodes {
		if nodes[i].account = serviceAccount(c.ServiceAccount, nodes[i].name); nodes[i].account == "" {
			return nil, errorf(categoryArg, "ServiceAccountMissing", nodes[i].name,
				"-ServiceAccount names no account for %s.", nodes[i].name).
				WithHint(`add "%s" = "DOMAIN\account", or "*" for the account every instance runs as`, nodes[i].name)
		}
	}
	var out []step
	for _, x := range nodes {
		ep, err := quote(orText(x.ep.Name, DefaultEndpointName))
		if err != nil {
			return nil, err
		}
		done := map[string]bool{strings.ToLower(x.account): true}
		for _, o := range nodes {
			if done[strings.ToLower(o.account)] {
				continue
			}
			done[strings.ToLower(o.account)] = true
			s, err := grantSteps(ctx, x, ep, o.account)
			if err != nil {
				return nil, err
			}
			out = append(out, s...)
		}
	}
	return out, nil
}

// grantSteps plans the login and the grant of one account on one instance.
func grantSteps(ctx *cmdlet.Context, x accessNode, ep, account string) ([]step, error) {
	login, err := quote(account)
	if err != nil {
		return nil, err
	}
	hasLogin, granted := false, false
	if x.on != nil {
		res, err := x.on.Query(ctx, qLogin, sql.Named("name", account))
		if err != nil {
			return nil, sqlFailed(ctx, err, x.name, qLogin)
		}
		if r := firstRow(res); r != nil {
			hasLogin = true
			res, err := x.on.Query(ctx, qConnectGrant, sql.Named("id", r["principal_id"]))
			if err != nil {
				return nil, sqlFailed(ctx, err, x.name, qConnectGrant)
			}
			granted = firstRow(res) != nil
		}
	}
	var out []step
	if !hasLogin {
		out = append(out, step{On: x.on, Target: x.name, SQL: createWindowsLogin(login)})
	}
	if !granted {
		out = append(out, step{On: x.on, Target: x.name, SQL: grantConnect(ep, login)})
	}
	return out, nil
}
