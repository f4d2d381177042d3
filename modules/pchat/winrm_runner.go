package pchat

import (
	"bytes"
	"context"
	"crypto/x509"
	"net/http"
	"strings"

	"github.com/masterzen/winrm"
)

// WinRMRunner runs scripts on a Lync server through its WinRM service
// with masterzen/winrm: it creates a cmd shell, starts
// `powershell.exe -NoProfile -NonInteractive -EncodedCommand …` in it,
// receives stdout and stderr until the command is done, signals it to
// terminate and deletes the shell ([MS-WSMV] 3.1.4). The script travels
// base64-encoded, so no command-line quoting is involved.
type WinRMRunner struct {
	Target     WinRMTarget
	Credential WinRMCredential
	RootCAs    *x509.CertPool // the CAs the server's certificate must chain to; nil for the system's
	Kerberos   KerberosFiles  // krb5.conf and the credential cache, for auth=kerberos
}

// Run runs the script and returns its standard output; a failure is an
// ErrorRecord naming what failed (TLS, the credentials, a fault, the
// reply, the script's exit code and its error text).
func (r WinRMRunner) Run(ctx context.Context, script string) ([]byte, error) {
	tr, err := r.transport(ctx)
	if err != nil {
		return nil, r.failure(err, false)
	}
	params := winrm.NewParameters("PT60S", "en-US", 153600)
	params.TransportDecorator = func() winrm.Transporter { return tr }
	ep := &winrm.Endpoint{Host: r.Target.Host, Port: r.Target.Port, HTTPS: true}
	c, err := winrm.NewClientWithParameters(ep, r.Credential.User, r.Credential.Password, params)
	if err != nil {
		return nil, r.failure(err, false)
	}
	var stdout, stderr bytes.Buffer
	code, err := c.RunWithContextWithInput(ctx, commandLine(script), &stdout, &stderr, nil)
	if err != nil {
		return nil, r.failure(err, tr.started)
	}
	if code != 0 {
		return nil, r.exitFailure(code, stderrText(stderr.Bytes()))
	}
	return stdout.Bytes(), nil
}

// commandLine is the WinRS command that runs the script.
func commandLine(script string) string {
	return "powershell.exe " + strings.Join(powershellArgs(script), " ")
}

// transport builds the HTTPS transport for the target's authentication.
func (r WinRMRunner) transport(ctx context.Context) (*wsmanTransport, error) {
	t := &wsmanTransport{ctx: ctx, url: r.Target.Endpoint(), client: httpClient(r.Target, r.RootCAs)}
	switch r.Target.Auth {
	case AuthKerberos:
		krb, err := r.Kerberos.client(r.Credential)
		if err != nil {
			return nil, err
		}
		t.authorize = spnegoAuthorizer(krb, r.Target.SPN)
	default: // Basic, or NTLM, which the Negotiator makes of the Basic credentials
		t.authorize = func(req *http.Request) error {
			req.SetBasicAuth(r.Credential.User, r.Credential.Password)
			return nil
		}
	}
	return t, nil
}

var _ Runner = WinRMRunner{}
