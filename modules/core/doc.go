// Package core is the pcsh module with the host's own cmdlets: command
// discovery and help, the formatting and pipeline cmdlets, the Write-*
// streams, Start-Sleep and Get-Date.
package core
