// Package datacenter runs a whole lab: the documented two-data-center
// layout of Lync Persistent Chat HA/DR (DC1 with the primary SQL instance,
// its mirror and a witness; DC2 with the backup SQL instance and its
// mirror; a log shipping share and copy directories; a Central Management
// Store) as background `pcsh lab serve` processes. It writes DIR/lab.json,
// reports status, stops the lab, and injects faults: kill, restart,
// partition, heal, slow and disk-full.
//
// Lab time is real time. Every schedule and timeout in the lab accepts
// seconds, so a drill that takes an hour on real servers (15-minute log
// backups, a 10-second mirroring timeout) can run in seconds when its
// intervals are set in seconds.
package datacenter
