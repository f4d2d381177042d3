-- Planned failover inside DC1: Invoke-CsDatabaseFailover moves mgc to the mirror, then back.
require("pcsh.drill").mirroringTarget("dc1-sql1")
Start_PcChatTraffic{}
Start_Sleep{ Seconds = 2 }
Add_PcDrillEvent{ Kind = "Fault", Name = "planned failover to dc1-sql2" }
Invoke_PcDrillRunbook{ "Invoke-CsDatabaseFailover", Parameters = { PoolFqdn = "pc.lab.local",
  DatabaseType = "PersistentChat", NewPrincipal = "Mirror", Force = true } }
Wait_PcChatRecovery{ Timeout = "30s", Settle = "2s" }
Stop_PcChatTraffic{}
-- Back to the primary for the scenarios that follow (not measured).
Invoke_CsDatabaseFailover{ PoolFqdn = "pc.lab.local", DatabaseType = "PersistentChat", NewPrincipal = "Primary", Force = true }
