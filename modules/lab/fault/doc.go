// Package fault is the lab's fault plane: the faults a drill injects
// (partitions, slow links, full disks) are written to one file in the lab
// directory, faults.json, and every lab instance watches it. Instances
// enforce partitions and latency on their listeners (TDS and mirroring
// endpoints) and full disks on their file writes. Killing and restarting
// instances are real process signals and need no plan.
//
// Sources of a connection are told apart by address: every lab instance
// dials from its own loopback address, and anything else (127.0.0.1, the
// admin's pcsh) counts as the admin's workstation, which sits in the
// layout's admin site.
package fault
