package connection

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"github.com/jcmturner/gokrb5/v8/credentials"
	"github.com/jcmturner/gokrb5/v8/iana/nametype"
	"github.com/jcmturner/gokrb5/v8/types"
	_ "github.com/microsoft/go-mssqldb/integratedauth/krb5" // authenticator=krb5: Kerberos from Linux and macOS

	"pcsh/runtime/cmdlet"
)

// go-mssqldb's krb5 connection-string keys (integratedauth/krb5).
const (
	krb5ConfigKey    = "krb5-configfile"
	krb5KeytabKey    = "krb5-keytabfile"
	krb5CredCacheKey = "krb5-credcachefile"
	serverSPNKey     = "serverspn"
)

// The Kerberos credential sources reported in Credential.Source.
const (
	CredKerberosCache  = "kerberos credential cache"
	CredKerberosKeytab = "kerberos keytab"
)

// defaultKrb5Config is where MIT, Heimdal and go-mssqldb look without
// KRB5_CONFIG.
const defaultKrb5Config = "/etc/krb5.conf"

// kerberos finds the login go-mssqldb's krb5 authenticator will use for
// t, as kinit users expect, and checks it before any connection is made:
//
//  1. user id and password in the connection string (krb5-realm or
//     user@REALM names the realm);
//  2. a keytab: krb5-keytabfile, or KRB5_KTNAME when user id is given;
//  3. a credential cache: krb5-credcachefile, KRB5CCNAME (FILE: caches
//     only) or MIT's default /tmp/krb5cc_<uid>.
//
// A cache must exist and hold an unexpired ticket-granting ticket; the
// principal in it becomes the user shown. The cache path is passed to
// go-mssqldb explicitly (it reads neither the FILE: prefix nor MIT's
// default).
func (m *Manager) kerberos(t *Target) (Credential, error) {
	config := firstOf(t.Options[krb5ConfigKey], m.Getenv("KRB5_CONFIG"), defaultKrb5Config)
	if _, err := m.FS.Stat(config); err != nil {
		return Credential{}, kerberosError("KerberosConfigNotFound", t,
			fmt.Sprintf("The Kerberos configuration %s cannot be read: %v.", config, err),
			"set KRB5_CONFIG or krb5-configfile= to the realm's krb5.conf", err)
	}
	if t.User != "" && t.password != "" {
		return Credential{User: t.User, Password: t.password, Source: CredFromConnectionString}, nil
	}
	if kt := t.Options[krb5KeytabKey]; kt != "" || (t.User != "" && m.Getenv("KRB5_KTNAME") != "") {
		return m.kerberosKeytab(t, firstOf(kt, strings.TrimPrefix(m.Getenv("KRB5_KTNAME"), "FILE:")))
	}
	return m.kerberosCache(t)
}

// kerberosKeytab checks a keytab login: the user and the file.
func (m *Manager) kerberosKeytab(t *Target, path string) (Credential, error) {
	if t.User == "" {
		return Credential{}, kerberosError("KerberosUserMissing", t,
			fmt.Sprintf("A Kerberos keytab (%s) needs the principal to log in as.", path),
			"add user id=NAME (and krb5-realm=REALM, or user id=NAME@REALM) to the connection string", nil)
	}
	if _, err := m.FS.Stat(path); err != nil {
		return Credential{}, kerberosError("KerberosKeytabNotFound", t,
			fmt.Sprintf("The Kerberos keytab %s cannot be read: %v.", path, err),
			"check krb5-keytabfile= or KRB5_KTNAME", err)
	}
	return Credential{User: t.User, Source: CredKerberosKeytab + " " + path,
		options: map[string]string{krb5KeytabKey: path}}, nil
}

// kerberosCache checks a credential-cache login: the cache exists, is a
// file and holds a ticket-granting ticket that has not expired.
func (m *Manager) kerberosCache(t *Target) (Credential, error) {
	path, err := m.credCachePath(t)
	if err != nil {
		return Credential{}, err
	}
	b, err := m.FS.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Credential{}, kerberosError("KerberosCredentialCacheNotFound", t,
			fmt.Sprintf("There is no Kerberos ticket for %s: the credential cache %s does not exist.", t.Display(), path),
			"run kinit user@REALM first (or set KRB5CCNAME, or give krb5-credcachefile=, or krb5-keytabfile= with user id=)", err)
	}
	if err != nil {
		return Credential{}, kerberosError("KerberosCredentialCacheInvalid", t,
			fmt.Sprintf("The Kerberos credential cache %s cannot be read: %v.", path, err), "run kinit again", err)
	}
	var cc credentials.CCache
	if err := cc.Unmarshal(b); err != nil {
		return Credential{}, kerberosError("KerberosCredentialCacheInvalid", t,
			fmt.Sprintf("The Kerberos credential cache %s is not a credential cache file: %v.", path, err), "run kinit again", err)
	}
	principal := cc.DefaultPrincipal.PrincipalName.PrincipalNameString() + "@" + cc.DefaultPrincipal.Realm
	if err := m.checkTGT(t, &cc, path, principal); err != nil {
		return Credential{}, err
	}
	return Credential{User: principal, Source: CredKerberosCache + " " + path,
		options: map[string]string{krb5CredCacheKey: path}}, nil
}

// checkTGT refuses a cache without a ticket-granting ticket for the
// principal's realm, or with one that has expired.
func (m *Manager) checkTGT(t *Target, cc *credentials.CCache, path, principal string) error {
	realm := cc.DefaultPrincipal.Realm
	tgt, ok := cc.GetEntry(types.PrincipalName{NameType: nametype.KRB_NT_SRV_INST, NameString: []string{"krbtgt", realm}})
	if !ok {
		return kerberosError("KerberosTicketNotFound", t,
			fmt.Sprintf("The credential cache %s holds no ticket-granting ticket for %s.", path, principal),
			"run kinit "+principal, nil)
	}
	if now := m.Clock.Now(); !now.Before(tgt.EndTime) {
		return kerberosError("KerberosTicketExpired", t,
			fmt.Sprintf("The Kerberos ticket of %s in %s expired at %s.", principal, path, tgt.EndTime.UTC().Format("2006-01-02 15:04:05Z")),
			"run kinit "+principal+" (or kinit -R while it is renewable)", nil)
	}
	return nil
}

// credCachePath is krb5-credcachefile, KRB5CCNAME or MIT's default; only
// FILE: caches can be read (KEYRING:, KCM:, DIR: and MEMORY: cannot).
func (m *Manager) credCachePath(t *Target) (string, error) {
	if p := t.Options[krb5CredCacheKey]; p != "" {
		return p, nil
	}
	name := m.Getenv("KRB5CCNAME")
	if name == "" {
		return "/tmp/krb5cc_" + strconv.Itoa(os.Getuid()), nil
	}
	kind, path, ok := strings.Cut(name, ":")
	switch {
	case !ok:
		return name, nil
	case strings.EqualFold(kind, "FILE"):
		return path, nil
	}
	return "", kerberosError("KerberosCredentialCacheUnsupported", t,
		fmt.Sprintf("KRB5CCNAME is a %s cache; pcsh's Kerberos client reads FILE: caches only.", kind),
		"kinit -c FILE:/tmp/krb5cc_pcsh, then set KRB5CCNAME=FILE:/tmp/krb5cc_pcsh", nil)
}

// kerberosError builds a Kerberos error record.
func kerberosError(id string, t *Target, msg, hint string, err error) *cmdlet.ErrorRecord {
	return &cmdlet.ErrorRecord{Message: msg, ErrorID: id, Category: cmdlet.CategoryConnectionError,
		Target: t.Display(), Hint: hint, Err: err}
}

// ServerSPN is the service principal name a Kerberos client asks for:
// serverspn= when given, else MSSQLSvc/host:port, or MSSQLSvc/host:INSTANCE
// for a named instance, as go-mssqldb asks and SQL Server registers them. host is the name the instance is known by, not the
// address a resolver dials.
func (t *Target) ServerSPN() string {
	if spn := t.Options[serverSPNKey]; spn != "" {
		return spn
	}
	if t.Instance != "" {
		return "MSSQLSvc/" + t.Host + ":" + t.Instance
	}
	return "MSSQLSvc/" + t.Host + ":" + strconv.Itoa(firstPort(t.Port))
}

func firstPort(p int) int {
	if p == 0 {
		return 1433
	}
	return p
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
