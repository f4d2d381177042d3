// Package chatpool is the lab's simulated Persistent Chat pool and the
// chat traffic a drill measures it with.
//
// A Pool runs the stretched pool's servers (the servers the lab CMS lists
// for the pool, eight in the standard lab) as goroutines of one process.
// Each Server re-reads the pool state and the active server list from the
// CMS (every 250 ms by default), pings its tblServerIdentity row while it
// is active, serves clients only while it is active, and stores room
// messages in mgc's tblChat on the database the pool state names: the
// primary store with its mirror as failover partner when Normal, the
// backup store with the backup mirror when FailedOver. A post is
// acknowledged only once its INSERT returned without error.
//
// Traffic is the load generator: N clients posting to M rooms at an
// overall rate, each attached to an active server and re-attaching when
// its server refuses it or fails. It returns a Record of every
// acknowledged message and every failed attempt; Measure compares that
// record with the message ids read back from the database the pool uses
// afterwards (Pool.ReadBack) and gives the RPO (acknowledged messages
// missing, and the window they span), the RTO (from a fault to the first
// acknowledged post attempted after it), the longest gap between
// acknowledged posts, and a per-second timeline.
//
// Every outside effect is injected: the clock (Clock), the CMS (CMS) and
// the database (Opener, Database). FromLab wires the real ones for a lab
// started by pcsh lab up.
package chatpool
