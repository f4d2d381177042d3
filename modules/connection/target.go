package connection

import (
	"maps"
	"net"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The sources a Target can come from.
const (
	SourceResolver         = "Resolver"         // a topology or map resolver
	SourceLab              = "Lab"              // lab.json
	SourceConnectionString = "ConnectionString" // key=value or sqlserver:// URL
	SourceAddress          = "Address"          // host[\instance][,port]
)

// AppName is the application name pcsh sends, so DBAs can tell its
// sessions in sys.dm_exec_sessions.
const AppName = "pcsh"

// Target is a resolved SQL Server instance: where and how to connect. It
// never holds a password; credentials are resolved separately.
type Target struct {
	Name     string // as the admin wrote it
	Source   string // SourceResolver, SourceLab, SourceConnectionString or SourceAddress
	Host     string // the name the instance is known by (certificate, SPN)
	Address  string // the address dialled, "" when it is Host
	Instance string
	Port     int
	Database string
	Lab      bool

	Encrypt                string // true (default), strict, false or disable
	TrustServerCertificate bool
	Authenticator          string // "" (SQL login), ntlm, winsspi or krb5
	User                   string // from the connection string, if it named one
	password               string // from the connection string, if it held one

	Partner     string  // the failover partner as configured
	PartnerAddr *Target // the partner, resolved; nil when there is none
	DialTimeout time.Duration
	Options     map[string]string // other connection-string keys, lower case

	portErr error // the SQL Server Browser lookup that failed, if any
}

// Server returns host[\instance] as SQL Server names it.
func (t *Target) Server() string {
	if t.Instance == "" {
		return t.Host
	}
	return t.Host + `\` + t.Instance
}

// String returns host[\instance][,port].
func (t *Target) String() string {
	if t.Port == 0 {
		return t.Server()
	}
	return t.Server() + "," + strconv.Itoa(t.Port)
}

// dialHost is the host go-mssqldb dials.
func (t *Target) dialHost() string {
	if t.Address != "" {
		return t.Address
	}
	return t.Host
}

// Integrated reports whether the target uses Windows integrated
// authentication instead of a SQL login.
func (t *Target) Integrated() bool { return t.Authenticator != "" }

// DSN renders the ADO connection string for this target with a login and
// a database ("" keeps the target's), including failoverpartner= when the
// target has a partner. Values are quoted as go-mssqldb's parser expects,
// so a password may hold ';' or '"'.
func (t *Target) DSN(user, password, database string) string {
	return t.dsn(Credential{User: user, Password: password}, database, true)
}

// dsn renders the connection string, with or without the partner. pcsh's
// own pools leave the partner out and try it explicitly, so they know
// which partner answered (the driver does not say).
func (t *Target) dsn(c Credential, database string, withPartner bool) string {
	if database == "" {
		database = t.Database
	}
	kv := map[string]string{}
	maps.Copy(kv, t.Options)
	maps.Copy(kv, c.options)
	kv["server"] = t.dialHost()
	if t.Instance != "" {
		kv["server"] += `\` + t.Instance
	}
	set := func(k, v string) {
		if v != "" {
			kv[k] = v
		}
	}
	set("port", itoa(t.Port))
	set("database", database)
	set("user id", c.User)
	set("password", c.Password)
	set("encrypt", t.Encrypt)
	kv["trustservercertificate"] = strconv.FormatBool(t.TrustServerCertificate)
	if t.Address != "" && t.Address != t.Host && !isIP(t.Host) {
		set("hostnameincertificate", t.Host)
	}
	if kv["app name"] == "" {
		kv["app name"] = AppName // an admin's explicit "app name" wins
	}
	set("authenticator", t.Authenticator)
	if t.Authenticator == "krb5" {
		kv[serverSPNKey] = t.ServerSPN()
		if c.options[krb5CredCacheKey] != "" {
			delete(kv, "user id") // the cache names the principal; a user id would make go-mssqldb look for a keytab
		}
	}
	if t.DialTimeout > 0 {
		kv["dial timeout"] = itoa(int(t.DialTimeout.Round(time.Second) / time.Second))
	}
	if withPartner {
		t.setPartner(kv)
	}
	return renderADO(kv)
}

func (t *Target) setPartner(kv map[string]string) {
	p := t.PartnerAddr
	if p == nil {
		return
	}
	kv["failoverpartner"] = p.dialHost()
	if p.Instance != "" {
		kv["failoverpartner"] += `\` + p.Instance
	}
	if p.Port != 0 && p.Instance == "" {
		kv["failoverport"] = itoa(p.Port)
	}
}

// renderADO writes key=value pairs in sorted key order, quoting values
// that hold ';', '"' or surrounding spaces.
func renderADO(kv map[string]string) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(kv)) {
		v := kv[k]
		if strings.ContainsAny(v, `;"`) || strings.TrimSpace(v) != v {
			v = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
		}
		if b.Len() > 0 {
			b.WriteByte(';')
		}
		b.WriteString(k + "=" + v)
	}
	return b.String()
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func isIP(h string) bool { return net.ParseIP(h) != nil }

// Display names the target in messages: the name the admin gave, or
// host[\instance][,port] for a connection string (which may hold a
// password).
func (t *Target) Display() string {
	if t.Source == SourceConnectionString {
		return t.String()
	}
	return t.Name
}
