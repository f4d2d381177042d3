package pchat

import (
	"net"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"pcsh/runtime/cmdlet"
)

// WinRMScheme starts a PCSH_LYNC_SHELL value (or -ConnectionUri) that
// reaches the Management Shell through the WinRM service over HTTPS.
const WinRMScheme = "winrm://"

// The WinRM authentication methods pcsh speaks; each travels inside TLS.
const (
	AuthNTLM     = "ntlm"     // NTLMv2 in the Negotiate header (the default)
	AuthKerberos = "kerberos" // SPNEGO with a ticket from the credential cache or the password
	AuthBasic    = "basic"    // a local account, Basic in TLS
)

// WinRMHTTPSPort is WinRM's default HTTPS listener port.
const WinRMHTTPSPort = 5986

// WinRMTarget is a parsed winrm:// URI:
// winrm://HOST[:PORT][/wsman][?auth=ntlm|kerberos|basic][&spn=HTTP/HOST].
type WinRMTarget struct {
	Host string
	Port int
	Auth string
	SPN  string // the Kerberos service principal; HTTP/HOST by default
}

// Endpoint is the WS-Management URL the target names.
func (t WinRMTarget) Endpoint() string {
	return "https://" + net.JoinHostPort(t.Host, strconv.Itoa(t.Port)) + "/wsman"
}

// String is the target as a winrm:// URI, for messages and objects; it
// parses back to the same target.
func (t WinRMTarget) String() string {
	s := WinRMScheme + net.JoinHostPort(t.Host, strconv.Itoa(t.Port)) + "?auth=" + t.Auth
	if t.SPN != "HTTP/"+t.Host {
		s += "&spn=" + url.QueryEscape(t.SPN)
	}
	return s
}

// isWinRMURI reports a value in the winrm:// form.
func isWinRMURI(s string) bool { return strings.HasPrefix(strings.ToLower(s), WinRMScheme) }

// ParseWinRMTarget parses a winrm:// URI. It takes no user information:
// the user comes from -Credential or PCSH_WINRM_USER, never a URI that
// a process list or a crontab would show.
func ParseWinRMTarget(s string) (WinRMTarget, error) {
	switch lower := strings.ToLower(s); {
	case strings.HasPrefix(lower, "http://"):
		return WinRMTarget{}, badURI(s, "pcsh refuses WinRM over plain HTTP, where Basic credentials and the scripts would be readable on the network; winrm://HOST is HTTPS (port 5986)")
	case strings.HasPrefix(lower, "https://"):
		return WinRMTarget{}, badURI(s, "write the HTTPS listener as winrm://HOST[:PORT]")
	}
	u, err := url.Parse(s)
	if err != nil || !isWinRMURI(s) {
		return WinRMTarget{}, badURI(s, "it is not a winrm://HOST[:PORT] URI")
	}
	if u.User != nil {
		return WinRMTarget{}, badURI(s, "a user name or password does not belong in the URI; use -Credential or PCSH_WINRM_USER")
	}
	if !validHost(u.Hostname()) || (u.Path != "" && u.Path != "/" && !strings.EqualFold(u.Path, "/wsman")) {
		return WinRMTarget{}, badURI(s, "give a host name or address and no path other than /wsman")
	}
	t := WinRMTarget{Host: u.Hostname(), Port: WinRMHTTPSPort, Auth: AuthNTLM, SPN: "HTTP/" + u.Hostname()}
	if p := u.Port(); p != "" {
		if t.Port, err = strconv.Atoi(p); err != nil || t.Port < 1 || t.Port > 65535 {
			return WinRMTarget{}, badURI(s, "the port must be 1-65535")
		}
	}
	return t, t.applyQuery(s, u.Query())
}

// applyQuery reads auth= and spn=, rejecting any other key.
func (t *WinRMTarget) applyQuery(s string, q url.Values) error {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := q.Get(k)
		switch strings.ToLower(k) {
		case "auth":
			if t.Auth = strings.ToLower(v); t.Auth != AuthNTLM && t.Auth != AuthKerberos && t.Auth != AuthBasic {
				return badURI(s, "auth must be ntlm, kerberos or basic")
			}
		case "spn":
			t.SPN = v
		default:
			return badURI(s, "unknown key "+strconv.Quote(k)+" (known: auth, spn)")
		}
	}
	return nil
}

// validHost accepts an IP address or a DNS name of letters, digits,
// hyphens and dots.
func validHost(h string) bool {
	if net.ParseIP(h) != nil {
		return true
	}
	if h == "" || len(h) > 253 || strings.HasPrefix(h, ".") || strings.HasPrefix(h, "-") {
		return false
	}
	for _, r := range h {
		if !(r == '-' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

func badURI(s, why string) error {
	s = withoutUserinfo(s)
	return cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "WinRMUriInvalid", s,
		"Cannot use %q as the Management Shell's address: %s.", s, why).
		WithHint("write winrm://fe1.contoso.com (HTTPS on %d), winrm://fe1.contoso.com:5986?auth=kerberos or ?auth=basic", WinRMHTTPSPort)
}

// withoutUserinfo drops what stands between "://" and the host's "@", so
// no message repeats a password written into an address.
func withoutUserinfo(s string) string {
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok {
		return s
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	if at := strings.LastIndex(rest[:end], "@"); at >= 0 {
		return scheme + "://" + rest[at+1:]
	}
	return s
}
