// Package mirror is database mirroring for the pcsh lab: each lab
// instance's DATABASE_MIRRORING endpoint really listens on its own
// address, and partners and witnesses talk over TCP with a small framed
// protocol (protocol.go): Hello/Welcome naming instance, database and
// role, Log blocks with LSNs, Acks of the hardened LSN, Pings that drive
// the partner TIMEOUT, Control messages for role changes, and Witness
// status, requests and verdicts.
//
// One Server runs per engine instance (New). The executor maps the T-SQL
// statements (modules/lab/tsql) onto its methods; every error is an
// *engine.Error with SQL Server's documented number:
//
//	CREATE ENDPOINT (tsql.EndpointStmt, Action "CREATE", Mirroring != nil)
//	    → CreateEndpoint(EndpointSpec{Name: s.Name, Authorization: s.Authorization,
//	        State: s.State, Port: &eval(s.TCP.Port), ListenerIP: s.TCP.ListenerIP,
//	        Authentication: s.Mirroring.Authentication, Certificate: s.Mirroring.Certificate,
//	        Encryption: s.Mirroring.Encryption, Algorithm: s.Mirroring.Algorithm,
//	        Role: s.Mirroring.Role})                       7862, 7890
//	ALTER ENDPOINT (Action "ALTER")  → AlterEndpoint(same spec; unset fields empty / nil Port)
//	                                                        15151, 7863, 7890
//	DROP ENDPOINT (Action "DROP")    → DropEndpoint(s.Name)  15151
//
//	ALTER DATABASE d SET … (tsql.AlterDatabaseStmt, d = s.Name or the current database):
//	  Partner.Action "ADDRESS"   → SetPartner(d, eval(Partner.Address))
//	  Partner.Action "FAILOVER"  → Failover(d)
//	  Partner.Action "FORCE_SERVICE_ALLOW_DATA_LOSS" → ForceService(d) (ForceReport: what may be lost)
//	  Partner.Action "OFF"       → Off(d)
//	  Partner.Action "RESUME"    → Resume(d)
//	  Partner.Action "SUSPEND"   → Suspend(d)
//	  Partner.Action "SAFETY"    → SetSafety(d, Partner.Safety == "FULL")
//	  Partner.Action "TIMEOUT"   → SetTimeout(d, eval(Partner.Timeout))
//	  Witness.Address != nil     → SetWitness(d, eval(Witness.Address))
//	  Witness.Address == nil     → WitnessOff(d)
//
// The method comments list the errors each raises. The executor keeps
// the statement-level rules: ENDPOINT DDL is not allowed inside a user
// transaction, FAILOVER wants master as the database context.
//
// System views: New registers sys.database_mirroring_endpoints,
// sys.tcp_endpoints, sys.endpoints and sys.database_mirroring_witnesses
// with the instance (engine.RegisterSystemView), and overlays the live
// state on the engine's sys.database_mirroring (all 21 documented
// columns). Status reports the send queue (KB and transactions).
//
// Client redirection: FailoverPartner(db) returns the mirror's instance
// name for ENVCHANGE 13 on a login to the principal; the same name is
// stored as mirroring_partner_instance, which the executor's
// tds.SessionInfo.FailoverPartner already reads.
//
// Semantics follow the SQL Server documentation: the mirror's SET PARTNER
// first (database RESTORING, FULL recovery, restored from a full and a log
// backup WITH NORECOVERY), then the principal's. SAFETY FULL commits
// return once the mirror hardened the log (engine.LogShipper.Harden);
// SAFETY OFF ships asynchronously with a send queue. States move
// SYNCHRONIZING → SYNCHRONIZED, SUSPENDED, DISCONNECTED, PENDING_FAILOVER.
// A witness arbitrates quorum: the mirror of a synchronized SAFETY FULL
// session takes over automatically when the witness no longer hears the
// principal; a principal that loses both partner and witness for TIMEOUT
// stops serving (RECOVERING). A former principal that comes back becomes
// the mirror and resynchronizes; if its log diverged (commits the mirror
// never hardened) the new principal re-seeds it with a database image.
//
// Lab time is real time: TIMEOUT n is n seconds (0-4 become 5, as
// documented), pings run every Config.PingInterval (1 s by default). The
// clock and dialer are injected (Config.Clock, Config.Dialer).
package mirror
