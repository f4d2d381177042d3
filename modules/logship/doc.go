// Package logship is the pcsh module for SQL Server log shipping of the
// Persistent Chat database (mgc): New-PcLogShipping,
// Add-PcLogShippingMirrorSource, Get-PcLogShippingStatus,
// Get-PcLogShippingError, Start-PcLogShippingJob,
// Invoke-PcLogShippingRecovery, Remove-PcLogShipping, and Test-PcResource,
// the live check of the resources the Lync Server 2013 documentation
// requires ("Required resources for Persistent Chat Server").
//
// Every change is one T-SQL batch sent through pcsh/modules/connection,
// with identifiers quoted by QuoteName and every value passed as a
// parameter (@p1, @p2, …). Each batch goes through ShouldProcess with the
// batch itself as the action text, followed by a comment that lists the
// values bound to its parameters, so -WhatIf prints the exact statements:
//
//	What if: Performing the operation "EXEC master.dbo.sp_add_log_shipping_primary_database @database = @p1, … -- @p1 = N'mgc', …" on target "dc1-sql1".
//
// -WhatIf never connects: a changing cmdlet renders its plan from its
// parameters alone (dbatools touched the share under -WhatIf, its issue
// 6314). Where a step depends on what the server holds (the job to start,
// the sessions to end, the directory of the share) the batch looks it up
// itself in msdb or the system views, so the plan stays exact.
//
// Test-PcResource lives here rather than in the topology module because
// its checks are the log shipping prerequisites (share, SQL Server Agent,
// FULL recovery) plus the mirroring endpoints, and it shares this
// package's SQL seam (Server, Dialer), its fakes and its worker pool with
// Get-PcLogShippingStatus; splitting it out would mean exporting those.
// Like every Test verb it changes nothing: the share and the copy
// directory are reached with RESTORE LABELONLY of a missing file (OS error
// 2 means the directory was reached) and msdb says what the instance last
// wrote there, instead of a probe backup.
//
// Outside effects are injected: Use installs a Dialer for a session (the
// tests' fake SQL layer), the clock is the session's, and the TCP probe of
// Test-PcResource is a field of the module state.
package logship
