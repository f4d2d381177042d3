-- Loss of the primary SQL instance: SIGKILL of dc1-sql1, automatic failover to dc1-sql2 through the witness.
local lab = ...
require("pcsh.drill").mirroringTarget("dc1-sql1")
Start_PcChatTraffic{}
Start_Sleep{ Seconds = 2 }
Add_PcDrillEvent{ Kind = "Fault", Name = "kill dc1-sql1" }
Invoke_PcLabFault{ "kill", "dc1-sql1", Directory = lab, Force = true }
Wait_PcChatRecovery{ Timeout = "60s", Settle = "2s" }
Stop_PcChatTraffic{}

-- dc1-sql1 comes back and rejoins as the mirror; dc1-sql2 stays the
-- principal for the scenarios that follow (the failback runbook restores
-- the primary at the end).
Invoke_PcLabFault{ "restart", "dc1-sql1", Directory = lab, Force = true }
Add_PcDrillEvent{ "dc1-sql1 restarted" }
