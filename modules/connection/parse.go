package connection

import (
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/microsoft/go-mssqldb/msdsn"
)

// addressRE matches host[\instance][,port], with an optional tcp: prefix.
var addressRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:tcp:)?([A-Za-z0-9][A-Za-z0-9._-]*|\[[0-9A-Fa-f:.]+\])(?:\\([A-Za-z0-9_$#-]+))?(?:,([0-9]{1,5}))?$`)
})

// IsConnectionString reports whether s is a key=value connection string or
// a sqlserver:// URL rather than a name or an address.
func IsConnectionString(s string) bool {
	return strings.HasPrefix(s, "sqlserver://") || strings.HasPrefix(s, "odbc:") || strings.Contains(s, "=")
}

// ParseAddress parses host[\instance][,port] (the forms SSMS accepts) into
// a target with pcsh's connection policy: encrypt=true with certificate
// validation.
func ParseAddress(s string) (*Target, error) {
	m := addressRE().FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return nil, fmt.Errorf("it is not a topology name, a connection string or host[\\instance][,port]")
	}
	t := &Target{Name: s, Source: SourceAddress, Host: strings.Trim(m[1], "[]"), Instance: m[2], Encrypt: "true"}
	if m[3] != "" {
		port, err := parsePort(m[3])
		if err != nil {
			return nil, err
		}
		t.Port = port
	}
	return t, nil
}

// ParseConnectionString parses an ADO key=value string, an ODBC string or a
// sqlserver:// URL with go-mssqldb's own parser, then applies pcsh's policy
// to what the string leaves open: encrypt=true and certificate validation
// unless it says otherwise. The error never quotes the input, which may
// hold a password.
func ParseConnectionString(s string) (*Target, error) {
	cfg, err := msdsn.Parse(s)
	if err != nil {
		return nil, err
	}
	p := cfg.Parameters
	host, inst, _ := strings.Cut(p["server"], `\`)
	if host == "" || host == "." || strings.EqualFold(host, "(local)") {
		host = "localhost"
	}
	t := &Target{Name: s, Source: SourceConnectionString, Host: host, Instance: inst, Port: int(cfg.Port),
		Database: cfg.Database, User: cfg.User, password: cfg.Password, Options: map[string]string{}}
	if err := t.applyParams(p); err != nil {
		return nil, err
	}
	return t, nil
}

// consumed are the keys a Target models itself; the rest pass through.
var consumed = []string{"server", "port", "database", "user id", "password", "encrypt", "trustservercertificate",
	"authenticator", "failoverpartner", "failoverport", "integrated security", "trusted_connection"}

func (t *Target) applyParams(p map[string]string) error {
	t.Encrypt = normalizeEncrypt(p["encrypt"])
	if v, ok := p["trustservercertificate"]; ok {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("trustservercertificate must be true or false, not %q", v)
		}
		t.TrustServerCertificate = b
	}
	t.Authenticator = p["authenticator"]
	if t.Authenticator == "" && (isTrue(p["integrated security"]) || isTrue(p["trusted_connection"])) {
		t.Authenticator = DefaultAuthenticator()
	}
	if fp := p["failoverpartner"]; fp != "" {
		t.Partner = fp
		if port := p["failoverport"]; port != "" {
			t.Partner += "," + port
		}
	}
	for k, v := range p {
		if !slices.Contains(consumed, k) {
			t.Options[k] = v
		}
	}
	return nil
}

// normalizeEncrypt maps go-mssqldb's encrypt spellings to one word each;
// absent means pcsh's default, true.
func normalizeEncrypt(v string) string {
	switch strings.ToLower(v) {
	case "", "mandatory", "yes", "1", "t", "true":
		return "true"
	case "optional", "no", "0", "f", "false":
		return "false"
	}
	return strings.ToLower(v) // strict, disable; msdsn.Parse rejected the rest
}

// DefaultAuthenticator is the integrated-authentication provider
// go-mssqldb uses on this platform: SSPI on Windows, NTLM elsewhere.
func DefaultAuthenticator() string {
	if runtime.GOOS == "windows" {
		return "winsspi"
	}
	return "ntlm"
}

func isTrue(v string) bool {
	switch strings.ToLower(v) {
	case "true", "yes", "sspi", "1":
		return true
	}
	return false
}

func parsePort(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 65535 {
		return 0, fmt.Errorf("port %q is not between 1 and 65535", s)
	}
	return n, nil
}
