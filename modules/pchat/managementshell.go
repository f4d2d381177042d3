package pchat

import (
	"crypto/x509"
	"os"

	"pcsh/runtime/cmdlet"
)

// ManagementShell is a Lync Server Management Shell reached over WinRM
// for the rest of a session (Connect-PcManagementShell).
type ManagementShell struct {
	Module string
	runner WinRMRunner
}

// winrmRunnerFor builds the runner for a winrm:// URI: the account from
// user (-Credential) or the environment, the CAs from PCSH_WINRM_CA_FILE,
// the Kerberos files from KRB5_CONFIG and KRB5CCNAME.
func winrmRunnerFor(ctx *cmdlet.Context, uri, user string) (WinRMRunner, error) {
	t, err := ParseWinRMTarget(uri)
	if err != nil {
		return WinRMRunner{}, err
	}
	roots, err := winrmRoots(ctx.Session.Getenv(EnvWinRMCAFile))
	if err != nil {
		return WinRMRunner{}, err
	}
	cred, err := winrmCredential(ctx, t, user)
	if err != nil {
		return WinRMRunner{}, err
	}
	ctx.WriteVerbose("Reaching the Management Shell at %s as %s (%s).", t, cred.User, cred.Source)
	return WinRMRunner{Target: t, Credential: cred, RootCAs: roots, Kerberos: kerberosFiles(ctx.Session.Getenv)}, nil
}

// winrmRoots reads the CA file, or returns nil (the system's roots).
func winrmRoots(path string) (*x509.CertPool, error) {
	if path == "" {
		return nil, nil
	}
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "WinRMCaFileUnreadable", path,
			"Cannot read %s (%s): %w.", EnvWinRMCAFile, path, err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, cmdlet.Errorf(cmdlet.CategoryInvalidData, "WinRMCaFileInvalid", path,
			"%s (%s) holds no PEM certificate.", EnvWinRMCAFile, path)
	}
	return pool, nil
}
