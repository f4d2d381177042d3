// Package drill is pcsh's disaster recovery drill: `pcsh drill
// [SCENARIO…]` starts the lab, sets it up with the built-in runbooks and
// runs scenarios, each a Lua script in scripts/drills that reads like a
// runbook: it starts chat traffic on the simulated pool
// (Start-PcChatTraffic), marks the fault (Add-PcDrillEvent), injects it
// (Invoke-PcLabFault, Stop-PcChatServer), runs the recovery
// (Invoke-PcDrillRunbook records each step object of a runbook), waits
// for the clients to post again (Wait-PcChatRecovery) and stops the
// traffic (Stop-PcChatTraffic), which reads the messages back and
// measures RTO and RPO from the clients' side.
//
// The report compares each figure with the scenario's target
// (Set-PcDrillTarget) and the nearest documented figure; it prints as a
// table through the host formatter, as JSON with --output json, and as a
// self-contained HTML file with a timeline chart as inline SVG. The chart
// is written directly (chart.go) rather than with a plotting library: the
// one that drew it, gonum/plot, parsed twelve TrueType fonts in init() at
// every start of pcsh, a third of a millisecond of every cold start.
package drill
