-- A known loss: SAFETY OFF, the principal killed with a queued tail, forced service on the mirror.
local lab = ...
Set_PcDrillTarget{ Basis = "SAFETY OFF: the loss is the point", Documented = "BackEndMirroring" }
Set_PcMirroringSafety{ "dc1-sql1", "mgc", Safety = "Off", Force = true }
-- The mirror falls behind: what the principal sends it is delayed.
Invoke_PcLabFault{ "slow", "dc1-sql2", Milliseconds = 1500, Directory = lab, Force = true }
Start_PcChatTraffic{}
Start_Sleep{ Seconds = 3 }
Add_PcDrillEvent{ Kind = "Fault", Name = "kill dc1-sql1 with a queued tail" }
Invoke_PcLabFault{ "kill", "dc1-sql1", Directory = lab, Force = true }
Invoke_PcLabFault{ "heal", "dc1-sql2", Directory = lab, Force = true }
-- Forced service is refused (1455) until the mirror has seen its principal
-- go: wait, as an admin would, for the session to read DISCONNECTED there.
for _ = 1, 60 do
  local ok, rows = pcall(Invoke_PcSqlQuery, { SqlInstance = "dc1-sql2", Database = "master", Confirm = false, ConnectRetryCount = 0,
    Query = "SELECT mirroring_state_desc AS s FROM sys.database_mirroring WHERE database_id = DB_ID(N'mgc')" })
  if ok and rows[1] and rows[1].s == "DISCONNECTED" then break end
  Start_Sleep{ Milliseconds = 250 }
end
Invoke_PcDrillRunbook{ "Invoke-CsDatabaseFailover", Parameters = { PoolFqdn = "pc.lab.local",
  DatabaseType = "PersistentChat", NewPrincipal = "Mirror", AllowDataLoss = true, Force = true } }
Wait_PcChatRecovery{ Timeout = "60s", Settle = "2s" }
Stop_PcChatTraffic{}
