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
//     `powershell.exe -NoProfile -NonInteractive -Command <script>` (the
//     executable from PCSH_POWERSHELL, the module imported from
//     PCSH_LYNC_MODULE, default Lync).
//   - PCSH_LYNC_SHELL=<computer>: the same script sent to <computer> over
//     WinRM by the local PowerShell's Invoke-Command. No Go WinRM client is
//     available to this build; a direct one would implement Runner.
//
// Setting both variables is an error. The Management Shell receives
// exactly the documented cmdlet lines, every value in PowerShell single
// quotes; -WhatIf prints the same line as its operation.
package pchat
