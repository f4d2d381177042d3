// Package pchat is the pcsh module for the Persistent Chat pool state and
// active servers: Get-/Set-CsPersistentChatState,
// Get-/Set-CsPersistentChatActiveServer (Get-CsPersistentChatActiveServer
// is the reader Lync lacks).
//
// The cmdlets keep the Lync Server Management Shell's names and parameters
// and enforce the documented rules themselves: at most 4 active servers,
// and active servers in the data center of the database in use (from the
// topology document, see pcsh/modules/topology) unless -Force.
//
// Two backends sit behind one Backend interface, chosen from the
// environment by every pchat cmdlet alike:
//
//   - PCSH_CMS_DIR=<dir>: the lab's Central Management Store
//     (pcsh/modules/lab/cms), seeded from the topology document on first use.
//   - PCSH_LYNC_SHELL=local: the real Lync Server Management Shell, run as
//     `powershell.exe -NoProfile -NonInteractive -EncodedCommand <script>`
//     (the executable from PCSH_POWERSHELL, the module imported from
//     PCSH_LYNC_MODULE, default Lync).
//   - PCSH_LYNC_SHELL=<computer>: the same script sent to <computer> over
//     WinRM by the local PowerShell's Invoke-Command.
//   - PCSH_LYNC_SHELL=winrm://HOST[:PORT][?auth=ntlm|kerberos|basic]: pcsh's
//     own WinRM client (masterzen/winrm), for a Linux admin host: HTTPS
//     (port 5986 by default), a WinRS shell running the same
//     powershell.exe -EncodedCommand line; the account from
//     PCSH_WINRM_USER/PCSH_WINRM_PASSWORD, a prompt, or a Kerberos ticket.
//     Connect-PcManagementShell does the same for the rest of a session,
//     with -Credential.
//
// The script travels base64-encoded (UTF-16LE), so no command-line
// quoting is involved, and PowerShell's CLIXML error stream is decoded
// into the error's message.
//
// Setting both variables is an error. The Management Shell receives
// exactly the documented cmdlet lines, every value in PowerShell single
// quotes; -WhatIf prints the same line as its operation.
package pchat
