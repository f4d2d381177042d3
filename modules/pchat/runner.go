package pchat

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
)

// Runner runs a PowerShell script and returns its standard output: the
// transport to the Lync Server Management Shell.
type Runner interface {
	Run(ctx context.Context, script string) ([]byte, error)
}

// ExecRunner runs scripts with a local PowerShell executable:
// <Path> -NoProfile -NonInteractive -EncodedCommand <script in base64>.
type ExecRunner struct {
	Path string
}

// Run starts PowerShell and waits for it; a non-zero exit is an error
// carrying what PowerShell wrote to stderr (decoded from CLIXML).
func (r ExecRunner) Run(ctx context.Context, script string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, r.Path, powershellArgs(script)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, fmt.Errorf("%s: %w: %s", r.Path, err, stderrText(stderr.Bytes()))
	}
	return out, nil
}

// RemoteRunner sends scripts to another computer over WinRM through the
// local PowerShell's Invoke-Command.
type RemoteRunner struct {
	Computer string
	Local    Runner
}

// Run wraps the script in Invoke-Command -ComputerName … -ScriptBlock {…}.
func (r RemoteRunner) Run(ctx context.Context, script string) ([]byte, error) {
	return r.Local.Run(ctx, remoteScript(r.Computer, script))
}

func remoteScript(computer, script string) string {
	return "$ErrorActionPreference = 'Stop'\nInvoke-Command -ComputerName " + psQuote(computer) +
		" -ScriptBlock {\n" + script + "\n}"
}

var (
	_ Runner = ExecRunner{}
	_ Runner = RemoteRunner{}
)
