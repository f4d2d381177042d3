package pchat

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strings"

	"pcsh/runtime/cmdlet"
)

// failure turns a WinRM exchange's error into an ErrorRecord whose id says
// what failed. Nothing runs on the server before the service accepts the
// Command; when it had (started), the record says the script may have run.
func (r WinRMRunner) failure(err error, started bool) error {
	rec := r.classify(err)
	if started {
		hint := "the service had accepted the command, so it may have run: read the state again (Get-CsPersistentChatState) before retrying"
		if rec.Hint != "" {
			hint += "; " + rec.Hint
		}
		rec = rec.WithHint("%s", hint)
	}
	return rec
}

// classify names the failure.
func (r WinRMRunner) classify(err error) *cmdlet.ErrorRecord {
	where := r.Target.String()
	var (
		status *httpStatusError
		fault  *WSManFault
		krb    *kerberosError
		reply  *replyError
	)
	switch {
	case isTLSError(err):
		return cmdlet.Errorf(cmdlet.CategoryConnectionError, "WinRMTlsFailed", where,
			"Cannot establish TLS with the WinRM service at %s: %w.", where, err).
			WithHint("%s", r.tlsHint())
	case errors.As(err, &status) && status.Status == 401:
		return cmdlet.Errorf(cmdlet.CategoryPermissionDenied, "WinRMAccessDenied", where,
			"The WinRM service at %s refused the %s credentials of '%s': %w.", where, r.Target.Auth, r.Credential.User, err).
			WithHint("check the account (%s or -Credential), its password, and that the listener accepts auth=%s", EnvWinRMUser, r.Target.Auth)
	case errors.As(err, &fault):
		return r.faultRecord(fault)
	case errors.As(err, &krb):
		return cmdlet.Errorf(cmdlet.CategoryPermissionDenied, "WinRMKerberosFailed", where,
			"Cannot authenticate to the WinRM service at %s with Kerberos: %w.", where, krb.err).
			WithHint("kinit a ticket (KRB5CCNAME), check KRB5_CONFIG and the SPN (?spn=HTTP/%s)", r.Target.Host)
	case errors.As(err, &status):
		return cmdlet.Errorf(cmdlet.CategoryConnectionError, "WinRMHttpError", where,
			"The WinRM service at %s answered %w.", where, err)
	case isNetError(err) && !errors.As(err, &reply):
		return cmdlet.Errorf(cmdlet.CategoryConnectionError, "WinRMConnectFailed", where,
			"Cannot reach the WinRM service at %s: %w.", where, err).
			WithHint("is the HTTPS listener there (winrm enumerate winrm/config/listener), port %d open?", r.Target.Port)
	}
	return cmdlet.Errorf(cmdlet.CategoryInvalidData, "WinRMBadReply", where,
		"Cannot read the WinRM service's reply from %s: %w.", where, err)
}

// faultRecord names a WS-Management fault: access denied (Win32 error 5,
// as the code itself or as its HRESULT 0x80070005), a timeout, or
// another fault with its codes.
func (r WinRMRunner) faultRecord(f *WSManFault) *cmdlet.ErrorRecord {
	where := r.Target.String()
	switch {
	case f.Number == "5" || f.Number == "2147942405" || strings.HasSuffix(f.Subcode, ":AccessDenied"):
		return cmdlet.Errorf(cmdlet.CategoryPermissionDenied, "WinRMAccessDenied", where,
			"The WinRM service at %s denied '%s' a shell: %w.", where, r.Credential.User, f).
			WithHint("the account needs to be allowed to use remote management on the server (the local Administrators or Remote Management Users group, and RTCUniversalServerAdmins for the Management Shell)")
	case f.TimedOut():
		return cmdlet.Errorf(cmdlet.CategoryOperationTimeout, "WinRMTimedOut", where,
			"The WinRM service at %s timed out: %w.", where, f)
	}
	return cmdlet.Errorf(cmdlet.CategoryInvalidOperation, "WinRMFault", where,
		"The WinRM service at %s answered with a fault: %w.", where, f)
}

// tlsHint explains a TLS failure; 5985 is WinRM's plain HTTP listener.
func (r WinRMRunner) tlsHint() string {
	if r.Target.Port == 5985 {
		return "5985 is WinRM's HTTP listener; pcsh speaks HTTPS only: use the HTTPS listener (5986)"
	}
	return fmt.Sprintf("the server's certificate must chain to a trusted CA and name %s; set %s to the CA's PEM file", r.Target.Host, EnvWinRMCAFile)
}

// exitFailure reports a script that exited non-zero, with its error text.
func (r WinRMRunner) exitFailure(code int, stderr string) error {
	if stderr == "" {
		stderr = "it wrote no error text"
	}
	return cmdlet.Errorf(cmdlet.CategoryInvalidOperation, "ManagementShellFailed", r.Target.String(),
		"The Lync Server Management Shell on %s failed (exit code %d): %s", r.Target.Host, code, stderr)
}

func isTLSError(err error) bool {
	var (
		verify  *tls.CertificateVerificationError
		unknown x509.UnknownAuthorityError
		host    x509.HostnameError
		invalid x509.CertificateInvalidError
		header  tls.RecordHeaderError
		alert   tls.AlertError
	)
	return errors.As(err, &verify) || errors.As(err, &unknown) || errors.As(err, &host) ||
		errors.As(err, &invalid) || errors.As(err, &header) || errors.As(err, &alert)
}

func isNetError(err error) bool {
	var ne net.Error
	var op *net.OpError
	return errors.As(err, &ne) || errors.As(err, &op)
}
