package pchat

import (
	"strings"
	"testing"
)

func TestParseWinRMTarget(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want WinRMTarget
	}{
		{"winrm://fe1.contoso.com", WinRMTarget{"fe1.contoso.com", 5986, AuthNTLM, "HTTP/fe1.contoso.com"}},
		{"WINRM://fe1.contoso.com:443/wsman?auth=Kerberos", WinRMTarget{"fe1.contoso.com", 443, AuthKerberos, "HTTP/fe1.contoso.com"}},
		{"winrm://fe1.contoso.com?auth=kerberos&spn=HTTP/lyncpool.contoso.com", WinRMTarget{"fe1.contoso.com", 5986, AuthKerberos, "HTTP/lyncpool.contoso.com"}},
		{"winrm://[::1]:5986?auth=basic", WinRMTarget{"::1", 5986, AuthBasic, "HTTP/::1"}},
	} {
		got, err := ParseWinRMTarget(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("%s: got %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
		if back, err := ParseWinRMTarget(got.String()); err != nil || back != got {
			t.Errorf("%s: %s parses to %+v, %v", tc.in, got.String(), back, err)
		}
	}
}

func TestParseWinRMTargetRejects(t *testing.T) {
	for in, why := range map[string]string{
		"http://fe1.contoso.com":                  "refuses WinRM over plain HTTP",
		"http://admin:S3cret-pw@fe1.contoso.com":  "refuses WinRM over plain HTTP",
		"https://fe1.contoso.com:5986/wsman":      "winrm://HOST[:PORT]",
		"ftp://fe1.contoso.com":                   "not a winrm://",
		"winrm://admin:S3cret-pw@fe1/wsman?x=@":   "does not belong in the URI",
		"winrm://":                                "give a host",
		"winrm://fe1.contoso.com/other":           "no path other than /wsman",
		"winrm://fe1.contoso.com:0":               "1-65535",
		"winrm://fe1.contoso.com?auth=credssp":    "ntlm, kerberos or basic",
		"winrm://fe1.contoso.com?insecure=1":      `unknown key "insecure"`,
		"winrm://admin:S3cret-pw@fe1.contoso.com": "does not belong in the URI",
	} {
		_, err := ParseWinRMTarget(in)
		if errorID(err) != "WinRMUriInvalid" || !strings.Contains(err.Error(), why) {
			t.Errorf("%s: got %v, want %q", in, err, why)
		}
		if strings.Contains(err.Error(), "S3cret-pw") {
			t.Errorf("%s: the password is in the message: %v", in, err)
		}
	}
}

func FuzzParseWinRMTarget(f *testing.F) {
	for _, s := range []string{"winrm://fe1.contoso.com", "winrm://h:1/wsman?auth=basic&spn=HTTP%2Fx", "winrm://u@h", "winrm://[::1]:99999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseWinRMTarget(s)
		if err != nil {
			return
		}
		if back, err := ParseWinRMTarget(got.String()); err != nil || back != got {
			t.Fatalf("%q: %s parses to %+v, %v; want %+v", s, got.String(), back, err, got)
		}
	})
}
