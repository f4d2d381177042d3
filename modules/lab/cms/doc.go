// Package cms is the lab's stand-in for the Lync Central Management Store:
// a small file-backed store holding, for each Persistent Chat pool, its
// PoolState (Normal or FailedOver), its servers and its active server list.
//
// The real CMS lives in SQL Server, but the Persistent Chat failover
// procedures run exactly when SQL instances are down, so the lab's store
// must not depend on any of them: it is one JSON file (cms.json) in a
// directory, read and written by every pcsh process directly. Writes go to
// a temporary file that is renamed over cms.json (readers never see half a
// document), and every read-modify-write holds an exclusive flock on
// cms.lock, so concurrent pcsh processes do not lose each other's updates.
//
// The package depends on nothing else in the lab; it is seeded from a
// topology document (Seed).
package cms
