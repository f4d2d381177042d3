package pchat

import (
	"strings"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Connect-PcManagementShell",
		Synopsis: "Reaches the Lync Server Management Shell on a server over WinRM for the rest of the session.",
		Description: "Checks that the WinRM service at the winrm:// address (HTTPS, port 5986 by default) accepts the " +
			"account and that PowerShell there loads the Management Shell module, then sends every pchat cmdlet of the " +
			"session there, as PCSH_LYNC_SHELL=winrm://… does for one run. Each script travels as powershell.exe " +
			"-EncodedCommand in a WinRS shell. -Credential names the account (DOMAIN\\user, user@REALM, or a local account " +
			"with auth=basic); its password comes from PCSH_WINRM_PASSWORD or a prompt and is never printed. With " +
			"?auth=kerberos and no -Credential the ticket kinit left in KRB5CCNAME is used. The server's certificate is " +
			"checked against the system's CAs, or those in PCSH_WINRM_CA_FILE.",
		Output: "PcManagementShell",
		Examples: []cmdlet.Example{
			{Code: `Connect-PcManagementShell winrm://fe1.contoso.com -Credential 'CONTOSO\lyncadmin'`, Remarks: "Prompts for the password, then uses NTLM over HTTPS on port 5986."},
			{Code: "Connect-PcManagementShell winrm://fe1.contoso.com?auth=kerberos", Remarks: "Uses the Kerberos ticket in the credential cache."},
			{Code: "Connect-PcManagementShell winrm://fe1.contoso.com:5986?auth=basic -Credential lyncsvc -Module SkypeForBusiness", Remarks: "A local account with Basic authentication inside TLS, on Skype for Business Server."},
		},
		Related: []string{"Get-CsPersistentChatState", "Set-CsPersistentChatActiveServer"},
		New:     func() cmdlet.Cmdlet { return new(connectShell) },
	})
}

// PcManagementShell describes the connected Management Shell.
type PcManagementShell struct {
	ConnectionUri  string
	User           string
	Authentication string
	Module         string
	ModuleVersion  string
}

type connectShell struct {
	ConnectionUri string `param:"mandatory,position=0,alias=Uri" help:"winrm://HOST[:PORT][?auth=ntlm|kerberos|basic][&spn=HTTP/HOST]."`
	Credential    string `param:"" help:"The account: DOMAIN\\user, user@REALM, or a local account; the password is prompted for or read from PCSH_WINRM_PASSWORD."`
	Module        string `param:"set=Lync|SkypeForBusiness" help:"The Management Shell module: Lync (2013, the default) or SkypeForBusiness (2015)."`
}

// probeLine reports the module's version; its Import-Module (from the
// backend's script) fails when the server has no Management Shell.
const probeLine = "[string](Get-Module -Name {module}).Version"

// Process checks the connection and keeps it in the session.
func (c *connectShell) Process(ctx *cmdlet.Context) error {
	module := c.Module
	if module == "" {
		module = envOr(ctx.Session.Getenv, EnvLyncModule, "Lync")
	}
	run, err := winrmRunnerFor(ctx, c.ConnectionUri, c.Credential)
	if err != nil {
		return err
	}
	b := &shellBackend{run: run, module: module}
	out, err := b.exec(ctx, strings.Replace(probeLine, "{module}", psQuote(module), 1))
	if err != nil {
		return err
	}
	ShellKey.Set(ctx.Session, &ManagementShell{Module: module, runner: run})
	ctx.WriteObject(PcManagementShell{ConnectionUri: run.Target.String(), User: run.Credential.User,
		Authentication: run.Target.Auth, Module: module, ModuleVersion: strings.TrimSpace(string(out))})
	return nil
}

var _ cmdlet.Cmdlet = (*connectShell)(nil)
