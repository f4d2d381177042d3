package pchat

import (
	"strings"

	"pcsh/runtime/cmdlet"
)

// The environment variables that choose and configure a backend.
const (
	EnvCMSDir     = "PCSH_CMS_DIR"     // the lab CMS directory
	EnvLabFile    = "PCSH_LAB_FILE"    // the lab's lab.json, beside its fault plan
	EnvLyncShell  = "PCSH_LYNC_SHELL"  // "local", a computer for Invoke-Command, or winrm://HOST[:PORT]
	EnvPowerShell = "PCSH_POWERSHELL"  // the PowerShell executable, default powershell.exe
	EnvLyncModule = "PCSH_LYNC_MODULE" // the Management Shell module, default Lync
)

// The session state keys that let tests and embedders inject a backend
// or a PowerShell runner, and that hold the Management Shell
// Connect-PcManagementShell opened (it stands for PCSH_LYNC_SHELL for the
// rest of the session).
var (
	BackendKey = cmdlet.NewStateKey[Backend]("pchat.backend")
	RunnerKey  = cmdlet.NewStateKey[Runner]("pchat.runner")
	ShellKey   = cmdlet.NewStateKey[*ManagementShell]("pchat.shell")
)

// backendFor returns the backend the environment selects.
func backendFor(ctx *cmdlet.Context) (Backend, error) {
	if b, ok := BackendKey.Get(ctx.Session); ok {
		return b, nil
	}
	getenv := ctx.Session.Getenv
	dir, shell := getenv(EnvCMSDir), getenv(EnvLyncShell)
	conn, _ := ShellKey.Get(ctx.Session)
	switch {
	case dir != "" && (shell != "" || conn != nil):
		return nil, noBackend("AmbiguousBackend", "Both %s and %s (or Connect-PcManagementShell) are set; set only one.", EnvCMSDir, EnvLyncShell)
	case dir != "":
		return openCMS(ctx, dir)
	case conn != nil:
		return &shellBackend{run: conn.runner, module: conn.Module}, nil
	case shell != "":
		run, err := runnerFor(ctx, shell)
		if err != nil {
			return nil, err
		}
		return &shellBackend{run: run, module: envOr(getenv, EnvLyncModule, "Lync")}, nil
	}
	return nil, noBackend("NoBackend", "No Persistent Chat backend is configured.")
}

func noBackend(id, format string, args ...any) error {
	return cmdlet.Errorf(cmdlet.CategoryResourceUnavailable, id, "", format, args...).
		WithHint("set %s=<dir> for the lab CMS, or %s=local|<computer>|winrm://<host> for the Lync Server Management Shell", EnvCMSDir, EnvLyncShell)
}

// runnerFor returns the injected runner, or PowerShell run locally,
// toward a remote computer by Invoke-Command, or on a winrm:// target
// through pcsh's own WinRM client.
func runnerFor(ctx *cmdlet.Context, shell string) (Runner, error) {
	if isWinRMURI(shell) {
		return winrmRunnerFor(ctx, shell, "")
	}
	local, ok := RunnerKey.Get(ctx.Session)
	if !ok {
		local = ExecRunner{Path: envOr(ctx.Session.Getenv, EnvPowerShell, "powershell.exe")}
	}
	if strings.EqualFold(shell, "local") {
		return local, nil
	}
	return RemoteRunner{Computer: shell, Local: local}, nil
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}
