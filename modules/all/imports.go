// Package all switches on the modules built into pcsh: one blank import per
// module. To build a pcsh with another module, add its import here (or
// write your own main package that imports the modules you want).
package all

import (
	// The host's own cmdlets.
	_ "pcsh/modules/core"
	// Connections and credentials for every SQL-level module.
	_ "pcsh/modules/connection"
	// The lab SQL Server instance: pcsh lab serve.
	_ "pcsh/modules/lab"
	// The standard two-data-center lab: pcsh lab up|status|down|fault.
	_ "pcsh/modules/lab/datacenter"
	// The lab as cmdlets: Start-PcLab, Get-PcLabInstance, Stop-PcLab, Invoke-PcLabFault.
	_ "pcsh/modules/lab/pclab"
	// The DR drill: pcsh drill, Start-/Stop-PcChatTraffic, Add-PcDrillEvent, Invoke-PcDrillRunbook, ...
	_ "pcsh/modules/lab/drill"
	// The Persistent Chat HA/DR topology document: Get/Test/Export/Compare-PcTopology.
	_ "pcsh/modules/topology"
	// Persistent Chat pool state and active servers: Get/Set-CsPersistentChatState, Get/Set-CsPersistentChatActiveServer.
	_ "pcsh/modules/pchat"
	// Log shipping (New/Remove-PcLogShipping, status, errors, jobs, recovery) and Test-PcResource.
	_ "pcsh/modules/logship"
	// Database mirroring: Install/Uninstall-CsMirrorDatabase, Get-CsDatabaseMirrorState, Invoke-CsDatabaseFailover, Pc mirroring cmdlets.
	_ "pcsh/modules/mirror"
	// Ad hoc backups and restores: Backup-PcDatabase, Restore-PcDatabase (a chain from a folder, in LSN order).
	_ "pcsh/modules/backup"
	// The built-in runbooks under scripts/.
	_ "pcsh/scripts"
)
