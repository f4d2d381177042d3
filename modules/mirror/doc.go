// Package mirror is the pcsh module for SQL Server database mirroring of
// the Persistent Chat databases (mgc, mgccomp).
//
// Lync Server Management Shell cmdlets, with their names and parameters:
// Install-CsMirrorDatabase, Uninstall-CsMirrorDatabase,
// Get-CsDatabaseMirrorState and Invoke-CsDatabaseFailover. SQL-level
// cmdlets: New-, Get-, Test- and Remove-PcMirroringEndpoint, Suspend- and
// Resume-PcMirroring, Set-PcMirroringSafety (SAFETY and TIMEOUT),
// Get-PcMirroringStatus, and Add- and Remove-PcMirroringMonitor.
//
// Install-CsMirrorDatabase -ServiceAccount (a pcsh extension: Lync reads
// the SQL Server service accounts through WMI) gives each instance of the
// pair a Windows login and CONNECT on its mirroring endpoint for the other
// instances' accounts (CREATE LOGIN … FROM WINDOWS when missing, GRANT
// CONNECT ON ENDPOINT when not granted, read from sys.server_principals
// and sys.server_permissions).
//
// Add-PcMirroringMonitor creates the "Database Mirroring Monitor Job"
// (msdb's sp_dbmmonitoraddmonitoring; sp_dbmmonitorchangemonitoring when
// it exists with another period) that SSMS creates when it starts
// mirroring and ALTER DATABASE … SET PARTNER does not, as dbatools'
// Add-DbaDbMirrorMonitor does; Remove-PcMirroringMonitor drops it
// (sp_dbmmonitordropmonitoring). Install-CsMirrorDatabase does not add it:
// Lync's cmdlet does not either, so its statements stay Lync's.
//
// # Instances
//
// The Lync cmdlets find the principal, mirror and witness in the topology
// document (PCSH_TOPOLOGY, else ./topology.lua; see modules/topology):
// -SqlServerFqdn/-SqlInstanceName name the primary store, or the backup
// store whose pair is the backup mirror and backup witness; -PoolFqdn
// names the pool, whose primary pair is used while the topology's pool
// state is Normal and its backup pair when FailedOver. Mirroring ports come
// from the topology too (5022, and 7022 for a witness, by default). A store
// is reached as host[\instance], which the connection module resolves (the
// lab.json resolver maps lab host names to their loopback addresses); the
// topology module registers no resolver of its own. The Pc cmdlets take
// -SqlInstance: a topology store name, or anything the connection module
// accepts. Every statement runs in master, on exactly the instance named:
// the resolver's failover partner is dropped, so a statement meant for
// one partner never runs on the other.
//
// # Changes and -WhatIf
//
// Each change is one statement confirmed through ShouldProcess with the
// exact T-SQL as its operation, so -WhatIf prints every statement and
// -Confirm asks before each. Identifiers are quoted with QUOTENAME rules;
// the values T-SQL takes only as literals (BACKUP/RESTORE paths, partner
// and witness addresses) are N'…' literals, and ports are validated
// integers. The reads run under -WhatIf as well, so the statements shown
// are those a run would make; an instance that cannot be reached under
// -WhatIf is reported with a warning and assumed to be in the state the
// procedure expects. Operations that can lose data need -Force: forcing
// service on a mirror, SAFETY OFF, dropping an ONLINE database on the
// mirror, and dropping an endpoint that mirroring sessions use.
//
// # Outside effects
//
// SQL, the reachability probe, TCP dials, the share check, report files,
// the clock and the topology are reached through World (the session's
// state under a typed key), which tests replace with Install.
package mirror
