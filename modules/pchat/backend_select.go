package pchat

import (
	"strings"

	"pcsh/runtime/cmdlet"
)

// The environment variables that choose and configure a backend.
const (
	EnvCMSDir     = "PCSH_CMS_DIR"     // the lab CMS directory
	EnvLyncShell  = "PCSH_LYNC_SHELL"  // "local", or the computer to reach over WinRM
	EnvPowerShell = "PCSH_POWERSHELL"  // the PowerShell executable, default powershell.exe
	EnvLyncModule = "PCSH_LYNC_MODULE" // the Management Shell module, default Lync
)

// The session state keys that let tests and embedders inject a backend
// or a PowerShell runner.
var (
	BackendKey = cmdlet.NewStateKey[Backend]("pchat.backend")
	RunnerKey  = cmdlet.NewStateKey[Runner]("pchat.runner")
)

// backendFor returns the backend the environment selects.
func backendFor(ctx *cmdlet.Context) (Backend, error) {
	if b, ok := BackendKey.Get(ctx.Session); ok {
		return b, nil
	}
	getenv := ctx.Session.Getenv
	dir, shell := getenv(EnvCMSDir), getenv(EnvLyncShell)
	switch {
	case dir != "" && shell != "":
		return nil, noBackend("AmbiguousBackend", "Both %s and %s are set; set only one.", EnvCMSDir, EnvLyncShell)
	case dir != "":
		return openCMS(ctx, dir)
	case shell != "":
		return &shellBackend{run: runnerFor(ctx, shell), module: envOr(getenv, EnvLyncModule, "Lync")}, nil
	}
	return nil, noBackend("NoBackend", "No Persistent Chat backend is configured.")
}

func noBackend(id, format string, args ...any) error {
	return cmdlet.Errorf(cmdlet.CategoryResourceUnavailable, id, "", format, args...).
		WithHint("set %s=<dir> for the lab CMS, or %s=local|<computer> for the Lync Server Management Shell", EnvCMSDir, EnvLyncShell)
}

// runnerFor returns the injected runner, or PowerShell run locally or
// toward a remote computer.
func runnerFor(ctx *cmdlet.Context, shell string) Runner {
	local, ok := RunnerKey.Get(ctx.Session)
	if !ok {
		local = ExecRunner{Path: envOr(ctx.Session.Getenv, EnvPowerShell, "powershell.exe")}
	}
	if strings.EqualFold(shell, "local") {
		return local
	}
	return RemoteRunner{Computer: shell, Local: local}
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}
