package connection

import (
	"errors"
	"fmt"
	"strings"

	"github.com/jcmturner/gokrb5/v8/iana/errorcode"
	"github.com/jcmturner/gokrb5/v8/krberror"
	"github.com/microsoft/go-mssqldb/integratedauth/krb5"

	"pcsh/runtime/cmdlet"
)

// kdcErrors are the KDC's answers (RFC 4120 7.5.9) that get their own
// record, with what to do about each.
var kdcErrors = []struct {
	code int32
	id   string
	msg  string // %s: the target's SPN
	hint string
}{
	{errorcode.KDC_ERR_S_PRINCIPAL_UNKNOWN, "KerberosSpnUnknown",
		"The KDC does not know the service principal %s (KDC_ERR_S_PRINCIPAL_UNKNOWN).",
		"register the SPN on SQL Server's service account (setspn -S SPN DOMAIN\\account; setspn -L lists them), or give serverspn= for the name the instance is registered under"},
	{errorcode.KRB_AP_ERR_TKT_EXPIRED, "KerberosTicketExpired",
		"The KDC refused an expired ticket while asking for %s (KRB_AP_ERR_TKT_EXPIRED).", "run kinit again"},
	{errorcode.KDC_ERR_C_PRINCIPAL_UNKNOWN, "KerberosClientUnknown",
		"The KDC does not know the client principal (KDC_ERR_C_PRINCIPAL_UNKNOWN) needed for %s.", "check user id= and krb5-realm="},
	{errorcode.KDC_ERR_PREAUTH_FAILED, "KerberosPreauthFailed",
		"The KDC refused the client's key (KDC_ERR_PREAUTH_FAILED) needed for %s.", "check the password, or export the keytab again: its key version may be old"},
	{errorcode.KRB_AP_ERR_SKEW, "KerberosClockSkew",
		"The clocks of this host and the KDC differ too much (KRB_AP_ERR_SKEW) for %s.", "synchronize the clock (NTP) with the domain"},
}

// driverErrors are go-mssqldb's krb5 configuration errors.
var driverErrors = []error{krb5.ErrRequiredParametersMissing, krb5.ErrRealmRequiredWithUsernameAndPassword,
	krb5.ErrKrb5ConfigFileRequiredWithUsernameAndPassword, krb5.ErrUsernameRequiredWithKeytab, krb5.ErrRealmRequiredWithKeytab,
	krb5.ErrKrb5ConfigFileRequiredWithKeytab, krb5.ErrKrb5ConfigFileDoesNotExist, krb5.ErrKeytabFileDoesNotExist,
	krb5.ErrKrb5ConfigFileRequiredWithCredCache, krb5.ErrCredCacheFileDoesNotExist}

// kerberosRecord classifies a failed Kerberos connect; nil when err is
// not a Kerberos failure (or the target does not use Kerberos).
func kerberosRecord(t *Target, err error, s *cmdlet.Secrets) *cmdlet.ErrorRecord {
	if t.Authenticator != "krb5" {
		return nil
	}
	text := err.Error()
	for _, k := range kdcErrors {
		if strings.Contains(text, errorcode.Lookup(k.code)) {
			return kerberosError(k.id, t, fmt.Sprintf(k.msg, t.ServerSPN()), k.hint, err)
		}
	}
	for _, d := range driverErrors {
		if errors.Is(err, d) {
			return kerberosError("KerberosConfigurationInvalid", t, fmt.Sprintf("Kerberos cannot start for %s: %s.", t.Display(), d),
				"see go-mssqldb's krb5 keys: krb5-configfile, krb5-credcachefile, krb5-keytabfile, krb5-realm", err)
		}
	}
	var ke krberror.Krberror
	if errors.As(err, &ke) {
		return kerberosError("KerberosFailed", t, s.Redact(fmt.Sprintf("Kerberos failed for %s (%s): %s.", t.Display(), t.ServerSPN(), text)),
			kerberosHint(ke.RootCause), err)
	}
	return nil
}

// kerberosHint says what to check for one of gokrb5's error kinds.
func kerberosHint(rootCause string) string {
	if rootCause == krberror.NetworkingError {
		return "check that the realm's KDC in krb5.conf is reachable (krb5-dnslookupkdc=false keeps DNS out of it)"
	}
	return "klist shows the ticket; kvno SPN asks the KDC for the service ticket as pcsh does"
}

// sqlKerberosHint is the hint for SQL Server's refusal of an integrated
// login: 18452 (the token did not verify) and, for Kerberos, 18456 (no
// login for the verified principal).
func sqlKerberosHint(t *Target, number int32) string {
	switch {
	case number == 18452 && t.Authenticator == "krb5":
		return "the instance could not verify the ticket for " + t.ServerSPN() +
			": check that its service account holds that SPN (and the keytab's key version), and the clocks"
	case number == 18452 && t.Integrated():
		return "the instance could not verify the Windows login: check the domain trust, or use authenticator=krb5"
	case number == 18456 && t.Authenticator == "krb5":
		return "the ticket was accepted, but the Windows login has no login on the instance: CREATE LOGIN [DOMAIN\\user] FROM WINDOWS"
	}
	return ""
}
