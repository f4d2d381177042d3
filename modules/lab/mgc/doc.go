// Package mgc is the lab's Persistent Chat content database and a
// simulated chat pool. Schema creates the subset of the documented mgc
// tables the lab uses (tblNode, tblChat and tblServerIdentity, with the
// columns of the Lync Server 2013 schema reference); Pool posts chat
// messages through go-mssqldb to whichever database the pool state points
// at, from the active servers only, as the real Channel service does.
package mgc
