// Package pclab is the pcsh module for the lab as cmdlets, so a drill is
// a Lua script like any runbook: Start-PcLab, Get-PcLabInstance,
// Stop-PcLab and Invoke-PcLabFault. They call the functions of
// pcsh/modules/lab/datacenter that `pcsh lab up`, `status`, `down` and
// `fault` call (Start, Instances, Stop, ApplyFault), so the cmdlets and
// the command line cannot drift apart. Each change goes through
// ShouldProcess: starting and stopping the lab are Medium impact, a fault
// High. Start-PcLab -UseInSession points the running session at the lab it
// started (see useLab), since a drill runs in one pcsh process.
package pclab
