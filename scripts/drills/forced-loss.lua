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
Invoke_PcDrillRunbook{ "Invoke-CsDatabaseFailover", Parameters = { PoolFqdn = "pc.lab.local",
  DatabaseType = "PersistentChat", NewPrincipal = "Mirror", AllowDataLoss = true, Force = true } }
Wait_PcChatRecovery{ Timeout = "60s", Settle = "2s" }
Stop_PcChatTraffic{}
