package connection

import (
	"context"
	"sort"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Get-PcSqlInstance",
		Synopsis: "Shows how pcsh would connect to SQL Server instances, without connecting.",
		Description: "Resolves each -SqlInstance (a topology name, a lab host name, host\\instance,port, a connection " +
			"string or a sqlserver:// URL) and shows the address, encryption, authentication, the source of the " +
			"login and the failover partner. A named instance given without a port gets its port from the SQL Server " +
			"Browser of its host (UDP 1434), as the drivers do. Passwords are never shown. Without -SqlInstance it lists the " +
			"instances the resolvers can enumerate (the topology, and the lab file PCSH_LAB_FILE names). Source is Lab " +
			"only for a name resolved through that lab file.",
		Output: "PcSqlInstance",
		Examples: []cmdlet.Example{
			{Code: "Get-PcSqlInstance dc1-sql1", Remarks: "Shows how pcsh reaches the topology's dc1-sql1."},
			{Code: `Get-PcSqlInstance -SqlInstance 'sql01.contoso.com\lync,1433'`, Remarks: "Shows the policy applied to an address."},
			{Code: `Get-PcSqlInstance 'sql01.contoso.com\RTC'`, Remarks: "Asks the SQL Server Browser on sql01.contoso.com for the RTC instance's port, and shows it."},
		},
		New: func() cmdlet.Cmdlet { return new(getInstance) },
	})
}

type getInstance struct {
	SqlInstance []string `param:"position=0,pipeline=byname,alias=ServerInstance|SqlServer" help:"Topology names, host\\instance,port addresses, connection strings or sqlserver:// URLs."`
}

// PcSqlInstance is a resolved instance as Get-PcSqlInstance shows it.
type PcSqlInstance struct {
	Name                   string
	Server                 string
	Address                string
	Port                   int64
	Database               string
	Source                 string
	Encrypt                string
	TrustServerCertificate bool
	Authentication         string
	ServerSpn              string // the SPN a Kerberos client asks the KDC for; "" for other logins
	User                   string
	CredentialSource       string
	FailoverPartner        string
	ConnectionString       string
}

// DefaultView lists the properties a table shows.
func (PcSqlInstance) DefaultView() []string {
	return []string{"Name", "Server", "Port", "Encrypt", "TrustServerCertificate", "Authentication", "CredentialSource", "FailoverPartner"}
}

// Process resolves and describes each instance.
func (g *getInstance) Process(ctx *cmdlet.Context) error {
	m := For(ctx.Session)
	names := g.SqlInstance
	if len(names) == 0 {
		names = m.Names(ctx)
	}
	for _, n := range names {
		t, err := m.Resolve(ctx, n)
		if err != nil {
			ctx.WriteError(err)
			continue
		}
		for _, side := range []*Target{t, t.PartnerAddr} {
			if side != nil && side.portErr != nil {
				ctx.WriteError(side.portErr)
			}
		}
		ctx.WriteObject(m.describe(ctx, t))
	}
	return nil
}

// describe builds the view of a target; the login is looked up without
// prompting.
func (m *Manager) describe(ctx *cmdlet.Context, t *Target) PcSqlInstance {
	v := PcSqlInstance{Name: t.Display(), Server: t.Server(), Address: t.dialHost(), Port: int64(t.Port),
		Database: t.Database, Source: t.Source, Encrypt: t.Encrypt, TrustServerCertificate: t.TrustServerCertificate,
		Authentication: authName(t), User: t.User, CredentialSource: "none"}
	if t.PartnerAddr != nil {
		v.FailoverPartner = t.PartnerAddr.String()
	}
	c, ok, err := m.viewCredential(t)
	switch {
	case err != nil:
		ctx.WriteError(err)
		v.CredentialSource = "error"
	case t.Authenticator == "winsspi":
		v.CredentialSource = CredIntegrated
	case ok:
		v.User, v.CredentialSource = c.User, c.Source
	}
	if t.Authenticator == "krb5" {
		v.ServerSpn = t.ServerSPN()
	}
	m.Secrets.Add(c.Password)
	c.User, c.Password = v.User, masked(c.Password)
	v.ConnectionString = m.Secrets.Redact(t.dsn(c, "", true))
	return v
}

// viewCredential finds the login without prompting; for Kerberos it
// reads the ticket cache, so a missing or expired ticket shows at once.
func (m *Manager) viewCredential(t *Target) (Credential, bool, error) {
	if t.Authenticator == "krb5" {
		c, err := m.kerberos(t)
		return c, err == nil, err
	}
	return m.findCredential(t)
}

// masked stands in for a password in a connection string that is shown:
// the string is built with the mask, so no pattern has to find the
// password afterwards (a short one, or one holding ';' or quotes, would
// slip past).
func masked(password string) string {
	if password == "" {
		return ""
	}
	return cmdlet.Mask
}

func authName(t *Target) string {
	switch {
	case t.Authenticator == "krb5":
		return "Kerberos"
	case t.Integrated():
		return "Integrated (" + t.Authenticator + ")"
	}
	return "SqlLogin"
}

// Lister is implemented by resolvers that can enumerate their instances.
type Lister interface {
	Names(ctx context.Context) ([]string, error)
}

// Names lists the instance names the resolvers can enumerate, sorted.
func (m *Manager) Names(ctx *cmdlet.Context) []string {
	var out []string
	for _, r := range m.allResolvers() {
		if l, ok := r.(Lister); ok {
			names, err := l.Names(ctx)
			if err != nil {
				ctx.WriteError(err)
			}
			out = append(out, names...)
		}
	}
	sort.Strings(out)
	return out
}

var _ cmdlet.Cmdlet = (*getInstance)(nil)
