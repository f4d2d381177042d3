// Package backup is the pcsh module for ad hoc backups and restores of a
// Persistent Chat database: Backup-PcDatabase (full or log, copy-only,
// to a file or a folder on a local disk or a UNC share, with progress
// from WITH STATS) and Restore-PcDatabase (one file, or the whole chain a
// folder holds, in LSN order, with NORECOVERY, RECOVERY or STANDBY).
// The Lync failback runbook (R4) needs both: a full backup of the backup
// data center's mgc to the share, restored over the rebuilt primary
// WITH REPLACE.
//
// Every statement goes through ShouldProcess as the script that runs as
// it stands (connection.RunnableText): -WhatIf prints exactly what would
// be sent. Identifiers are quoted with connection.QuoteName; the file
// names, the FILE position and the STANDBY undo file travel as
// parameters (@p1, @p2, …), which BACKUP and RESTORE accept as variables.
//
// A restore from a folder reads RESTORE HEADERONLY of every file in it
// on the instance that restores (read-only, so also under -WhatIf), takes
// the latest full backup of the database and then, from its last LSN,
// every log backup whose FirstLSN is at or before the LSN reached and
// whose LastLSN is after it. When no log backup continues the chain but a
// later one exists, the chain has a gap: the cmdlet stops with a
// LogChainGap record naming the missing LSN range before it restores
// anything, so it never restores past a gap. REPLACE overwrites the
// existing database and its log tail, so -Replace runs only with
// -AllowDataLoss on the call (cmdlet.RefuseDataLoss).
//
// The folder is listed on the machine pcsh runs on, under the path as
// given: a UNC share both pcsh and the instance reach, or a local folder
// when pcsh runs on the SQL Server host. Against the lab, a UNC path is
// the lab's shares directory (lab.json's sharesDir), as the lab instances
// map it.
//
// Outside effects are injected through Use: the SQL layer (the tests'
// fake) and the folder listing.
package backup
